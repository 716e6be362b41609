import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecordJson, FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { createCertificates, type CertificateSet } from '../../harness/certificates.js';
import { startMicrosocks } from '../../harness/microsocks.js';
import { startPythonWs } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startResetMidFrameServer } from '../../harness/reset-mid-frame-server.js';
import { startSquid } from '../../harness/squid.js';
import { startTlsWsServer, type TlsWsServerPeer } from '../../harness/tls-ws-server.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { jsonLines, runCli } from './run-cli.js';

const openssl = requirePeer('openssl');
const squidAuth = requirePeer('squid-basic-auth');
const microsocks = requirePeer('microsocks');
const python = requirePeer('python-websockets');
const auth = { username: 'frameline', password: 's3cret' };

const frames = (records: RecordJson[], direction: 'in' | 'out'): FrameRecordJson[] =>
  records.filter((r): r is FrameRecordJson => r.kind === 'frame' && r.direction === direction);
const events = (records: RecordJson[], name: string): EventRecordJson[] => records.filter((r): r is EventRecordJson => r.kind === 'event' && r.name === name);
const text = (base64: string | undefined): string => Buffer.from(base64 ?? '', 'base64').toString('utf8');

/** A --json run that must open, echo `message` and close normally. */
async function expectEcho(argv: string[], message = 'hi'): Promise<RecordJson[]> {
  const run = await runCli(['connect', ...argv, '--send', message, '--wait', '0.2', '--json']);
  expect(run.status, run.stderr).toBe(0);
  const records = jsonLines(run.stdout);
  expect(frames(records, 'in').map((frame) => text(frame.inflatedPayload ?? frame.payload))).toContain(message);
  expect(records.at(-1)).toMatchObject({ name: 'closed', by: 'client', how: 'close-frame', closeCode: 1000 });
  return records;
}

/** A --json run that must fail with exit 1 and one stderr line, which is also the error event's message. */
async function expectFailure(argv: string[], stage: string): Promise<{ line: string; records: RecordJson[] }> {
  const run = await runCli(['connect', ...argv, '--json']);
  expect(run.status).toBe(1);
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  const records = jsonLines(run.stdout);
  expect(events(records, 'error')[0]).toMatchObject({ stage, message: lines[0], hint: expect.any(String) });
  expect(records.at(-1)).toMatchObject({ name: 'closed' });
  return { line: lines[0]!, records };
}

let echo: WsServerPeer;
beforeAll(async () => {
  echo = await startWsServer();
});
afterAll(async () => {
  await echo?.stop();
});

describe.skipIf(!openssl.isAvailable)('frameline connect wss:// with --ca, without, and with --insecure', () => {
  let certificates: CertificateSet;
  let server: TlsWsServerPeer;
  beforeAll(async () => {
    certificates = await createCertificates();
    server = await startTlsWsServer({ certificates });
  });
  afterAll(async () => {
    await server?.stop();
    certificates?.remove();
  });

  it('--ca FILE verifies the certificate', async () => {
    const records = await expectEcho([server.url, '--ca', certificates.caCert]);
    expect(events(records, 'tls-established')[0]).toMatchObject({ isAuthorized: true });
    expect(events(records, 'warning')).toEqual([]);
  });

  it('without --ca: exit 1, a tls-stage error as the one-line reason', async () => {
    const { line } = await expectFailure([server.url], 'tls');
    expect(line).toMatch(/certificate/i);
  });

  it('--insecure connects and shows a warning', async () => {
    const records = await expectEcho([server.url, '--insecure']);
    expect(events(records, 'warning')[0]).toMatchObject({ message: expect.stringMatching(/insecure/) });
  });
});

describe.skipIf(!squidAuth.isAvailable)('frameline connect --proxy http:// through squid with basic auth', () => {
  it('with user:pass in the proxy URL: tunnels and echoes', async () => {
    const proxy = await startSquid({ auth });
    try {
      const records = await expectEcho([echo.url, '--proxy', `http://${auth.username}:${auth.password}@127.0.0.1:${proxy.port}`]);
      expect(events(records, 'proxy-tunnel-established')[0]).toMatchObject({ proxyKind: 'http-connect', proxyPort: proxy.port });
    } finally {
      await proxy.stop();
    }
  });

  it('without credentials: exit 1 naming the proxy and its 407', async () => {
    const proxy = await startSquid({ auth });
    try {
      const { line } = await expectFailure([echo.url, '--proxy', `http://127.0.0.1:${proxy.port}`], 'proxy');
      expect(line).toMatch(new RegExp(`HTTP proxy 127\\.0\\.0\\.1:${proxy.port} requires authentication: HTTP/1\\.[01] 407`));
    } finally {
      await proxy.stop();
    }
  });
});

describe.skipIf(!microsocks.isAvailable)('frameline connect --proxy socks5:// through microsocks', () => {
  it('with user:pass: tunnels and echoes', async () => {
    const proxy = await startMicrosocks({ auth });
    try {
      const records = await expectEcho([echo.url, '--proxy', `socks5h://${auth.username}:${auth.password}@127.0.0.1:${proxy.port}`]);
      expect(events(records, 'proxy-tunnel-established')[0]).toMatchObject({ proxyKind: 'socks5', proxyPort: proxy.port });
    } finally {
      await proxy.stop();
    }
  });
});

describe('frameline connect heartbeats against a server that pings', () => {
  let pinging: WsServerPeer;
  beforeAll(async () => {
    pinging = await startWsServer({ pingIntervalMs: 50 });
  });
  afterAll(async () => {
    await pinging?.stop();
  });

  it('answers pings by default', async () => {
    const run = await runCli(['connect', pinging.url, '--wait', '0.3', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const records = jsonLines(run.stdout);
    const pongs = frames(records, 'out').filter((frame) => frame.opcode === Opcode.pong);
    expect(pongs.length).toBeGreaterThan(0);
    expect(text(pongs[0]!.payload)).toBe('1');
  });

  it('--no-auto-pong: pings in, no pong out', async () => {
    const run = await runCli(['connect', pinging.url, '--no-auto-pong', '--wait', '0.3', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const records = jsonLines(run.stdout);
    expect(frames(records, 'in').filter((frame) => frame.opcode === Opcode.ping).length).toBeGreaterThan(1);
    expect(frames(records, 'out').map((frame) => frame.opcode)).toEqual([Opcode.close]);
  });

  it('--auto-ping records the round trip on each pong', async () => {
    const run = await runCli(['connect', echo.url, '--auto-ping', '0.05', '--wait', '0.3', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const pongs = frames(jsonLines(run.stdout), 'in').filter((frame) => frame.opcode === Opcode.pong);
    expect(pongs.length).toBeGreaterThan(0);
    expect(pongs.every((pong) => typeof pong.rttMicros === 'number')).toBe(true);
  });
});

describe.skipIf(!python.isAvailable)('frameline connect --deflate against python3-websockets', () => {
  it('negotiates permessage-deflate and shows the inflated echo', async () => {
    const server = await startPythonWs();
    try {
      const records = await expectEcho([server.url, '--deflate'], 'compress me compress me compress me');
      const [echoed] = frames(records, 'in');
      expect(echoed).toMatchObject({ rsv1: true, opcode: Opcode.text });
      expect(text(echoed!.inflatedPayload)).toBe('compress me compress me compress me');
    } finally {
      await server.stop();
    }
  });
});

describe('frameline connect to a server that resets mid-frame', () => {
  it('exits 1 saying the path reset the connection, with the truncated frame recorded', async () => {
    const server = await startResetMidFrameServer();
    try {
      const run = await runCli(['connect', server.url!, '--wait', '1', '--json']);
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toBe('connection ended without a closing handshake: closed by path (rst: read ECONNRESET)');
      const records = jsonLines(run.stdout);
      expect(frames(records, 'in')[0]).toMatchObject({ payloadLength: 10, payloadTruncated: true, violations: [expect.objectContaining({ rule: 'truncated-frame' })] });
      expect(records.at(-1)).toMatchObject({ name: 'closed', by: 'path', how: 'rst' });
    } finally {
      await server.stop();
    }
  });
});
