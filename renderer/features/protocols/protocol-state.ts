import type { SessionProtocol } from '../../../shared/contract/api-protocol.js';
import { rowAt } from '../../store/page-cache.js';
import type { AppState } from '../../store/types.js';

/** Selector: the active session's protocol layer, if it has one. */
export function activeProtocol(state: AppState): SessionProtocol | undefined {
  return state.sessions.byId[state.sessions.activeId ?? '']?.protocol;
}

/** Selector: true when the timeline's session decodes a protocol, so rows get the protocol column. */
export function hasProtocolColumn(state: AppState): boolean {
  const id = state.timeline.sessionId;
  return id !== null && state.sessions.byId[id]?.protocol?.id != null;
}

/** Selector: true when the selected row's frame carries protocol messages (or a note why its message was not decoded). */
export function selectedHasProtocol(state: AppState): boolean {
  const index = state.timeline.selectedIndex;
  if (index === null) return false;
  const row = rowAt(state.timeline.pages, index);
  return row?.kind === 'frame' && row.protocol !== undefined;
}
