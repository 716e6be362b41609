import type { AppState } from '../../store/types.js';

/** How a direction reads: a short cell text and the words a screen reader and the detail use (catalogue keys). */
export interface DirectionWords {
  readonly cell: 'timeline:direction.outCell' | 'timeline:direction.inCell' | 'timeline:direction.clientToServerCell' | 'timeline:direction.serverToClientCell';
  readonly words: 'timeline:direction.sent' | 'timeline:direction.received' | 'timeline:direction.fromClient' | 'timeline:direction.toClient';
}

// A listened connection's capture keeps the client's point of view (`out` is client→server), so
// "sent"/"received" would say the opposite of what the listener did; name the ends instead.
const CLIENT_VIEW = {
  out: { cell: 'timeline:direction.outCell', words: 'timeline:direction.sent' },
  in: { cell: 'timeline:direction.inCell', words: 'timeline:direction.received' },
} as const;
const SERVER_VIEW = {
  out: { cell: 'timeline:direction.clientToServerCell', words: 'timeline:direction.fromClient' },
  in: { cell: 'timeline:direction.serverToClientCell', words: 'timeline:direction.toClient' },
} as const;

/** The words for one frame's direction in the shown session. */
export function directionWords(direction: 'in' | 'out', isListened: boolean): DirectionWords {
  return (isListened ? SERVER_VIEW : CLIENT_VIEW)[direction];
}

/** Selector: true when the timeline shows a connection accepted by a listener. */
export function isListenedTimeline(state: AppState): boolean {
  const id = state.timeline.sessionId;
  return id !== null && state.sessions.byId[id]?.origin?.kind === 'listen';
}
