import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { buildCliBundle, runBin } from './run-bin.js';
import { jsonLines } from './run-cli.js';

describe('the real frameline command (bin/frameline.js over the bundled CLI)', () => {
  let server: WsServerPeer;
  beforeAll(async () => {
    await buildCliBundle();
    server = await startWsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('connects, sends, prints --json records and exits 0 after a normal close', async () => {
    const run = await runBin(['connect', server.url, '--send', 'from the real binary', '--wait', '0.2', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const records = jsonLines(run.stdout);
    expect(records[0]).toMatchObject({ kind: 'event', seq: 0, name: 'tcp-connected' });
    expect(records.find((record) => record.kind === 'handshake')).toMatchObject({ response: { statusCode: 101 } });
    const echoes = records.filter((r): r is FrameRecordJson => r.kind === 'frame' && r.direction === 'in' && r.opcode === 1);
    expect(echoes.map((frame) => Buffer.from(frame.payload, 'base64').toString())).toEqual(['from the real binary']);
    expect(records.at(-1)).toMatchObject({ kind: 'event', name: 'closed', by: 'client', how: 'close-frame', closeCode: 1000 });
    expect(server.receivedMessages().map((message) => message.data.toString())).toContain('from the real binary');
  });

  it('sends piped standard input line by line after the --send messages, then waits --wait seconds and closes', async () => {
    const before = server.receivedMessages().length;
    const run = await runBin(['connect', server.url, '--send', 'first from --send', '--wait', '0.3', '--json'], 20_000, 'second from stdin\n/ping hb\nthird from stdin\n');
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(server.receivedMessages().slice(before).map((message) => message.data.toString())).toEqual(['first from --send', 'second from stdin', 'third from stdin']);
    const records = jsonLines(run.stdout);
    const sent = records.filter((r): r is FrameRecordJson => r.kind === 'frame' && r.direction === 'out').map((frame) => [frame.opcode, Buffer.from(frame.payload, 'base64').toString()]);
    expect(sent).toEqual([[1, 'first from --send'], [1, 'second from stdin'], [9, 'hb'], [1, 'third from stdin'], [8, expect.any(String)]]);
    // Every echo came back before the close: the wait counts from the end of input.
    expect(records.filter((r) => r.kind === 'frame' && r.direction === 'in' && r.opcode === 1)).toHaveLength(3);
  });

  it.each(['connect', 'diagnose', 'listen', 'convert', 'ui'])('%s --help prints its usage on stdout and exits 0', async (command) => {
    const run = await runBin([command, '--help']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(new RegExp(`^frameline ${command} `));
  });
});
