import type { HttpBodySeen, HttpExchange } from '../../../shared/contract/relay-http-exchange.js';

/** A body as an exchange keeps it: every byte counted, the first `keptBytes` kept. */
export function seenBody(bytes: Uint8Array | string, keptBytes = 4096, isComplete = true): HttpBodySeen {
  const all = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return { byteLength: all.byteLength, start: all.subarray(0, keptBytes).toString('base64'), isTruncated: all.byteLength > keptBytes, isComplete };
}

const startedAtMs = Date.parse('2026-11-30T10:00:00.000Z');

/**
 * Four exchanges as a relay reports them: an Engine.IO handshake (text, with a credential query
 * value and Cookie already redacted), a POST whose 10 000-byte text body was cut at 4 KiB (in the
 * middle of a three-byte character), a binary response, and one whose upstream could not be reached.
 */
export function sampleExchanges(): HttpExchange[] {
  const open = '0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
  const long = `${'a'.repeat(4095)}€${'b'.repeat(10_000 - 4098)}`;
  return [
    {
      exchangeId: 1,
      peer: '127.0.0.1:50001',
      method: 'GET',
      url: 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=abc&token=*****',
      httpVersion: '1.1',
      requestHeaders: [['Host', '127.0.0.1:3000'], ['Cookie', '********'], ['Accept', '*/*']],
      requestBody: seenBody(''),
      response: { httpVersion: '1.1', statusCode: 200, reason: 'OK', headers: [['Content-Type', 'text/plain; charset=UTF-8'], ['Content-Length', String(open.length)]], body: seenBody(open) },
      responseProblem: null,
      startedAtMs,
      durationMs: 3.25,
      end: { kind: 'completed' },
    },
    {
      exchangeId: 2,
      peer: '127.0.0.1:50002',
      method: 'POST',
      url: 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&sid=abc',
      httpVersion: '1.1',
      requestHeaders: [['Host', '127.0.0.1:3000'], ['Content-Type', 'text/plain;charset=UTF-8'], ['X-Team-Secret', 'team-42']],
      requestBody: seenBody(long),
      response: { httpVersion: '1.1', statusCode: 200, reason: 'OK', headers: [['Content-Type', 'text/html'], ['Set-Cookie', '*********']], body: seenBody('ok') },
      responseProblem: null,
      startedAtMs: startedAtMs + 10,
      durationMs: 1.5,
      end: { kind: 'completed' },
    },
    {
      exchangeId: 3,
      peer: '127.0.0.1:50003',
      method: 'GET',
      url: 'http://127.0.0.1:3000/logo.png',
      httpVersion: '1.1',
      requestHeaders: [['Host', '127.0.0.1:3000']],
      requestBody: seenBody(''),
      response: { httpVersion: '1.1', statusCode: 200, reason: 'OK', headers: [['Content-Type', 'image/png']], body: seenBody(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00), 4096, false) },
      responseProblem: null,
      startedAtMs: startedAtMs + 20,
      durationMs: 7,
      end: { kind: 'server-closed' },
    },
    {
      exchangeId: 4,
      peer: '127.0.0.1:50004',
      method: 'GET',
      url: 'http://127.0.0.1:1/negotiate',
      httpVersion: '1.1',
      requestHeaders: [['Host', '127.0.0.1:1']],
      requestBody: seenBody(''),
      response: null,
      responseProblem: null,
      startedAtMs: startedAtMs + 30,
      durationMs: 0.8,
      end: {
        kind: 'upstream-failed',
        stage: 'tcp',
        message: 'connect ECONNREFUSED 127.0.0.1:1',
        hint: 'Nothing listens there.',
        i18n: { message: { key: 'common:verbatim', values: { text: 'connect ECONNREFUSED 127.0.0.1:1' } }, hint: { key: 'common:verbatim', values: { text: 'Nothing listens there.' } } },
      },
    },
  ];
}
