import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import type { EventRecordJson, FrameRecordJson, HandshakeRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { startNginx } from '../../harness/nginx.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { jsonLines, runCli } from './run-cli.js';

const nginx = requirePeer('nginx');

const text = (base64: string | undefined): string => Buffer.from(base64 ?? '', 'base64').toString('utf8');
const frames = (records: RecordJson[]): FrameRecordJson[] => records.filter((r): r is FrameRecordJson => r.kind === 'frame');
const events = (records: RecordJson[], name: string): EventRecordJson[] => records.filter((r): r is EventRecordJson => r.kind === 'event' && r.name === name);

let server: WsServerPeer;
let dir: string;
beforeAll(async () => {
  server = await startWsServer();
  dir = mkdtempSync(join(tmpdir(), 'frameline-cli-test-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('frameline connect --json against the ws echo server', () => {
  let records: RecordJson[];
  let run: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    run = await runCli(['connect', server.url, '--send', 'first', '--send-binary', '00ff10', '--ping', 'hb', '--send', 'second', '--wait', '0.3', '--close', '4000:done', '--json']);
    records = jsonLines(run.stdout);
  });

  it('exits 0 after a normal close, with nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('prints the handshake record with the issue\'s field names', () => {
    const handshake = records.find((r): r is HandshakeRecordJson => r.kind === 'handshake');
    expect(handshake).toBeDefined();
    expect(Object.keys(handshake!.request)).toEqual(expect.arrayContaining(['method', 'target', 'httpVersion', 'headers', 'raw']));
    expect(Object.keys(handshake!.response!)).toEqual(expect.arrayContaining(['httpVersion', 'statusCode', 'reason', 'headers', 'raw']));
    expect(handshake!.request).toMatchObject({ method: 'GET', target: '/', httpVersion: '1.1' });
    expect(handshake!.response).toMatchObject({ statusCode: 101 });
    expect(handshake!.request.headers.every((pair) => Array.isArray(pair) && pair.length === 2)).toBe(true);
    expect(text(handshake!.response!.raw)).toMatch(/^HTTP\/1\.1 101 /);
    for (const check of handshake!.checks) expect(Object.keys(check).sort()).toEqual(['detail', 'i18n', 'id', 'ok']);
  });

  it('prints every frame with the issue\'s field names, sends in command-line order, echoes in', () => {
    const frameFields = ['kind', 'seq', 'atMicros', 'direction', 'fin', 'rsv1', 'rsv2', 'rsv3', 'opcode', 'masked', 'maskingKey', 'payloadLength', 'payload', 'payloadTruncated', 'messageId', 'violations'];
    for (const frame of frames(records)) expect(Object.keys(frame)).toEqual(expect.arrayContaining(frameFields));
    const out = frames(records).filter((frame) => frame.direction === 'out');
    const hex = (frame: FrameRecordJson): string => Buffer.from(frame.payload, 'base64').toString('hex');
    expect(out.map((frame) => [frame.opcode, hex(frame)])).toEqual([
      [Opcode.text, Buffer.from('first').toString('hex')],
      [Opcode.binary, '00ff10'],
      [Opcode.ping, Buffer.from('hb').toString('hex')],
      [Opcode.text, Buffer.from('second').toString('hex')],
      [Opcode.close, '0fa0' + Buffer.from('done').toString('hex')],
    ]);
    expect(out.every((frame) => frame.masked && /^[0-9a-f]{8}$/.test(frame.maskingKey ?? ''))).toBe(true);
    expect(out.at(-1)).toMatchObject({ closeCode: 4000, closeReason: 'done' });
    const incoming = frames(records).filter((frame) => frame.direction === 'in');
    expect(incoming.map((frame) => frame.opcode)).toEqual([Opcode.text, Opcode.binary, Opcode.pong, Opcode.text, Opcode.close]);
    expect(incoming.find((frame) => frame.opcode === Opcode.pong)).toMatchObject({ rttMicros: expect.any(Number) });
    expect(incoming.at(-1)).toMatchObject({ closeCode: 4000 });
  });

  it('numbers records in order and ends with the closed event', () => {
    expect(records.map((record) => record.seq)).toEqual(records.map((_, index) => index));
    expect(records.at(-1)).toEqual(expect.objectContaining({ kind: 'event', name: 'closed', by: 'client', how: 'close-frame', closeCode: 4000, closeReason: 'done' }));
    expect(events(records, 'closed')).toHaveLength(1);
    for (const event of records.filter((r) => r.kind === 'event')) expect(Object.keys(event)).toEqual(expect.arrayContaining(['kind', 'seq', 'atMicros', 'name']));
  });
});

describe('frameline connect --capture', () => {
  it('writes a .frameline.json that the capture reader loads back with the same records', async () => {
    const file = join(dir, 'echo.frameline.json');
    const run = await runCli(['connect', server.url, '--send', 'keep me', '--ping', '', '--wait', '0.2', '--json', '--capture', file]);
    expect(run.status, run.stderr).toBe(0);
    const printed = jsonLines(run.stdout);
    const read = await readCapture({ path: file });
    expect(read.ok, read.ok ? '' : read.problem.message).toBe(true);
    if (!read.ok) return;
    const loaded: RecordJson[] = [];
    for (let seq = 0; seq < read.log.count; seq++) loaded.push(read.log.getRecordJson(seq));
    expect(loaded).toEqual(printed);
    expect(read.log.header).toMatchObject({ targetUrl: server.url });
    expect(read.log.header.handshake?.response?.statusCode).toBe(101);
    expect(frames(loaded).some((frame) => frame.direction === 'in' && text(frame.payload) === 'keep me')).toBe(true);
  });
});

describe('frameline connect, readable output and piped stdin', () => {
  it('sends each piped line, prints the handshake first and one line per frame with arrows', async () => {
    const run = await runCli(['connect', server.url], ['line one', '/ping are you there', '/binary cafe']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n').filter(Boolean);
    const requestLine = lines.findIndex((line) => line.includes('> GET / HTTP/1.1'));
    const statusLine = lines.findIndex((line) => line.includes('< HTTP/1.1 101 Switching Protocols'));
    const frameLines = lines.filter((line) => / [→←] /.test(line));
    expect(requestLine).toBeGreaterThanOrEqual(0);
    expect(statusLine).toBeGreaterThan(requestLine);
    expect(lines.findIndex((line) => / [→←] /.test(line))).toBeGreaterThan(statusLine);
    expect(frameLines.every((line) => /^\s*\d+\.\d{3} ms [→←] \S+\s+FIN/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/closed \(by=client how=close-frame closeCode=1000\)/);
    expect(frameLines.some((line) => line.includes('→') && line.includes('line one'))).toBe(true);
    expect(frameLines.some((line) => line.includes('←') && line.includes('line one'))).toBe(true);
    expect(frameLines.some((line) => line.includes('←') && /pong/i.test(line) && /rtt/.test(line))).toBe(true);
    expect(frameLines.some((line) => line.includes('→') && /binary/i.test(line) && /len 2 .*ca fe/.test(line))).toBe(true);
    expect(server.receivedMessages().map((message) => message.data.toString('hex'))).toContain('cafe');
  });
});

describe.skipIf(!nginx.isAvailable)('frameline connect through nginx without the upgrade headers', () => {
  it('exits 1 with one line naming the status and the peer, and records the response with its body', async () => {
    const proxy = await startNginx({ upstreamPort: server.port, mode: 'no-upgrade-headers' });
    try {
      const run = await runCli(['connect', proxy.url, '--send', 'never sent', '--json']);
      expect(run.status).toBe(1);
      const errorLines = run.stderr.split('\n').filter(Boolean);
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(new RegExp(`^handshake failed: HTTP (426 Upgrade Required|400 Bad Request) from 127\\.0\\.0\\.1:${proxy.port}$`));
      const records = jsonLines(run.stdout);
      const handshake = records.find((r): r is HandshakeRecordJson => r.kind === 'handshake');
      expect([400, 426]).toContain(handshake?.response?.statusCode);
      expect(text(handshake?.response?.body).length).toBeGreaterThan(0);
      expect(events(records, 'error')[0]).toMatchObject({ stage: 'handshake', message: errorLines[0], hint: expect.any(String) });
      expect(frames(records)).toEqual([]);
      expect(records.at(-1)).toMatchObject({ kind: 'event', name: 'closed', how: 'error' });
    } finally {
      await proxy.stop();
    }
  });
});
