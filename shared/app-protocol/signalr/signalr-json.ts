import { isRecord, parseJson } from '../json-text.js';
import type { ProtocolValue } from '../protocol-message.js';
import type { HubMessage } from './hub-message.js';

/** A hub message from one JSON record, or why it is not one (HubProtocol.md "JSON Encoding"). */
export function parseJsonHubMessage(text: string): HubMessage | string {
  const parsed = parseJson(text);
  if (!parsed.ok) return `the record is not JSON (${parsed.reason})`;
  const value = parsed.value;
  if (!isRecord(value) || typeof value['type'] !== 'number') return 'the record is not an object with a numeric "type"';
  const field = (name: string): ProtocolValue | undefined => value[name];
  const textField = (name: string): string | undefined => (typeof value[name] === 'string' ? (value[name] as string) : undefined);
  const message: Record<string, ProtocolValue> = { type: value['type'] };
  const copy = (name: string, item: ProtocolValue | undefined): void => {
    if (item !== undefined) message[name] = item;
  };
  copy('headers', field('headers'));
  copy('invocationId', textField('invocationId'));
  copy('target', textField('target'));
  copy('arguments', Array.isArray(value['arguments']) ? value['arguments'] : undefined);
  copy('streamIds', Array.isArray(value['streamIds']) ? value['streamIds'] : undefined);
  copy('item', field('item'));
  copy('result', field('result'));
  copy('error', textField('error'));
  copy('allowReconnect', typeof value['allowReconnect'] === 'boolean' ? value['allowReconnect'] : undefined);
  copy('sequenceId', typeof value['sequenceId'] === 'number' ? value['sequenceId'] : undefined);
  const hub = message as unknown as HubMessage;
  return missingField(hub) ?? hub;
}

/** The required field a message lacks for its type, if any. */
export function missingField(message: HubMessage): string | undefined {
  if ((message.type === 1 || message.type === 4) && message.target === undefined) return 'an invocation needs a "target"';
  if ((message.type === 1 || message.type === 4) && message.arguments === undefined) return 'an invocation needs "arguments"';
  if ((message.type === 2 || message.type === 3 || message.type === 5 || message.type === 4) && message.invocationId === undefined) return `a ${message.type === 2 ? 'stream item' : message.type === 3 ? 'completion' : message.type === 4 ? 'stream invocation' : 'cancel invocation'} needs an "invocationId"`;
  if (message.type === 3 && message.result !== undefined && message.error !== undefined) return 'a completion carries either "result" or "error", not both';
  return undefined;
}
