import { protocolValueToJson } from '../../../shared/app-protocol/protocol-json.js';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message } from '../../../shared/i18n/message.js';
import type { ProtocolMessage, ProtocolValue } from '../../../shared/app-protocol/protocol-message.js';
import type { PayloadFormatChoice, PayloadViewJson } from '../../../shared/contract/api-protocol.js';
import { autoPayloadView, payloadView } from '../../../shared/payload-format/auto-payload-view.js';
import type { PayloadView } from '../../../shared/payload-format/payload-view.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { messageBytesAt } from './message-bytes.js';
import { compileProtobufSchema } from './protobuf-schema-view.js';
import type { ProtobufSchema } from './protobuf-schema-view.js';

/** Byte strings inside one protocol message that get their own view (attachments, a PUBLISH payload). */
const maxPayloadsPerMessage = 8;

/**
 * A session's payload view: the format the user chose (or `auto`: the first format that parses
 * the bytes cleanly into a container) and, for `protobuf-schema`, the compiled `.proto`. It shows
 * a frame's whole WebSocket message and the byte strings inside the protocol messages it carries.
 */
export class PayloadViewer {
  private choice: PayloadFormatChoice = { format: 'auto' };
  private schema: ProtobufSchema | null = null;

  /** Sets the format; a `.proto` text is compiled here, once. Throws with the compiler's reason. */
  setChoice(choice: PayloadFormatChoice): { messageTypes: string[] } {
    if (choice.format !== 'protobuf-schema') {
      this.choice = choice;
      this.schema = null;
      return { messageTypes: [] };
    }
    if (choice.protoText === undefined) throw new MessageError(message('errors:session.protoNeeded'));
    const compiled = compileProtobufSchema(choice.protoText);
    if ('error' in compiled) throw new MessageError(compiled.error);
    if (choice.messageType !== undefined && !compiled.messageTypes.includes(choice.messageType.replace(/^\./, ''))) {
      throw new MessageError(compiled.messageTypes.length > 0 ? message('errors:missing.protoType', { type: choice.messageType, types: compiled.messageTypes }) : message('errors:missing.protoTypeNone', { type: choice.messageType }));
    }
    this.choice = choice;
    this.schema = compiled;
    return { messageTypes: [...compiled.messageTypes] };
  }

  /** The views of one frame's message and of the payloads inside its protocol messages. */
  views(capture: CaptureLog, seq: number, messages: readonly ProtocolMessage[]): PayloadViewJson[] {
    const views: PayloadViewJson[] = [];
    const bytes = messageBytesAt(capture, seq);
    if (bytes !== null) views.push(this.view(bytes, 'message'));
    for (const message of messages) {
      for (const payload of byteStrings(message.tree, maxPayloadsPerMessage)) views.push({ ...this.view(payload, 'protocol-payload'), index: message.index });
    }
    return views;
  }

  private view(bytes: Uint8Array, part: PayloadViewJson['part']): PayloadViewJson {
    const result = this.decode(bytes);
    if (result === null) return { part, format: null, ok: false, reason: 'no format parses these bytes cleanly into a map or a list' };
    return result.ok ? { part, format: result.format, ok: true, value: protocolValueToJson(result.value) } : { part, format: result.format, ok: false, reason: result.reason };
  }

  private decode(bytes: Uint8Array): PayloadView | null {
    const { format, messageType } = this.choice;
    if (format === 'auto') return autoPayloadView(bytes);
    if (format !== 'protobuf-schema') return payloadView(bytes, format);
    if (this.schema === null || messageType === undefined) return { format, ok: false, reason: 'choose a message type of the .proto file' };
    return this.schema.decode(bytes, messageType);
  }
}

/** The byte strings in a tree, depth first, at most `limit`. */
function byteStrings(value: ProtocolValue, limit: number, found: Uint8Array[] = []): Uint8Array[] {
  if (found.length >= limit) return found;
  if (value instanceof Uint8Array) found.push(value);
  else if (Array.isArray(value)) for (const item of value as readonly ProtocolValue[]) byteStrings(item, limit, found);
  else if (typeof value === 'object' && value !== null) for (const key of Object.keys(value)) byteStrings((value as Record<string, ProtocolValue>)[key] as ProtocolValue, limit, found);
  return found;
}
