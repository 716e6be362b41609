import { Decoder, encode } from '@msgpack/msgpack';
import type { ProtocolValue } from '../protocol-message.js';
import { toPlainValue } from '../../payload-format/plain-value.js';
import { verbatim } from '../../i18n/message.js';
import { parseProblem, type ParseProblem } from '../parse-problem.js';
import type { HubMessage } from './hub-message.js';
import { missingField } from './signalr-json.js';
import { lengthPrefix } from './signalr-records.js';

const decoder = new Decoder({ maxStrLength: 16 * 1024 * 1024, maxBinLength: 16 * 1024 * 1024, maxArrayLength: 1_000_000, maxMapLength: 1_000_000 });

/** Completion result kinds in the MessagePack hub protocol. */
const resultKind = { error: 1, void: 2, nonVoid: 3 } as const;

/** A hub message from one MessagePack record (HubProtocol.md "MessagePack (MsgPack) encoding"). */
export function parseMsgpackHubMessage(record: Uint8Array): HubMessage | ParseProblem {
  let value: unknown;
  try {
    value = decoder.decode(record);
  } catch (error) {
    // The MessagePack library's own words, quoted as they are.
    return parseProblem('protocols:parser.signalr.notMsgpack', { reason: verbatim(error instanceof Error ? error.message : String(error)) });
  }
  if (!Array.isArray(value) || typeof value[0] !== 'number') return parseProblem('protocols:parser.signalr.msgpackNoType');
  const items = value as unknown[];
  const type = items[0] as number;
  const at = (index: number): ProtocolValue => toPlainValue(items[index]);
  const text = (index: number): string | undefined => (typeof items[index] === 'string' ? (items[index] as string) : undefined);
  const headers = (): { headers?: { [name: string]: string } } => {
    const map = at(1);
    return map !== null && typeof map === 'object' && !Array.isArray(map) && !(map instanceof Uint8Array) && Object.keys(map).length > 0 ? { headers: map as { [name: string]: string } } : {};
  };
  const id = (index: number): { invocationId?: string } => (text(index) === undefined ? {} : { invocationId: text(index) as string });
  let message: HubMessage;
  switch (type) {
    case 1:
    case 4: {
      const args = at(4);
      message = { type, ...headers(), ...id(2), ...(text(3) === undefined ? {} : { target: text(3) as string }), ...(Array.isArray(args) ? { arguments: args } : {}), ...(Array.isArray(items[5]) ? { streamIds: (items[5] as unknown[]).map(String) } : {}) };
      break;
    }
    case 2:
      message = { type, ...headers(), ...id(2), item: at(3) };
      break;
    case 3: {
      const kind = items[3];
      if (kind === resultKind.error) message = { type, ...headers(), ...id(2), error: String(items[4]) };
      else if (kind === resultKind.nonVoid) message = { type, ...headers(), ...id(2), result: at(4) };
      else if (kind === resultKind.void) message = { type, ...headers(), ...id(2) };
      else return parseProblem('protocols:parser.signalr.resultKind', { kind: String(kind) });
      break;
    }
    case 5:
      message = { type, ...headers(), ...id(2) };
      break;
    case 6:
      message = { type };
      break;
    case 7:
      message = { type, ...(text(1) === undefined ? {} : { error: text(1) as string }), ...(typeof items[2] === 'boolean' ? { allowReconnect: items[2] as boolean } : {}) };
      break;
    case 8:
    case 9:
      message = { type, ...(typeof items[1] === 'number' ? { sequenceId: items[1] as number } : {}) };
      break;
    default:
      message = { type };
  }
  return missingField(message) ?? message;
}

/** One hub message as a length-prefixed MessagePack record. */
export function encodeMsgpackHubMessage(message: HubMessage): Uint8Array {
  const headers = message.headers ?? {};
  const id = message.invocationId ?? null;
  let items: unknown[];
  switch (message.type) {
    case 1:
    case 4:
      items = [message.type, headers, id, message.target ?? '', message.arguments ?? [], ...(message.streamIds ? [message.streamIds] : [])];
      break;
    case 2:
      items = [2, headers, id, message.item ?? null];
      break;
    case 3:
      items = message.error !== undefined ? [3, headers, id, resultKind.error, message.error] : message.result !== undefined ? [3, headers, id, resultKind.nonVoid, message.result] : [3, headers, id, resultKind.void];
      break;
    case 5:
      items = [5, headers, id];
      break;
    case 7:
      items = [7, message.error ?? null, message.allowReconnect ?? false];
      break;
    case 8:
    case 9:
      items = [message.type, message.sequenceId ?? 0];
      break;
    default:
      items = [message.type];
  }
  const body = encode(items);
  return Uint8Array.from([...lengthPrefix(body.length), ...body]);
}
