import { describe, expect, it } from 'vitest';
import { relayConnectionSchema, relaySettingsSchema } from '../../../shared/contract/api-relay.js';
import { sessionOptionsSchema, type SessionOptions } from '../../../shared/contract/session-options.js';
import { isDrawerOption } from '../../../renderer/features/connection/drawer-options.js';

const optionKeys = Object.keys(sessionOptionsSchema.shape) as (keyof SessionOptions)[];

describe('the settings drawer’s options per view', () => {
  it('in the Relay view: only what the relay’s upstream connection takes, not what the client’s own request or the two ends decide', () => {
    const hidden = optionKeys.filter((key) => !isDrawerOption('relay', key));
    expect(hidden.sort()).toEqual(['deflate', 'heartbeat', 'mode', 'origin', 'protocol', 'protocolDuties', 'subprotocols', 'url']);
    for (const key of ['headers', 'httpVersion', 'proxy', 'connectTo', 'connectTimeoutMs', 'family', 'tls', 'limits'] as const) expect(isDrawerOption('relay', key)).toBe(true);
  });

  it('in every other view: every option', () => {
    for (const view of ['inspect', 'doctor', 'listen', 'conformance', 'fanout'] as const) expect(optionKeys.filter((key) => !isDrawerOption(view, key))).toEqual([]);
  });

  it('a relay settings file saved with the options the relay no longer keeps still loads, without them', () => {
    const saved = relaySettingsSchema.parse({ options: { port: 9555, connection: { connectTimeoutMs: 4321, protocol: 'mqtt', protocolDuties: false, subprotocols: ['mqtt'] } }, interception: {} });
    expect(saved.options.connection).toEqual(relayConnectionSchema.parse({ connectTimeoutMs: 4321 }));
  });
});
