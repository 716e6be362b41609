import type { z } from 'zod';
import { englishText } from './english-text.js';
import { isMessage, message, verbatim, type Message } from './message.js';

/**
 * A schema issue (zod's) in words, as a message each edge renders in its reader's language. The
 * catalogue words each issue code from the issue's own data; zod's built-in locales are not used:
 * they are one global setting for the whole process, give finished strings rather than keys, and
 * leave type names (`number`, `string`) untranslated in their Chinese. A refinement of ours
 * carries its sentence in `params.i18n` (see `explained`); anything else keeps zod's English.
 */
export function issueText(issue: z.core.$ZodIssue): Message {
  const sentence = sentenceTexts.get(issue.message);
  if (sentence !== undefined) return sentence;
  switch (issue.code) {
    case 'invalid_type':
      return message('errors:option.expected', { expected: typeName(issue.expected) });
    case 'too_small':
      return bound(issue.origin, Number(issue.minimum), issue.inclusive !== false, issue.exact === true, 'min');
    case 'too_big':
      return bound(issue.origin, Number(issue.maximum), issue.inclusive !== false, issue.exact === true, 'max');
    case 'invalid_value':
      return issue.values.length === 1 ? message('errors:option.oneValue', { value: literal(issue.values[0]) }) : message('errors:option.oneOf', { values: issue.values.map(literal) });
    case 'invalid_format':
      if (issue.format !== 'regex' || issue.pattern === undefined) return message('errors:option.format', { format: issue.format });
      return patternTexts.get(issue.pattern) ?? message('errors:option.pattern', { pattern: issue.pattern });
    case 'not_multiple_of':
      return message('errors:option.multipleOf', { divisor: issue.divisor });
    case 'unrecognized_keys':
      return message('errors:option.unknownFields', { count: issue.keys.length, keys: issue.keys });
    case 'invalid_union':
      return 'options' in issue && issue.options !== undefined && issue.options.length > 0 ? message('errors:option.oneOf', { values: issue.options.map(literal) }) : message('errors:option.noForm');
    case 'invalid_key':
      return message('errors:option.badKey');
    case 'invalid_element':
      return message('errors:option.badElement');
    case 'custom': {
      const text: unknown = issue.params?.['i18n'];
      return isMessage(text) ? text : verbatim(issue.message);
    }
    default:
      return verbatim((issue as { message: string }).message);
  }
}

/** A schema issue after its field: the dotted path as written (`args.1.code: must be at most 65535`), or a form field's label as a message. */
export function fieldIssueText(field: string | Message, issue: z.core.$ZodIssue): Message {
  return fieldText(field, issueText(issue));
}

/** A field's problem with the field before it (its path as written, or a form field's label), for problems a schema issue did not word. */
export function fieldText(field: string | Message, problem: Message): Message {
  return message('errors:option.field', { field, problem });
}

/**
 * The parameters of a refinement whose problem is `text`: zod's issue gets the English as its
 * message (what logs and `--json` keep) and the message itself in `params.i18n` for `issueText`.
 */
export function explained(text: Message): { readonly error: () => string; readonly params: { readonly i18n: Message } } {
  return { error: () => englishText(text), params: { i18n: text } };
}

/**
 * The fields of an issue a refinement raises itself (`context.addIssue({ code: 'custom', path,
 * ...explainedIssue(text) })`): an added issue takes its English as `message`, not as `error`.
 */
export function explainedIssue(text: Message): { readonly message: string; readonly params: { readonly i18n: Message } } {
  return { message: englishText(text), params: { i18n: text } };
}

/** Our own schemas' sentences by their English, for issues whose only trace of them is their message. */
const sentenceTexts = new Map<string, Message>();

/**
 * The English of `text`, for a schema's `error` function (which can set nothing but the issue's
 * message), remembered so `issueText` finds the message again from the issue.
 */
export function explainedSentence(text: Message): string {
  const english = englishText(text);
  sentenceTexts.set(english, text);
  return english;
}

/** The sentences of our own patterns, by the pattern as zod writes it in an issue (`/…/`): such an issue carries no parameters of ours. */
const patternTexts = new Map<string, Message>();

/**
 * The parameters of `.regex(pattern, …)` whose problem is `text` (kept as `.regex`, so the contract's
 * JSON Schema still shows the pattern): zod's issue gets the English, `issueText` the message.
 */
export function explainedPattern(pattern: RegExp, text: Message): { readonly error: () => string } {
  patternTexts.set(pattern.toString(), text);
  return { error: () => englishText(text) };
}

/** Type names a user reads in an option's problem; others are schema words and stay as zod names them. */
function typeName(expected: string): Message {
  switch (expected) {
    case 'string':
      return message('errors:option.type.string');
    case 'number':
      return message('errors:option.type.number');
    case 'int':
      return message('errors:option.type.int');
    case 'boolean':
      return message('errors:option.type.boolean');
    case 'object':
      return message('errors:option.type.object');
    case 'array':
      return message('errors:option.type.array');
    case 'tuple':
      return message('errors:option.type.tuple');
    case 'record':
      return message('errors:option.type.record');
    case 'null':
      return message('errors:option.type.null');
    case 'date':
      return message('errors:option.type.date');
    default:
      return verbatim(expected);
  }
}

/** A lower or upper bound: on a value (numbers, dates), a length (text) or a count of items (lists, sets). */
function bound(origin: string, limit: number, isInclusive: boolean, isExact: boolean, side: 'min' | 'max'): Message {
  if (origin === 'string') {
    if (side === 'min' && limit === 1 && !isExact) return message('errors:option.empty');
    if (isExact) return message('errors:option.exactLength', { count: limit });
    return side === 'min' ? message('errors:option.minLength', { count: limit }) : message('errors:option.maxLength', { count: limit });
  }
  if (origin === 'array' || origin === 'set' || origin === 'map') {
    if (isExact) return message('errors:option.exactItems', { count: limit });
    return side === 'min' ? message('errors:option.minItems', { count: limit }) : message('errors:option.maxItems', { count: limit });
  }
  if (side === 'min') return isInclusive ? message('errors:option.atLeast', { limit }) : message('errors:option.moreThan', { limit });
  return isInclusive ? message('errors:option.atMost', { limit }) : message('errors:option.lessThan', { limit });
}

/** A literal value as code writes it (`"auto"`, `1000`, `null`). */
function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
