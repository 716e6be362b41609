import { matchesExpectation } from '../app-protocol/protocol-expectation.js';
import type { ProtocolMessage } from '../app-protocol/protocol-message.js';
import { englishText } from '../i18n/english-text.js';
import { message, verbatim, type Message } from '../i18n/message.js';
import { parseJsonPath, selectJsonPath } from './json-path.js';
import type { CaptureSource, ExpectStep } from './scenario-file.js';

/** A data message as an expectation sees it. */
export interface ReceivedMessage {
  readonly type: 'text' | 'binary';
  /** The payload as text: UTF-8 for text messages (and binary ones that decode), else hex. */
  readonly text: string;
  /** The protocol messages the session's application-protocol layer decoded from it (none when it reads no protocol). */
  readonly protocol?: readonly ProtocolMessage[];
}

/** True when everything the protocol layer decoded from a message is keep-alive traffic (a heart-beat, a PINGRESP, an Engine.IO ping). */
export function isKeepAliveOnly(message: ReceivedMessage): boolean {
  return message.protocol !== undefined && message.protocol.length > 0 && message.protocol.every((decoded) => decoded.isControl);
}

/** Whether a message met an expectation, with the captured values, or every way it fell short (as messages, `workspace:reason.*`). */
export type MatchOutcome = { readonly ok: true; readonly captures: Readonly<Record<string, string>> } | { readonly ok: false; readonly reasons: readonly Message[] };

/**
 * Checks one message against an expect step: its type, regex, substring and every JSON path
 * (any value a wildcard selects may equal the expected one); then captures values from it. Each
 * shortfall is one reason ("$.type: expected "event", got "pong""), which is the diff a failed
 * step reports.
 */
export function matchMessage(step: Pick<ExpectStep, 'type' | 'regex' | 'contains' | 'json' | 'capture' | 'protocol'>, received: ReceivedMessage): MatchOutcome {
  const reasons: Message[] = [];
  if (step.protocol !== undefined) reasons.push(...protocolReasons(step.protocol, received.protocol ?? []));
  if (step.type !== undefined && step.type !== received.type) reasons.push(message(step.type === 'text' ? 'workspace:reason.typeText' : 'workspace:reason.typeBinary'));
  if (step.regex !== undefined && !new RegExp(step.regex).test(received.text)) reasons.push(message('workspace:reason.regex', { regex: step.regex }));
  if (step.contains !== undefined && !received.text.includes(step.contains)) reasons.push(message('workspace:reason.contains', { text: JSON.stringify(step.contains) }));
  const json = step.json === undefined && !usesJsonCapture(step.capture) ? undefined : parseJson(received.text);
  if (step.json !== undefined) {
    // The JSON parser's own words are quoted as they are, inside our sentence.
    if (json === undefined || !json.ok) reasons.push(json && !json.ok ? message('workspace:reason.notJsonBecause', { reason: verbatim(json.message) }) : message('workspace:reason.notJson'));
    else for (const [path, expected] of Object.entries(step.json)) reasons.push(...pathReasons(json.value, path, expected));
  }
  if (reasons.length > 0) return { ok: false, reasons };
  const captures: Record<string, string> = {};
  for (const [name, source] of Object.entries(step.capture ?? {})) {
    const value = captureValue(source, received.text, json);
    if (value === null) reasons.push(typeof source === 'string' ? message('workspace:reason.captureMissing', { name, path: source }) : message('workspace:reason.captureNoMatch', { name, regex: source.regex, group: source.group }));
    else captures[name] = value;
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, captures };
}

/** The expectation as a message, in the reader's language (`$.op = "event"`, `matching /ok/`, …). */
export function expectationMessage(step: Pick<ExpectStep, 'type' | 'regex' | 'contains' | 'json' | 'protocol'>): Message {
  const parts: Message[] = [];
  if (step.protocol !== undefined) parts.push(...protocolExpectationParts(step.protocol));
  if (step.type === 'text') parts.push(message('workspace:expectation.text'));
  if (step.type === 'binary') parts.push(message('workspace:expectation.binary'));
  if (step.regex !== undefined) parts.push(message('workspace:expectation.regex', { regex: step.regex }));
  if (step.contains !== undefined) parts.push(message('workspace:expectation.contains', { text: JSON.stringify(step.contains) }));
  for (const [path, value] of Object.entries(step.json ?? {})) parts.push(message('workspace:expectation.json', { path, value: JSON.stringify(value) }));
  return parts.length === 0 ? message('workspace:expectation.any') : message('workspace:expectation.all', { parts });
}

/** The expectation in English words, as a report's "expected" line. */
export function describeExpectation(step: Pick<ExpectStep, 'type' | 'regex' | 'contains' | 'json' | 'protocol'>): string {
  return englishText(expectationMessage(step));
}

/** Structural equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return aKeys.length === Object.keys(bRecord).length && aKeys.every((key) => Object.hasOwn(bRecord, key) && jsonEqual((a as Record<string, unknown>)[key], bRecord[key]));
}

function protocolReasons(expected: NonNullable<ExpectStep['protocol']>, messages: readonly ProtocolMessage[]): Message[] {
  if (messages.length === 0) return [message('workspace:reason.noProtocol')];
  if (messages.some((decoded) => matchesExpectation(decoded, expected))) return [];
  const got = messages.map((decoded) => JSON.stringify(decoded.summary)).join(' | ');
  return [message('workspace:reason.protocol', { expected: message('workspace:expectation.all', { parts: protocolExpectationParts(expected) }), got })];
}

/** A protocol expectation as message parts: the kind, the summary's text, keep-alive or not. */
function protocolExpectationParts(expected: NonNullable<ExpectStep['protocol']>): Message[] {
  return [
    expected.kind !== undefined ? message('workspace:expectation.protocolKind', { kind: expected.kind }) : message('workspace:expectation.protocolAny'),
    ...(expected.summaryIncludes !== undefined ? [message('workspace:expectation.protocolSummary', { text: JSON.stringify(expected.summaryIncludes) })] : []),
    ...(expected.isControl !== undefined ? [message(expected.isControl ? 'workspace:expectation.protocolControl' : 'workspace:expectation.protocolNotControl')] : []),
  ];
}

type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function pathReasons(root: unknown, path: string, expected: unknown): Message[] {
  const parsed = parseJsonPath(path);
  // A scenario file's paths are checked when it loads, so this is an expectation built by hand.
  if (!parsed.ok) return [message('workspace:reason.badPath', { path })];
  const values = selectJsonPath(root, parsed.steps);
  if (values.length === 0) return [message('workspace:reason.pathMissing', { path, expected: JSON.stringify(expected) })];
  if (values.some((value) => jsonEqual(value, expected))) return [];
  return [message('workspace:reason.pathDiffers', { path, expected: JSON.stringify(expected), got: values.map((value) => JSON.stringify(value)).join(' | ') })];
}

function usesJsonCapture(capture: ExpectStep['capture']): boolean {
  return Object.values(capture ?? {}).some((source) => typeof source === 'string');
}

function captureValue(source: CaptureSource, text: string, json: ParsedJson | undefined): string | null {
  if (typeof source !== 'string') {
    const match = new RegExp(source.regex).exec(text);
    const group = match?.[source.group];
    return group === undefined ? null : group;
  }
  if (json === undefined || !json.ok) return null;
  const parsed = parseJsonPath(source);
  if (!parsed.ok) return null;
  const [value] = selectJsonPath(json.value, parsed.steps);
  if (value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
