import { describe, expect, it } from 'vitest';
import type { HandshakeRecordJson } from '../../../shared/contract/records.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { curlCommand, framelineCommand, websocatCommand } from '../../../renderer/features/handshake/handshake-commands.js';
import { shellQuote } from '../../../shared/workspace/interop/shell-quote.js';
import { parseConnectArgs } from '../../../electron/cli/connect-args.js';

const handshake: HandshakeRecordJson = {
  kind: 'handshake',
  seq: 3,
  atMicros: 1000,
  request: {
    method: 'GET',
    target: '/chat?room=ops',
    httpVersion: '1.1',
    headers: [
      ['Host', 'chat.example.test:8080'],
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
      ['Sec-WebSocket-Version', '13'],
      ['Sec-WebSocket-Protocol', 'chat.v2'],
      ['Origin', 'https://app.example.test'],
      ['Authorization', "Bearer it's-secret"],
    ],
    raw: '',
  },
  response: null,
  checks: [],
} as unknown as HandshakeRecordJson;

describe('the handshake as a command', () => {
  it('quotes for a POSIX shell', () => {
    expect(shellQuote('plain-arg')).toBe('plain-arg');
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('a b')).toBe("'a b'");
  });

  it('as curl: every recorded header in order, over HTTP/1.1, to the http URL', () => {
    const command = curlCommand('ws://chat.example.test:8080/chat?room=ops', handshake);
    expect(command.split(' \\\n  ')).toEqual([
      'curl --include --no-buffer --http1.1',
      "-H 'Host: chat.example.test:8080'",
      "-H 'Upgrade: websocket'",
      "-H 'Connection: Upgrade'",
      "-H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='",
      "-H 'Sec-WebSocket-Version: 13'",
      "-H 'Sec-WebSocket-Protocol: chat.v2'",
      "-H 'Origin: https://app.example.test'",
      "-H 'Authorization: Bearer it'\\''s-secret'",
      "'http://chat.example.test:8080/chat?room=ops'",
    ]);
  });

  it('as websocat: its own upgrade headers, the subprotocol, Origin and the application headers', () => {
    expect(websocatCommand('wss://chat.example.test/chat', handshake).split(' \\\n  ')).toEqual([
      'websocat',
      '--protocol chat.v2',
      '--origin https://app.example.test',
      "-H 'Authorization: Bearer it'\\''s-secret'",
      "'wss://chat.example.test/chat?room=ops'",
    ]);
  });

  it('as frameline connect: the settings the session was opened with, and the CLI reads them back the same', () => {
    const options = {
      ...defaultSessionOptions('wss://chat.example.test/chat'),
      headers: [['X-Trace', '42']] as [string, string][],
      subprotocols: ['chat.v2'],
      deflate: { enabled: true },
      proxy: { kind: 'socks5' as const, host: '127.0.0.1', port: 1080, remoteDns: true },
      connectTo: { host: '10.0.0.5', port: 8443 },
      tls: { insecure: true, caFile: '/tmp/ca.pem' },
      heartbeat: { autoPingIntervalMs: 5000, autoPong: false },
      limits: { ...defaultSessionOptions('wss://chat.example.test/chat').limits, maxInflatedBytesPerSecond: 8_000_000 },
      mode: 'strict' as const,
    };
    const command = framelineCommand('wss://chat.example.test/chat', handshake, options);
    const argv = command.split(' \\\n  ').flatMap((line) => line.split(' ')).map((word) => word.replace(/^'|'$/g, ''));
    expect(argv.slice(0, 3)).toEqual(['frameline', 'connect', 'wss://chat.example.test/chat']);
    const reread = parseConnectArgs(['wss://chat.example.test/chat', ...joinHeaderValues(argv.slice(3))]);
    expect(reread.options).toEqual({ ...defaultSessionOptions('wss://chat.example.test/chat'), ...options, tls: { insecure: true, caFile: '/tmp/ca.pem' } });
  });

  it('as frameline connect for an imported capture: from the recorded request', () => {
    expect(framelineCommand('ws://chat.example.test:8080/chat', handshake, null)).toContain("--subprotocol chat.v2");
  });
});

/** `-H 'X-Trace: 42'` splits on its space above; join a header value back to its name. */
function joinHeaderValues(words: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    if (words[index - 1] === '-H' && word.endsWith(':')) {
      joined.push(`${word} ${words[index + 1]}`);
      index += 1;
    } else joined.push(word);
  }
  return joined;
}
