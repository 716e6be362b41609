import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

/**
 * A strict-mode session fails on a `ws` server's reserved-opcode frame (§7.1.7); exported as a
 * native file and opened again, the imported tab's summary names the same record and rule.
 */

let server: WebSocketServer | undefined;
let directory: TempDir | undefined;
let engine: FramelineEngine | undefined;
afterEach(async () => {
  await engine?.dispose();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  directory?.remove();
  engine = undefined;
  server = undefined;
  directory = undefined;
});

/** A `ws` server that, once a client says anything, writes a frame with reserved opcode 0x3 straight onto its socket (ws never sends one itself). */
async function startMisbehavingServer(): Promise<string> {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server?.once('listening', resolve));
  server.on('connection', (socket: WebSocket) => {
    socket.on('error', () => undefined);
    socket.on('message', () => {
      socket.send('before the break');
      const raw = (socket as WebSocket & { _socket?: { write(bytes: Buffer): void } })._socket;
      raw?.write(Buffer.concat([Buffer.from([0x83, 0x0c]), Buffer.from('opcode three')]));
    });
  });
  const { port } = server.address() as { port: number };
  return `ws://127.0.0.1:${port}/strict`;
}

async function summaryOf(api: FramelineEngine, id: string, isDone: (summary: SessionSummary) => boolean): Promise<SessionSummary> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const summary = (await api.run('listSessions', [])).find((each) => each.id === id);
    if (summary && isDone(summary)) return summary;
    if (Date.now() > deadline) throw new Error(`timed out; last summary: ${JSON.stringify(summary)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('an imported strict-mode capture', () => {
  it('names the record that failed the connection and its rule, as the live session did', async () => {
    const url = await startMisbehavingServer();
    const temp = createTempDir('imported-strict');
    directory = temp;
    const exportPath = temp.file('strict.frameline.json');
    const api = new FramelineEngine({ dataDirectory: temp.file('data'), batchIntervalMs: 10, chooseExportPath: async () => exportPath });
    engine = api;
    const { sessionId } = await api.run('openSession', [{ ...defaultSessionOptions(url), mode: 'strict', limits: { ...defaultSessionOptions(url).limits, closeTimeoutMs: 1_000 } }]);
    await summaryOf(api, sessionId, (summary) => summary.state === 'open');
    await api.run('send', [sessionId, { type: 'text', data: 'misbehave' }]);
    const live = await summaryOf(api, sessionId, (summary) => summary.state === 'closed');
    expect(live.closed?.strictFailure?.rule).toBe('reserved-opcode');
    const failedSeq = live.closed?.strictFailure?.seq ?? -1;
    expect((await api.run('getRecord', [sessionId, failedSeq])).kind).toBe('frame');

    expect(await api.run('exportCapture', [sessionId, { format: 'json', redact: true, extraHeaderNames: [], payloadPatterns: [] }])).toEqual({ kind: 'saved', fileName: exportPath });
    const closedLine = readFileSync(exportPath, 'utf8').split('\n').find((line) => line.includes('"name":"closed"'));
    expect(JSON.parse((closedLine ?? '{}').replace(/,$/, ''))).toMatchObject({ strictFailure: { seq: failedSeq, rule: 'reserved-opcode' } });

    const imported = await api.run('importCapture', [{ kind: 'content', fileName: 'strict.frameline.json', base64: readFileSync(exportPath).toString('base64') }]);
    const summary = await summaryOf(api, imported.sessionId, () => true);
    expect(summary).toMatchObject({ readOnly: true, state: 'closed', closed: { by: live.closed?.by, how: live.closed?.how, closeCode: 1002, strictFailure: { seq: failedSeq, rule: 'reserved-opcode' } } });
    expect(summary.closed?.at).toBe(summary.endedAt);
    const record = await api.run('getRecord', [imported.sessionId, failedSeq]);
    expect(record.kind === 'frame' ? record.violations.map((violation) => violation.rule) : []).toEqual(['reserved-opcode']);
  });
});
