import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventRecordJson, FrameRecordJson } from '../../../shared/contract/records.js';
import { jsonLines, runCli } from './run-cli.js';

/**
 * A real `ws` server that, once a client says "misbehave", writes one frame with reserved opcode
 * 0x3 straight onto its socket (ws itself would never send one), then carries on echoing.
 */
async function startMisbehavingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket: WebSocket & { _socket?: { write(bytes: Buffer): void } }) => {
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      if (data.toString() === 'misbehave') socket._socket?.write(Buffer.from([0x83, 0x02, 0x68, 0x69]));
      else socket.send(data, { binary: isBinary });
    });
  });
  const { port } = server.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('observe and strict modes from the command line', () => {
  let server: Awaited<ReturnType<typeof startMisbehavingServer>>;
  beforeAll(async () => {
    server = await startMisbehavingServer();
  });
  afterAll(async () => server?.close());

  it('observe mode records the reserved opcode as a violation and closes normally (exit 0)', async () => {
    const run = await runCli(['connect', server.url, '--send', 'misbehave', '--send', 'after', '--wait', '0.5', '--json']);
    const frames = jsonLines(run.stdout).filter((record): record is FrameRecordJson => record.kind === 'frame');
    const reserved = frames.find((frame) => frame.direction === 'in' && frame.opcode === 3);
    expect(reserved?.violations.map((violation) => violation.rule)).toEqual(['reserved-opcode']);
    expect(frames.some((frame) => frame.direction === 'in' && Buffer.from(frame.payload, 'base64').toString() === 'after')).toBe(true);
    expect(run.status).toBe(0);
  });

  it('strict mode fails the connection with 1002 and exits 1 saying why', async () => {
    const run = await runCli(['connect', server.url, '--strict', '--send', 'misbehave', '--wait', '2', '--json']);
    const records = jsonLines(run.stdout);
    const closeOut = records.find((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'out' && record.opcode === 8);
    expect(closeOut?.closeCode).toBe(1002);
    const error = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'error');
    expect(error?.stage).toBe('websocket');
    const closed = records.at(-1) as EventRecordJson;
    // §7.1.7: after failing the connection the client reads nothing more, so the server's reply
    // close is not decoded; the session ends when the TCP connection does.
    expect(closed).toMatchObject({ name: 'closed', by: 'client', closeCode: 1002 });
    expect(String(closed.message)).toContain('strict mode failed the connection');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^strict mode failed the connection: .*opcode 0x3 is reserved/im);
  });
});
