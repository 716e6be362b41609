import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import { writeCaptureFile } from '../../../electron/engine/capture/native-writer.js';
import type { FrameRecordJson, HandshakeRecordJson } from '../../../shared/contract/records.js';
import { sampleFrame, sampleHeader } from './capture-fixtures.js';

const folder = mkdtempSync(join(tmpdir(), 'frameline-relay-capture-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const logs: CaptureLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.dispose();
});

/** A relay capture: both handshakes, a message on all four legs, a ping the relay dropped, and the relay's own note. */
function relayLog(): CaptureLog {
  const relay = { mode: 'frame-exact' as const, reachedBy: 'proxy-connect' as const, clientEndpoints: { local: { address: '127.0.0.1', port: 8080 }, remote: { address: '127.0.0.1', port: 50001 } }, clientTlsServername: 'app.test' };
  const log = new CaptureLog({ header: sampleHeader({ relay }) });
  logs.push(log);
  const request = { method: 'GET', target: '/', httpVersion: '1.1', headers: [['Host', 'app.test']] as [string, string][], raw: 'R0VU' };
  const response = { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [] as [string, string][], raw: 'SFRUUA==' };
  log.appendHandshake({ atMicros: 10, request, response, checks: [], leg: 'server' });
  log.appendHandshake({ atMicros: 11, request, response, checks: [], leg: 'client' });
  log.appendFrame(sampleFrame('hi', { masked: true, atMicros: 20 }), 'out', undefined, { leg: 'client' });
  log.appendFrame(sampleFrame('hi', { masked: true, atMicros: 21 }), 'out', undefined, { leg: 'server', link: 2 });
  log.appendFrame(sampleFrame('ho', { atMicros: 30 }), 'in', undefined, { leg: 'server' });
  log.appendFrame(sampleFrame('ho', { atMicros: 31 }), 'in', undefined, { leg: 'client', link: 4 });
  log.appendFrame(sampleFrame('ho', { atMicros: 32 }), 'in', undefined, { leg: 'client', link: 4 });
  log.appendFrame(sampleFrame('', { opcode: 0x9, atMicros: 40 }), 'in', undefined, { leg: 'server' });
  log.appendEvent({ atMicros: 41, name: 'note', message: 'dropped by rule 1', leg: 'server' });
  return log;
}

describe('relay captures: legs and links', () => {
  it('a frame the relay wrote links to the frame it came from, and that frame links to the first frame it became', () => {
    const log = relayLog();
    const frame = (seq: number) => log.getRecordJson(seq) as FrameRecordJson;
    expect([frame(2).leg, frame(2).link, frame(3).leg, frame(3).link]).toEqual(['client', 3, 'server', 2]);
    expect([frame(4).link, frame(5).link, frame(6).link]).toEqual([5, 4, 4]);
    expect([frame(7).leg, frame(7).link]).toEqual(['server', undefined]);
    expect((log.getRecordJson(0) as HandshakeRecordJson).leg).toBe('server');
  });

  it('rows carry the leg and the link for the timeline, events their leg', () => {
    const rows = relayLog().getRecords(0, 9);
    expect(rows.map((row) => [row.kind, 'leg' in row ? row.leg : undefined, row.kind === 'frame' ? row.link : undefined])).toEqual([
      ['handshake', 'server', undefined],
      ['handshake', 'client', undefined],
      ['frame', 'client', 3],
      ['frame', 'server', 2],
      ['frame', 'server', 5],
      ['frame', 'client', 4],
      ['frame', 'client', 4],
      ['frame', 'server', undefined],
      ['event', 'server', undefined],
    ]);
  });

  it('a session without a relay has no leg fields at all', () => {
    const log = new CaptureLog({ header: sampleHeader() });
    logs.push(log);
    log.appendFrame(sampleFrame('x'), 'out');
    expect(Object.keys(log.getRecordJson(0))).not.toContain('leg');
    expect(Object.keys(log.header)).not.toContain('relay');
  });

  it('exports and imports with its header, legs and links, byte for byte', async () => {
    const path = join(folder, 'relay.frameline.json');
    const log = relayLog();
    await writeCaptureFile(log, path);
    const first = readFileSync(path);
    const result = await readCapture({ path });
    if (!result.ok) throw new Error(result.problem.message);
    logs.push(result.log);
    expect(result.log.header.relay).toEqual(log.header.relay);
    expect(result.log.getRecordJson(5)).toEqual(log.getRecordJson(5));
    expect(result.log.getRecordJson(4)).toEqual(log.getRecordJson(4));
    const again = join(folder, 'relay-again.frameline.json');
    await writeCaptureFile(result.log, again);
    expect(readFileSync(again).equals(first)).toBe(true);
  });
});
