import { isRecord, parseJson } from '../json-text.js';
import { verbatim } from '../../i18n/message.js';
import { parseProblem, type ParseProblem } from '../parse-problem.js';
import type { HubMessage } from './hub-message.js';

/** A hub message from one JSON record, or why it is not one (HubProtocol.md "JSON Encoding"). */
export function parseJsonHubMessage(text: string): HubMessage | ParseProblem {
  const parsed = parseJson(text);
  if (!parsed.ok) return parseProblem('protocols:parser.signalr.notJson', { reason: verbatim(parsed.reason) });
  const value = parsed.value;
  if (!isRecord(value) || typeof value['type'] !== 'number') return parseProblem('protocols:parser.signalr.noType');
  // The parsed object is the message: only fields of the wrong type are dropped, so nothing is copied per message.
  const message = value as unknown as { -readonly [K in keyof HubMessage]: HubMessage[K] };
  if (message.invocationId !== undefined && typeof message.invocationId !== 'string') delete message.invocationId;
  if (message.target !== undefined && typeof message.target !== 'string') delete message.target;
  if (message.arguments !== undefined && !Array.isArray(message.arguments)) delete message.arguments;
  if (message.error !== undefined && typeof message.error !== 'string') delete message.error;
  return missingField(message) ?? message;
}

/** The required field a message lacks for its type, if any. */
export function missingField(message: HubMessage): ParseProblem | undefined {
  if ((message.type === 1 || message.type === 4) && message.target === undefined) return parseProblem('protocols:parser.signalr.noTarget');
  if ((message.type === 1 || message.type === 4) && message.arguments === undefined) return parseProblem('protocols:parser.signalr.noArguments');
  if (message.type === 2 && message.invocationId === undefined) return parseProblem('protocols:parser.signalr.streamItemNoId');
  if (message.type === 3 && message.invocationId === undefined) return parseProblem('protocols:parser.signalr.completionNoId');
  if (message.type === 4 && message.invocationId === undefined) return parseProblem('protocols:parser.signalr.streamInvocationNoId');
  if (message.type === 5 && message.invocationId === undefined) return parseProblem('protocols:parser.signalr.cancelNoId');
  if (message.type === 3 && message.result !== undefined && message.error !== undefined) return parseProblem('protocols:parser.signalr.resultAndError');
  return undefined;
}
