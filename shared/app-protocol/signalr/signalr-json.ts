import { isRecord, parseJson } from '../json-text.js';
import type { HubMessage } from './hub-message.js';

/** A hub message from one JSON record, or why it is not one (HubProtocol.md "JSON Encoding"). */
export function parseJsonHubMessage(text: string): HubMessage | string {
  const parsed = parseJson(text);
  if (!parsed.ok) return `the record is not JSON (${parsed.reason})`;
  const value = parsed.value;
  if (!isRecord(value) || typeof value['type'] !== 'number') return 'the record is not an object with a numeric "type"';
  // The parsed object is the message: only fields of the wrong type are dropped, so nothing is copied per message.
  const message = value as unknown as { -readonly [K in keyof HubMessage]: HubMessage[K] };
  if (message.invocationId !== undefined && typeof message.invocationId !== 'string') delete message.invocationId;
  if (message.target !== undefined && typeof message.target !== 'string') delete message.target;
  if (message.arguments !== undefined && !Array.isArray(message.arguments)) delete message.arguments;
  if (message.error !== undefined && typeof message.error !== 'string') delete message.error;
  return missingField(message) ?? message;
}

/** The required field a message lacks for its type, if any. */
export function missingField(message: HubMessage): string | undefined {
  if ((message.type === 1 || message.type === 4) && message.target === undefined) return 'an invocation needs a "target"';
  if ((message.type === 1 || message.type === 4) && message.arguments === undefined) return 'an invocation needs "arguments"';
  if ((message.type === 2 || message.type === 3 || message.type === 5 || message.type === 4) && message.invocationId === undefined) return `a ${message.type === 2 ? 'stream item' : message.type === 3 ? 'completion' : message.type === 4 ? 'stream invocation' : 'cancel invocation'} needs an "invocationId"`;
  if (message.type === 3 && message.result !== undefined && message.error !== undefined) return 'a completion carries either "result" or "error", not both';
  return undefined;
}
