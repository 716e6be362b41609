import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProtocolSessionContext } from '../../../shared/app-protocol/app-protocol.js';
import { APP_PROTOCOLS } from '../../../shared/app-protocol/registry.js';
import type { WireMessage } from '../../../shared/app-protocol/wire-message.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';
import { autoPayloadView } from '../../../shared/payload-format/auto-payload-view.js';
import { cborView } from '../../../shared/payload-format/cbor-view.js';
import { msgpackView } from '../../../shared/payload-format/msgpack-view.js';
import { protobufWireView } from '../../../shared/payload-format/protobuf-wire-view.js';

/** Real messages of each protocol, to mutate: random bytes alone rarely get past the first check. */
const seeds = [
  '0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000}', '42/chat,7["m",{"a":1}]', '452-["u",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]', '43/chat,7["ok"]',
  'CONNECT\naccept-version:1.2\nheart-beat:1000,1000\n\n\0', 'MESSAGE\nsubscription:s\ndestination:/a\ncontent-length:3\n\nabc\0\n', 'SUBSCRIBE\nid:s\ndestination:/a\\c\n\n\0',
  '{"type":"subscribe","id":"1","payload":{"query":"{a}"}}', '{"type":"next","id":"1","payload":{"data":{}}}', '{"type":"start","id":"2","payload":{}}',
  '{"protocol":"messagepack","version":1}\u001e', '{}\u001e', '{"type":1,"invocationId":"1","target":"T","arguments":[1]}\u001e', '{"C":"x","M":[{"H":"h","M":"m","A":[]}]}', '{"I":"0","R":1}',
].map(encodeUtf8);
const binarySeeds = [
  Uint8Array.of(0x10, 0x10, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3c, 0x03, 0x21, 0x00, 0x14, 0x00, 0x00),
  Uint8Array.of(0x32, 0x0a, 0x00, 0x03, 0x61, 0x2f, 0x62, 0x00, 0x07, 0x00, 0x68, 0x69),
  Uint8Array.of(0x82, 0x07, 0x00, 0x01, 0x00, 0x02, 0x61, 0x2f, 0x01),
  Uint8Array.of(0x0e, 0x96, 0x01, 0x80, 0xa1, 0x31, 0xa4, 0x53, 0x65, 0x6e, 0x64, 0x92, 0xa1, 0x61, 0x01),
  Uint8Array.of(0x04, 0x01, 0x02),
];

const contexts: ProtocolSessionContext[] = [
  { url: 'ws://h/socket.io/?EIO=4&transport=websocket', offeredSubprotocols: [] },
  { url: 'ws://h/socket.io/?EIO=3&transport=websocket', offeredSubprotocols: [] },
  { url: 'ws://h/ws', offeredSubprotocols: ['v12.stomp'], acceptedSubprotocol: 'v12.stomp' },
  { url: 'ws://h/ws', offeredSubprotocols: ['v10.stomp'], acceptedSubprotocol: 'v10.stomp' },
  { url: 'ws://h/mqtt', offeredSubprotocols: ['mqtt'], acceptedSubprotocol: 'mqtt' },
  { url: 'ws://h/graphql', offeredSubprotocols: ['graphql-ws'], acceptedSubprotocol: 'graphql-ws' },
  { url: 'ws://h/hub?id=1', offeredSubprotocols: [] },
  { url: 'ws://h/signalr/connect?transport=webSockets&connectionToken=t', offeredSubprotocols: [] },
];

const mutated = fc
  .tuple(fc.constantFrom(...seeds, ...binarySeeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat())
  .map(([seed, flips, cut]) => {
    const bytes = Uint8Array.from(seed);
    for (const [at, value] of flips) bytes[at % bytes.length] = value;
    return bytes.slice(0, bytes.length - (cut % 4));
  });
const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated, fc.constantFrom(...seeds, ...binarySeeds));
const wireMessage = fc.record({ direction: fc.constantFrom<'in' | 'out'>('in', 'out'), isText: fc.boolean(), bytes: anyBytes });

describe('arbitrary bytes never throw', () => {
  it('through every protocol decoder and its duty machine, in every mode', () => {
    fc.assert(
      fc.property(fc.nat({ max: APP_PROTOCOLS.length - 1 }), fc.nat({ max: contexts.length - 1 }), fc.array(wireMessage, { maxLength: 12 }), (protocolIndex, contextIndex, messages) => {
        const protocol = APP_PROTOCOLS[protocolIndex]!;
        const context = contexts[contextIndex]!;
        const decoder = protocol.createDecoder(context);
        const duties = protocol.createDuties(context, { keepAliveMs: 1000 });
        let seq = 1;
        for (const [i, message] of messages.entries()) {
          const wire: WireMessage = { ...message, atMicros: i * 1000, seqs: [seq++] };
          for (const decoded of decoder.push(wire)) {
            expect(decoded.seqs.length).toBeGreaterThan(0);
            expect(decoded.violations.length > 0 || decoded.kind !== 'invalid').toBe(true);
            duties.onMessage(decoded);
          }
          duties.onTimer('any', i * 1000);
        }
        decoder.facts();
      }),
      { numRuns: 3000 },
    );
  });

  it('through every payload view', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        msgpackView(bytes);
        cborView(bytes);
        protobufWireView(bytes);
        autoPayloadView(bytes);
      }),
      { numRuns: 3000 },
    );
  });
});
