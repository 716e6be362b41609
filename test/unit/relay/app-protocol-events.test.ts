import { describe, expect, it } from 'vitest';
import { appProtocolEvents } from '../../../shared/relay/app-protocol-events.js';
import { testCodec } from './relay-fixtures.js';

describe('application-protocol events for breakpoints and rules', () => {
  it('a Socket.IO connection (told by its URL) names each message by its kind and the words of its summary', () => {
    const classify = appProtocolEvents({ url: 'ws://app.test/socket.io/?EIO=4&transport=websocket', offeredSubprotocols: [] })!;
    expect(classify('in', 1, testCodec.encode('0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'))).toContain('open');
    expect(classify('out', 1, testCodec.encode('42["chat:message","hi"]'))).toEqual(expect.arrayContaining(['EVENT', 'chat:message']));
    expect(classify('out', 9, new Uint8Array(0))).toEqual([]);
  });

  it('no protocol is detected for a plain WebSocket: no classifier, so an event condition never matches', () => {
    expect(appProtocolEvents({ url: 'ws://app.test/feed', offeredSubprotocols: [] })).toBeNull();
  });
});
