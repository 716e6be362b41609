import { describe, expect, it } from 'vitest';
import { APP_PROTOCOL_IDS } from '../../../shared/app-protocol/app-protocol-id.js';
import { APP_PROTOCOLS, appProtocolById, detectAppProtocol } from '../../../shared/app-protocol/registry.js';
import { contextFor, WireScript } from './app-protocol-fixtures.js';

describe('the protocol registry', () => {
  it('holds one implementation per protocol id, found by id for a manual choice', () => {
    expect(APP_PROTOCOLS.map((protocol) => protocol.id)).toEqual([...APP_PROTOCOL_IDS]);
    for (const id of APP_PROTOCOL_IDS) expect(appProtocolById(id).id).toBe(id);
  });

  it('prefers a certain detection (subprotocol, URL) over a likely one (message shapes)', () => {
    const wire = new WireScript();
    const hints = { ...contextFor('ws://h/ws', 'v12.stomp'), firstMessages: [wire.message('in', '0{"sid":"x"}')] };
    expect(detectAppProtocol(hints)).toMatchObject({ protocol: 'stomp', confidence: 'certain' });
    expect(detectAppProtocol({ ...contextFor('ws://h/ws'), firstMessages: hints.firstMessages })).toMatchObject({ protocol: 'socket.io', confidence: 'likely' });
    expect(detectAppProtocol(contextFor('ws://h/echo'))).toBeNull();
  });

  it('names an offered but not accepted subprotocol as such', () => {
    expect(detectAppProtocol({ url: 'ws://h/mqtt', offeredSubprotocols: ['mqtt'] })).toEqual({ protocol: 'mqtt', confidence: 'certain', reason: 'subprotocol mqtt offered by the client', reasonText: { key: 'protocols:detection.subprotocolOffered', values: { name: 'mqtt' } } });
  });
});
