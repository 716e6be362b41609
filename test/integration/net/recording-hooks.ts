import type { Duplex } from 'node:stream';
import type { DialHooks } from '../../../electron/engine/net/dial-options.js';
import type { NetEvent } from '../../../electron/engine/net/net-event.js';

/** Dial hooks that keep every event, on a clock that starts at zero. */
export interface RecordingHooks extends DialHooks {
  readonly events: NetEvent[];
  /** The event names in order, for order assertions. */
  names(): string[];
}

/** Hooks for one dial in a test; `env` is passed through for environment-proxy tests. */
export function recordingHooks(env?: Readonly<Record<string, string | undefined>>): RecordingHooks {
  const startedAt = process.hrtime.bigint();
  const events: NetEvent[] = [];
  return {
    events,
    env,
    names: () => events.map((event) => event.name),
    nowMicros: () => Number((process.hrtime.bigint() - startedAt) / 1000n),
    onEvent: (event) => events.push(event),
  };
}

/** Writes a WebSocket upgrade request on a dialled socket and returns the response status line. */
export async function upgradeStatusLine(socket: Duplex, hostHeader: string): Promise<string> {
  const request = [
    'GET / HTTP/1.1',
    `Host: ${hostHeader}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
  const received: Buffer[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no upgrade response within 5 s')), 5_000);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      const text = Buffer.concat(received).toString('latin1');
      const end = text.indexOf('\r\n');
      if (end !== -1) {
        clearTimeout(timer);
        resolve(text.slice(0, end));
      }
    });
    socket.once('error', reject);
    socket.write(request);
  });
}
