import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { dial } from '../../../electron/engine/net/dial.js';
import type { Socks4aProxy } from '../../../electron/engine/net/dial-options.js';
import { startDante } from '../../harness/dante.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { jsonLines, runCli } from '../cli/run-cli.js';
import { recordingHooks, upgradeStatusLine } from './recording-hooks.js';

const dantePeer = requirePeer('danted');

describe.skipIf(!dantePeer.isAvailable)('SOCKS4 through Dante', () => {
  let dante: RunningPeer;
  let server: WsServerPeer;
  beforeAll(async () => {
    [dante, server] = await Promise.all([startDante(), startWsServer()]);
  });
  afterAll(async () => {
    await Promise.all([dante?.stop(), server?.stop()]);
  });

  const proxy = (kind: Socks4aProxy['kind']): Socks4aProxy => ({ kind, host: '127.0.0.1', port: dante.port });

  it('socks4 resolves the name here, sends the IPv4 address, and the upgrade goes through', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://localhost:${server.port}/`, proxy: proxy('socks4'), connectTimeoutMs: 10_000 }, hooks);
    expect(result.ok, dante.logs()).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['tcp-connected', 'dns', 'socks-step', 'proxy-tunnel-established']);
    expect(hooks.events[2]).toMatchObject({ proxyKind: 'socks4', step: 'request', outcome: 'ok', reply: 90, resolution: 'local', message: expect.stringMatching(new RegExp(`^CONNECT 127\\.0\\.0\\.1:${server.port} \\(SOCKS4: localhost resolved here\\): reply 90 \\(request granted\\), bound address `)) });
    expect(hooks.events[3]).toMatchObject({ proxyKind: 'socks4', target: `127.0.0.1:${server.port}`, statusLine: 'SOCKS4 reply 90 (request granted)' });
    expect(await upgradeStatusLine(result.socket, `localhost:${server.port}`)).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });

  it('socks4a sends the name, which Dante refuses: the hint says to use socks4://', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://localhost:${server.port}/`, proxy: proxy('socks4a'), connectTimeoutMs: 10_000 }, hooks);
    expect(result).toMatchObject({
      ok: false,
      failure: { stage: 'proxy', code: 'SOCKS4_0x5b', message: `The SOCKS4a proxy 127.0.0.1:${dante.port} could not connect to localhost:${server.port}: request rejected or failed (reply 91)`, hint: expect.stringContaining('socks4://') },
    });
    expect(hooks.events.at(-1)).toMatchObject({ name: 'socks-step', step: 'request', outcome: 'refused', reply: 91, message: `CONNECT localhost:${server.port} (SOCKS4a: the proxy resolves the name): reply 91 (request rejected or failed)` });
  });

  it('socks4a with an address target works (no name to resolve)', async () => {
    const result = await dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: proxy('socks4a'), connectTimeoutMs: 10_000 }, recordingHooks());
    expect(result.ok, dante.logs()).toBe(true);
    if (result.ok) result.socket.destroy();
  });

  it('frameline connect --proxy socks4:// carries a whole session through Dante', async () => {
    const run = await runCli(['connect', `ws://localhost:${server.port}/`, '--proxy', `socks4://127.0.0.1:${dante.port}`, '--send', 'via dante', '--wait', '0.2', '--json']);
    expect(run.status, `${run.stderr}\n${dante.logs()}`).toBe(0);
    const records = jsonLines(run.stdout);
    expect(records.find((record) => record.kind === 'event' && record.name === 'proxy-tunnel-established')).toMatchObject({ proxyKind: 'socks4' });
    const echoes = records.filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'in' && record.opcode === 1);
    expect(echoes.map((frame) => Buffer.from(frame.payload, 'base64').toString())).toEqual(['via dante']);
  });
});
