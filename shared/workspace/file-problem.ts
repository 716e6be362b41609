import type { z } from 'zod';
import { englishText } from '../i18n/english-text.js';
import { message, verbatim, type Message } from '../i18n/message.js';
import { issueText } from '../i18n/schema-issue-text.js';

/** One thing wrong with a workspace file, worded to name the file, the step and the field. */
export interface FileProblem {
  readonly fileName: string;
  /** `step 3 (expect)`, `step 2.1 (send)`, `step 4.2 (branch)`, `messages[4] (login)`, or null for the file as a whole. */
  readonly location: string | null;
  /** The field within that place, e.g. `timeoutMs` or `json["$.token"]`. */
  readonly field: string | null;
  readonly message: string;
  /** The sentence as a message (a schema issue worded by `issueText`, a file's own problem by `workspace:*`). */
  readonly text?: Message;
  /** `location` as a message (`step 3 (expect)` in the reader's words). */
  readonly locationText?: Message;
}

/** `file: step 3 (expect), field timeoutMs: expected a number`. */
export function formatFileProblem(problem: FileProblem): string {
  const where = [problem.location, problem.field === null ? null : `field ${problem.field}`].filter((part) => part !== null).join(', ');
  return `${problem.fileName}${where ? `: ${where}` : ''}: ${problem.message}`;
}

/** A problem as a message in the reader's language: the file and place as written, the sentence translated where it can be. */
export function fileProblemText(problem: FileProblem): Message {
  const text = problem.text ?? verbatim(problem.message);
  const location = problem.location === null ? null : (problem.locationText ?? verbatim(problem.location));
  const field = problem.field === null ? null : message('workspace:schema.place.field', { field: problem.field });
  const where = location !== null && field !== null ? message('workspace:schema.place.both', { location, field }) : (location ?? field);
  return where !== null ? message('workspace:fileProblem.at', { file: problem.fileName, where, problem: text }) : message('workspace:fileProblem.whole', { file: problem.fileName, problem: text });
}

/** Problems for every issue of a failed parse of `raw`, the file's JSON. */
export function fileProblems(fileName: string, raw: unknown, error: z.ZodError): FileProblem[] {
  return error.issues.map((issue) => problemOf(fileName, raw, issue));
}

/** A problem with a file as a whole (it is not JSON, cannot be read, or is misnamed), its sentence a message. */
export function unreadableFile(fileName: string, text: Message): FileProblem {
  return { fileName, location: null, field: null, message: englishText(text), text };
}

function problemOf(fileName: string, raw: unknown, issue: z.core.$ZodIssue): FileProblem {
  const path = issue.path as readonly PropertyKey[];
  const { location, locationText, rest } = locate(raw, path);
  const field = rest.length === 0 ? null : rest.map((key, index) => fieldPart(key, index)).join('');
  const text = workspaceIssueText(issue);
  return { fileName, location, field, message: englishText(text), text, ...(locationText ? { locationText } : {}) };
}

/**
 * Walks into steps (nested through repeats and the branches of parallel steps) and messages, so
 * the place is named as a user counts it: `step 3.2.1 (send)` is step 1 of branch 2 of step 3.
 */
function locate(raw: unknown, path: readonly PropertyKey[]): { location: string | null; locationText?: Message; rest: readonly PropertyKey[] } {
  const numbers: number[] = [];
  let node: unknown = raw;
  let index = 0;
  let lastKind: string | null = null;
  while ((path[index] === 'steps' || path[index] === 'branches') && typeof path[index + 1] === 'number') {
    const container = path[index] as string;
    const position = path[index + 1] as number;
    numbers.push(position + 1);
    node = childAt(childAt(node, container), position);
    lastKind = container === 'branches' ? 'branch' : typeof (node as { step?: unknown } | undefined)?.step === 'string' ? (node as { step: string }).step : null;
    index += 2;
  }
  if (numbers.length > 0) {
    const number = numbers.join('.');
    const locationText = lastKind ? message('workspace:schema.place.stepKind', { number, kind: lastKind }) : message('workspace:schema.place.step', { number });
    return { location: englishText(locationText), locationText, rest: path.slice(index) };
  }
  if ((path[0] === 'messages' || path[0] === 'variables') && typeof path[1] === 'number') {
    const item = childAt(childAt(raw, path[0]), path[1]) as { id?: unknown; name?: unknown } | undefined;
    const label = typeof item?.id === 'string' ? item.id : typeof item?.name === 'string' ? item.name : null;
    return { location: `${path[0]}[${path[1]}]${label ? ` (${label})` : ''}`, rest: path.slice(2) };
  }
  return { location: null, rest: path };
}

function childAt(node: unknown, key: PropertyKey): unknown {
  return typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
}

function fieldPart(key: PropertyKey, index: number): string {
  if (typeof key === 'number') return `[${key}]`;
  const text = String(key);
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(text)) return index === 0 ? text : `.${text}`;
  return `[${JSON.stringify(text)}]`;
}

/**
 * A schema issue as a message: what only a workspace file has is worded here (a step kind that is
 * not one of the discriminator's, the key of a record by its own problem); every zod issue code,
 * and a schema's own sentence, is worded by the one shared mapping (`issueText`).
 */
function workspaceIssueText(issue: z.core.$ZodIssue): Message {
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator' && 'options' in issue) {
    return message('workspace:schema.unknownStep', { options: (issue.options as unknown[]).map((option) => JSON.stringify(option)).join(', ') });
  }
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return workspaceIssueText(issue.issues[0]!);
  return issueText(issue);
}
