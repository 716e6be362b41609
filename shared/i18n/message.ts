import type { Translate } from './create-i18n.js';

/**
 * A sentence as data: a catalogue key written whole (`'doctor:cause.redirect.summary'`) and the
 * values it needs. The engine produces messages; each edge (CLI printer, window, `--json`) renders
 * them in its reader's language, so one sentence has one home: its catalogue entry.
 */
export interface Message {
  readonly key: string;
  readonly values?: MessageValues;
}

/** A value in a message: text and numbers as they are, a nested message rendered first, a list joined per language. */
export type MessageValue = string | number | Message | readonly (string | number | Message)[];

/** The values a message's placeholders take. */
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** A message for `key` with `values`. */
export function message(key: string, values?: MessageValues): Message {
  return values === undefined ? { key } : { key, values };
}

/** Text that is data, not prose (a header line, an address): the same in every language. */
export function verbatim(text: string): Message {
  return { key: 'common:verbatim', values: { text } };
}

/** True for a message object (as opposed to a plain value). */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { key?: unknown }).key === 'string';
}

/**
 * Renders a message with `t`: nested messages first, lists through i18next's `list` formatter
 * (`{{items, list}}` in the catalogue), so no sentence is assembled from pieces here.
 */
export function renderMessage(t: Translate, text: Message): string {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) values[name] = renderValue(t, value);
  return (t as unknown as (key: string, options: object) => string)(text.key, values);
}

function renderValue(t: Translate, value: MessageValue): string | number | string[] {
  if (Array.isArray(value)) return value.map((item: string | number | Message) => String(isMessage(item) ? renderMessage(t, item) : item));
  if (isMessage(value)) return renderMessage(t, value);
  return value as string | number;
}
