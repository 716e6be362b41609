import { keepLiveUnopenedSecrets } from '../../../shared/settings/unopened-secrets.js';
import type { ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { reconnectLimits as limits, reconnectPolicySchema } from '../../../shared/workspace/reconnect-policy.js';
import { wholeNumber } from '../../lib/whole-number.js';

/** A saved connection's own settings as the editor holds them: numbers as typed, so a half-typed one is not lost. */
export interface ConnectionDraft {
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly isReconnectEnabled: boolean;
  readonly baseMs: string;
  readonly capMs: string;
  readonly maxAttempts: string;
  /** Saved message ids, in the order they are sent again. */
  readonly replay: readonly string[];
}

/** A problem with one field, as a catalogue key and its values. */
export type FieldProblem =
  | { readonly key: 'workspace:editor.problem.connectionName' | 'workspace:editor.problem.url' }
  | { readonly key: 'workspace:editor.problem.wholeMs' | 'workspace:editor.problem.attempts'; readonly min: number; readonly max: number };

/** What keeps a draft from being saved, by field, and what is allowed but worth a word. */
export interface ConnectionDraftProblems {
  readonly fields: Partial<Record<'name' | 'url' | 'baseMs' | 'capMs' | 'maxAttempts', FieldProblem>>;
  /** The base is above the cap: every wait is the cap. */
  readonly isBaseAboveCap: boolean;
  /** Replay ids that are not saved messages of the connection (kept until removed). */
  readonly missingReplay: readonly string[];
}

/** The editor's copy of a connection. */
export function connectionDraftOf(file: ConnectionFile): ConnectionDraft {
  const { reconnect } = file;
  return {
    name: file.name,
    description: file.description,
    url: file.options.url,
    isReconnectEnabled: reconnect.isEnabled,
    baseMs: String(reconnect.baseMs),
    capMs: String(reconnect.capMs),
    maxAttempts: String(reconnect.maxAttempts),
    replay: [...reconnect.replay],
  };
}

/** Every field that cannot be saved as typed. */
export function connectionDraftProblems(draft: ConnectionDraft, file: ConnectionFile): ConnectionDraftProblems {
  const fields: ConnectionDraftProblems['fields'] = {};
  if (draft.name.trim() === '') fields.name = { key: 'workspace:editor.problem.connectionName' };
  if (draft.url.trim() === '') fields.url = { key: 'workspace:editor.problem.url' };
  for (const field of ['baseMs', 'capMs', 'maxAttempts'] as const) {
    const [min, max] = limits[field];
    if (wholeNumber(draft[field], min, max) === null) fields[field] = { key: field === 'maxAttempts' ? 'workspace:editor.problem.attempts' : 'workspace:editor.problem.wholeMs', min, max };
  }
  const base = wholeNumber(draft.baseMs, ...limits.baseMs);
  const cap = wholeNumber(draft.capMs, ...limits.capMs);
  const ids = new Set(file.messages.map((message) => message.id));
  return { fields, isBaseAboveCap: base !== null && cap !== null && base > cap, missingReplay: draft.replay.filter((id) => !ids.has(id)) };
}

/** The connection file with the draft's settings (call only when there are no field problems); marks of unopened values typed in the URL are dropped. */
export function connectionEdit(draft: ConnectionDraft, file: ConnectionFile): ConnectionFile {
  return {
    ...file,
    name: draft.name.trim(),
    description: draft.description,
    // A value typed in the URL ends its mark for good, as in the settings drawer.
    options: keepLiveUnopenedSecrets({ ...file.options, url: draft.url.trim() }, { ...file.options, url: draft.url.trim() }),
    reconnect: reconnectPolicySchema.parse({
      isEnabled: draft.isReconnectEnabled,
      baseMs: wholeNumber(draft.baseMs, ...limits.baseMs),
      capMs: wholeNumber(draft.capMs, ...limits.capMs),
      maxAttempts: wholeNumber(draft.maxAttempts, ...limits.maxAttempts),
      replay: draft.replay,
    }),
  };
}

/** Ticks or unticks a message for replay: a ticked one goes in the connection's message order among the others. */
export function toggleReplay(draft: ConnectionDraft, file: ConnectionFile, messageId: string, isOn: boolean): ConnectionDraft {
  if (!isOn) return { ...draft, replay: draft.replay.filter((id) => id !== messageId) };
  if (draft.replay.includes(messageId)) return draft;
  const order = new Map(file.messages.map((message, index) => [message.id, index]));
  const position = order.get(messageId) ?? Infinity;
  const after = draft.replay.findIndex((id) => (order.get(id) ?? Infinity) > position);
  const replay = [...draft.replay];
  replay.splice(after === -1 ? replay.length : after, 0, messageId);
  return { ...draft, replay };
}
