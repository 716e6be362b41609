import { message as sentence } from '../../i18n/message.js';
import { protocolViolation } from '../protocol-violation-text.js';
import type { ProtocolDecoder, ProtocolFacts, ProtocolSessionContext } from '../app-protocol.js';
import { isRecord, parseJson, preview, stringField } from '../json-text.js';
import { BoundedMap } from '../bounded-map.js';
import { MessageFactory, linkTo, originOf } from '../message-factory.js';
import type { MessageOrigin } from '../message-factory.js';
import type { ProtocolLink, ProtocolMessage, ProtocolRecord, ProtocolViolation } from '../protocol-message.js';
import { matchingSubprotocol } from '../url-shape.js';
import type { WireMessage } from '../wire-message.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';
import { OPERATION_END, OPERATION_RESULT, OPERATION_START, variantOfSubprotocol, variantOfType } from './graphql-ws-variant.js';
import type { GraphqlWsVariant } from './graphql-ws-variant.js';

const reference = 'graphql-ws PROTOCOL.md "Message types"';

interface Earlier {
  readonly index: number;
  readonly atMicros: number;
}

/**
 * GraphQL over WebSocket, both variants: one JSON object per text message, `{type, id?, payload?}`.
 * Results and the end of an operation are linked to the subscribe/start with the same id;
 * acknowledgements and pongs to what they answer, with round-trip times.
 */
export class GraphqlWsDecoder implements ProtocolDecoder {
  private readonly factory = new MessageFactory('graphql-ws');
  private variant: GraphqlWsVariant | undefined;
  private readonly operations = new BoundedMap<string, Earlier & { readonly name: string }>();
  private init: Earlier | undefined;
  private readonly lastPing = new Map<WireMessage['direction'], Earlier>();

  constructor(context: ProtocolSessionContext) {
    this.variant = variantOfSubprotocol(matchingSubprotocol(context, (name) => variantOfSubprotocol(name) !== undefined)?.name);
  }

  facts(): ProtocolFacts {
    return { variant: this.variant ?? 'graphql-transport-ws' };
  }

  push(message: WireMessage): ProtocolMessage[] {
    const origin = originOf(message);
    const text = decodeUtf8(message.bytes);
    const parsed = parseJson(text);
    if (!parsed.ok) return [this.factory.invalid(origin, protocolViolation('graphql-ws-not-json', reference, sentence('protocols:violation.detail.notJson', { reason: parsed.reason })), text)];
    const type = stringField(parsed.value, 'type');
    if (!isRecord(parsed.value) || type === undefined) {
      return [this.factory.invalid(origin, protocolViolation('graphql-ws-no-type', reference, sentence('protocols:violation.detail.graphqlNoType')), parsed.value)];
    }
    this.variant ??= variantOfType(type);
    const violations: ProtocolViolation[] = [];
    if (!message.isText) violations.push(protocolViolation('graphql-ws-binary-message', reference, sentence('protocols:violation.detail.graphqlBinary')));
    const id = stringField(parsed.value, 'id');
    const needsId = OPERATION_START.has(type) || OPERATION_RESULT.has(type) || OPERATION_END.has(type);
    if (needsId && id === undefined && type !== 'error') violations.push(protocolViolation('graphql-ws-missing-id', reference, sentence('protocols:violation.detail.graphqlMissingId', { type })));
    const related = this.relate(origin, type, id);
    const payload = parsed.value['payload'];
    const tree: ProtocolRecord = parsed.value;
    const created = this.factory.create(origin, {
      kind: type,
      summary: this.summarize(type, id, payload),
      tree,
      isControl: type === 'ping' || type === 'pong' || type === 'ka' || type === 'connection_keep_alive',
      violations,
      ...related,
    });
    this.remember(origin, type, id, payload, created);
    return [created];
  }

  private relate(origin: MessageOrigin, type: string, id: string | undefined): { links?: ProtocolLink[]; rttMicros?: number } {
    const at = origin.atMicros;
    if (type === 'connection_ack' || type === 'connection_error') return this.init ? linkTo(this.init, 'answers', at) : {};
    if (type === 'pong') {
      const ping = this.lastPing.get(origin.direction === 'in' ? 'out' : 'in');
      return ping ? linkTo(ping, 'answers', at) : {};
    }
    const operation = id === undefined ? undefined : this.operations.get(id);
    if (operation === undefined) return {};
    if (OPERATION_RESULT.has(type)) return { links: linkTo(operation, 'belongs-to', at).links };
    if (OPERATION_END.has(type)) return linkTo(operation, 'completes', at);
    return {};
  }

  private remember(origin: MessageOrigin, type: string, id: string | undefined, payload: ProtocolRecord[string] | undefined, message: ProtocolMessage): void {
    if (type === 'connection_init') this.init = message;
    if (type === 'ping') this.lastPing.set(origin.direction, message);
    if (id === undefined) return;
    if (OPERATION_START.has(type)) this.operations.set(id, { index: message.index, atMicros: message.atMicros, name: operationName(payload) });
    // graphql-transport-ws: complete from either side ends the operation; the id may be reused after.
    else if (type === 'complete' || type === 'stop') this.operations.delete(id);
  }

  private summarize(type: string, id: string | undefined, payload: ProtocolRecord[string] | undefined): string {
    const parts = [`graphql ${type}`];
    if (id !== undefined) parts.push(`id=${id}`);
    if (OPERATION_START.has(type)) parts.push(operationName(payload));
    else if (id !== undefined && this.operations.has(id) && !OPERATION_END.has(type)) parts.push(this.operations.get(id)?.name ?? '');
    if (type === 'next' || type === 'data' || type === 'error' || type === 'connection_error') parts.push(preview(payload, 50));
    return parts.filter((part) => part !== '').join(' ');
  }
}

/** The operation's name, or the first line of its query. */
function operationName(payload: ProtocolRecord[string] | undefined): string {
  const name = stringField(payload, 'operationName');
  if (name !== undefined && name !== '') return name;
  const query = stringField(payload, 'query') ?? '';
  const match = /(query|mutation|subscription)\s*([A-Za-z_][A-Za-z0-9_]*)?[^{]*\{\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(query);
  return match === null ? '' : `${match[1]} ${match[2] ?? match[3] ?? ''}`.trim();
}
