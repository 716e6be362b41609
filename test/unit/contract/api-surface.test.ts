import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { commandNames, commandSchemas, eventNames, eventSchemas, parseCommandArgs } from '../../../shared/contract/api.js';
import type { FramelineApi } from '../../../shared/contract/api.js';
import { bridgeCallSchema, toBridgeError } from '../../../shared/contract/bridge-protocol.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';

/** The shape of one schema as JSON Schema; custom (unrepresentable) parts show as `{}`. */
function shapeOf(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
}

describe('FramelineApi surface', () => {
  it('lists commands and events (a change here is a contract change: review both transports)', () => {
    const surface = {
      commands: Object.fromEntries(
        [...commandNames].sort().map((name) => [
          name,
          { args: shapeOf(commandSchemas[name].args), result: shapeOf(commandSchemas[name].result) },
        ]),
      ),
      events: Object.fromEntries([...eventNames].sort().map((name) => [name, shapeOf(eventSchemas[name])])),
    };
    expect(surface).toMatchSnapshot();
  });

  it('fills session defaults from a URL alone', () => {
    const options = defaultSessionOptions('wss://example.test/socket');
    expect(options.httpVersion).toBe('1.1');
    expect(options.heartbeat).toEqual({ autoPingIntervalMs: 0, autoPong: true });
    expect(options.proxy).toEqual({ kind: 'none' });
    expect(options.mode).toBe('observe');
  });

  it('rejects a non-WebSocket URL and names the field', () => {
    expect(() => parseCommandArgs('openSession', [{ url: 'http://example.test' }])).toThrow(/ws:\/\//);
    try {
      parseCommandArgs('openSession', [{ url: 'ftp://x' }]);
    } catch (error) {
      expect(toBridgeError(error)).toMatchObject({ field: '0.url' });
    }
  });

  it('validates crafted frames and leaves optional arguments optional', () => {
    const [, request] = parseCommandArgs('send', ['s1', { type: 'frame', opcode: 3, fin: false, rsv1: true, rsv2: false, rsv3: false, mask: { key: '0a0b0c0d' }, payload: 'AA==' }]);
    expect(request.type).toBe('frame');
    expect(() => parseCommandArgs('send', ['s1', { type: 'frame', opcode: 16 }])).toThrow();
    expect(parseCommandArgs('closeSession', ['s1'])).toEqual(['s1', {}]);
    expectTypeOf<Parameters<FramelineApi['closeSession']>>().toEqualTypeOf<[string, ({ code?: number; reason?: string } | undefined)?]>();
  });

  it('accepts only known commands on the bridge', () => {
    expect(bridgeCallSchema.safeParse({ type: 'call', id: 1, command: 'listSessions', args: [] }).success).toBe(true);
    expect(bridgeCallSchema.safeParse({ type: 'call', id: 1, command: 'toString', args: [] }).success).toBe(false);
  });
});
