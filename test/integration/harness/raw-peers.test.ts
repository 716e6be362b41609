import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpResponder } from '../../harness/http-responder.js';
import { startResetMidFrameServer } from '../../harness/reset-mid-frame-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSilentServer } from '../../harness/silent-server.js';
import { expectHandshakeFailure } from '../../harness/ws-client.js';

const peers: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe('raw peers', () => {
  it('a silent server lets the handshake time out', async () => {
    const server = await startSilentServer();
    peers.push(server);
    const started = Date.now();
    const outcome = await expectHandshakeFailure(server.url ?? '', {}, 300);
    expect(outcome.error).toMatch(/timed out/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(server.logs()).toContain('not answering');
  });

  it('the reset server completes the handshake, sends half a frame, then resets', async () => {
    const server = await startResetMidFrameServer();
    peers.push(server);
    // A raw client, because the ws client reports a reset only as close code 1006.
    const socket = connect({ host: server.host, port: server.port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));
    expect(error.code).toBe('ECONNRESET');
    const received = Buffer.concat(chunks);
    expect(received.toString('latin1')).toContain('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(received.subarray(-6)).toEqual(Buffer.from([0x81, 0x0a, ...Buffer.from('hell')]));
  });

  it('the HTTP responder answers with the given status and body', async () => {
    const server = await startHttpResponder({ status: 403, body: 'origin not allowed' });
    peers.push(server);
    expect(await expectHandshakeFailure(server.url ?? '')).toEqual({ status: 403, body: 'origin not allowed' });
  });

  it('by default the HTTP responder is a plain 200 server that ignores Upgrade', async () => {
    const server = await startHttpResponder({ body: '<html></html>' });
    peers.push(server);
    expect(await expectHandshakeFailure(server.url ?? '')).toEqual({ status: 200, body: '<html></html>' });
  });
});
