import type { AppProtocol, Detection, DetectionHints } from '../app-protocol.js';
import { message } from '../../i18n/message.js';
import { detected, subprotocolReason } from '../detection.js';
import { parseJson, stringField } from '../json-text.js';
import { matchingSubprotocol } from '../url-shape.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';
import { GraphqlWsDecoder } from './graphql-ws-decoder.js';
import { GraphqlWsDuties } from './graphql-ws-duties.js';
import { encodeGraphqlWs } from './graphql-ws-encoder.js';
import type { GraphqlWsInput } from './graphql-ws-encoder.js';
import { variantOfSubprotocol } from './graphql-ws-variant.js';

/** GraphQL over WebSocket: graphql-transport-ws and the legacy graphql-ws (subscriptions-transport-ws). */
export const graphqlWsProtocol: AppProtocol<GraphqlWsInput> = {
  id: 'graphql-ws',
  displayName: 'GraphQL over WebSocket',
  detect: detectGraphqlWs,
  createDecoder: (context) => new GraphqlWsDecoder(context),
  encode: encodeGraphqlWs,
  createDuties: (_context, options) => new GraphqlWsDuties(options?.isEnabled ?? true, options?.keepAliveMs),
};

function detectGraphqlWs(hints: DetectionHints): Detection | null {
  const subprotocol = matchingSubprotocol(hints, (name) => variantOfSubprotocol(name) !== undefined);
  if (subprotocol !== undefined) {
    return detected('graphql-ws', 'certain', subprotocolReason(subprotocol));
  }
  const first = hints.firstMessages?.find((message) => message.direction === 'out' && message.isText);
  const parsed = first === undefined ? undefined : parseJson(decodeUtf8(first.bytes));
  if (parsed?.ok && stringField(parsed.value, 'type') === 'connection_init') {
    return detected('graphql-ws', 'likely', message('protocols:detection.graphqlConnectionInit'));
  }
  return null;
}
