import { templateParts } from './message-template.js';

/** What a received message says about the numbered message it carries. */
export interface SequenceMatch {
  /** The sending client (1-based), or 0 for the server's own broadcast. */
  readonly sender: number;
  readonly seq: number;
  /** The sender's wall-clock time in epoch milliseconds, when the message carries it. */
  readonly sentAtEpochMs: number | null;
}

/** Finds the numbered message inside a received text, or says it carries none. */
export type SequenceMatcher = (text: string) => SequenceMatch | null;

// The placeholders a receiver reads back; the rest of a template is context.
const capturedNames: Readonly<Record<string, string>> = { seq: '(?<seq>\\d+)', client: '(?<client>\\d+)', sentAt: '(?<sentAt>\\d+(?:\\.\\d+)?)' };

/**
 * A matcher for messages made from `template`: literal pieces must appear as written (JSON
 * punctuation may gain whitespace, as a server that re-serialises adds it), `{{seq}}`, `{{client}}`
 * and `{{sentAt}}` are read back, `{{run}}` must be this run's id, other names match anything.
 * A server that wraps our message as a JSON string (`{"msg":"{\"seq\":1}"}`) is read through:
 * when the raw text does not match, every string inside its JSON is tried.
 */
export function matcherFromTemplate(template: string, runId: string): SequenceMatcher {
  const seen = new Set<string>();
  let source = '';
  for (const part of templateParts(template)) {
    if (part.kind === 'text') source += literalSource(part.text);
    else if (part.name === 'run') source += escapeRegExp(runId);
    else if (capturedNames[part.name]) {
      source += seen.has(part.name) ? `\\k<${part.name}>` : capturedNames[part.name];
      seen.add(part.name);
    } else source += '[^]*?';
  }
  if (!seen.has('seq')) throw new Error('the message template needs {{seq}}: receivers find each message by its number');
  return matcherFromRegExp(new RegExp(source));
}

/**
 * A matcher from a user's regular expression: the named group `seq` is required; `client` (or
 * `sender`) and `sentAt` (epoch ms) are read when present. Used for the server's own broadcast.
 */
export function matcherFromRegExp(pattern: RegExp): SequenceMatcher {
  const read = (text: string): SequenceMatch | null => {
    const groups = pattern.exec(text)?.groups;
    if (!groups?.['seq']) return null;
    const sender = groups['client'] ?? groups['sender'];
    const seq = Number(groups['seq']);
    if (!Number.isSafeInteger(seq)) return null;
    return { sender: sender === undefined ? 0 : Number(sender), seq, sentAtEpochMs: groups['sentAt'] === undefined ? null : Number(groups['sentAt']) };
  };
  return (text) => read(text) ?? readInsideJson(text, read);
}

/** True when the regular expression has a named group `seq`. */
export function hasSeqGroup(pattern: RegExp): boolean {
  return /\(\?<seq>/.test(pattern.source);
}

function readInsideJson(text: string, read: (text: string) => SequenceMatch | null): SequenceMatch | null {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[' && first !== '"') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return findInValue(value, read, 0);
}

// Wrapped messages are shallow; the depth bound keeps a hostile message from costing much.
function findInValue(value: unknown, read: (text: string) => SequenceMatch | null, depth: number): SequenceMatch | null {
  if (depth > 8) return null;
  if (typeof value === 'string') return read(value) ?? (depth < 8 ? readInsideJson(value, (inner) => read(inner)) : null);
  if (typeof value !== 'object' || value === null) return null;
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) {
    const found = findInValue(item, read, depth + 1);
    if (found) return found;
  }
  return null;
}

function literalSource(text: string): string {
  let source = '';
  for (const character of text) {
    if (/\s/.test(character)) source += '\\s*';
    else source += '{}[]:,'.includes(character) ? `\\s*${escapeRegExp(character)}\\s*` : escapeRegExp(character);
  }
  return source;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
