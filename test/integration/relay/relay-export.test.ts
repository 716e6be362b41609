import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RelaySession } from '../../../electron/engine/relay/relay-session.js';
import { exportCaptureFile } from '../../../electron/engine/capture/export/export-capture.js';
import { openCapture } from '../../../electron/engine/capture/export/capture-open.js';
import { defaultRedaction, noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { useRelayTestBed, type RelayFixture } from '../../harness/relay-fixture.js';
import { allRecords } from '../../harness/relay-records.js';
import { requirePeer } from '../../harness/require-peer.js';
import { connectWs } from '../../harness/ws-client.js';
import { startWsServer } from '../../harness/ws-server.js';
import { ofDirection, recordFrames, tsharkFrames } from '../export/tshark-frames.js';

const tshark = requirePeer('tshark');

describe('exports of a relay capture', () => {
  const bed = useRelayTestBed();

  /** A relayed session that carried text, binary, a ping and a close, with the relay that holds its capture. */
  async function relayedSession(): Promise<{ relay: RelayFixture; session: RelaySession }> {
    const upstream = await bed.track(startWsServer());
    const relay = await bed.startRelay(upstream.url);
    const client = await connectWs(relay.address.url, { headers: { Authorization: 'Bearer secret-token' } });
    const session = await relay.nextSession();
    client.socket.send('first');
    client.socket.send(Buffer.from([1, 2, 3]));
    client.socket.ping('are you there');
    await client.nextMessages(2);
    client.socket.close(1000, 'bye');
    await session.ended;
    return { relay, session };
  }

  it('native and HAR files keep every leg, link and the relay header, and read back to the same records', async () => {
    const { relay, session } = await relayedSession();
    for (const format of ['json', 'har'] as const) {
      const path = relay.temp.file(`relay.${format === 'json' ? 'frameline.json' : 'har'}`);
      await exportCaptureFile(session.capture, format, path, noRedaction);
      const opened = await openCapture({ path });
      if (!opened.ok) throw new Error(opened.problem.message);
      expect(opened.log.header.relay, format).toEqual(session.capture.header.relay);
      const original = allRecords(session).filter((record): record is FrameRecordJson => record.kind === 'frame');
      const back: FrameRecordJson[] = [];
      for (let seq = 0; seq < opened.log.count; seq++) {
        const record = opened.log.getRecordJson(seq);
        if (record.kind === 'frame') back.push(record);
      }
      expect(back.map((frame) => [frame.leg, frame.direction, frame.link, frame.opcode, frame.payload]), format).toEqual(original.map((frame) => [frame.leg, frame.direction, frame.link, frame.opcode, frame.payload]));
      opened.log.dispose();
    }
  });

  it('redaction covers both handshakes', async () => {
    const { relay, session } = await relayedSession();
    const path = relay.temp.file('redacted.frameline.json');
    await exportCaptureFile(session.capture, 'json', path, defaultRedaction);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('secret-token');
    // The client's Authorization went on upstream too: both raw requests are redacted, same length.
    const handshakes = (JSON.parse(text) as { records: Array<{ kind: string; leg?: string; request?: { raw: string } }> }).records.filter((record) => record.kind === 'handshake');
    expect(handshakes.map((record) => record.leg)).toEqual(['server', 'client']);
    for (const record of handshakes) {
      const raw = Buffer.from(record.request!.raw, 'base64').toString('latin1');
      expect(raw).toMatch(/\r\nAuthorization: \*{19}\r\n/);
    }
  });

  it.skipIf(!tshark.isAvailable)('pcapng holds two TCP connections, client to relay and relay to server, that tshark dissects frame for frame', async () => {
    const { relay, session } = await relayedSession();
    const path = relay.temp.file('relay.pcapng');
    await exportCaptureFile(session.capture, 'pcapng', path, noRedaction);
    const dissected = tsharkFrames(path, 80);
    const frames = allRecords(session).filter((record): record is FrameRecordJson => record.kind === 'frame');
    const inOrder = [...frames.filter((frame) => frame.leg === 'client'), ...frames.filter((frame) => frame.leg === 'server')];
    expect(dissected.length).toBe(frames.length);
    expect(ofDirection(dissected, 'out')).toEqual(ofDirection(recordFrames(inOrder), 'out'));
    expect(ofDirection(dissected, 'in')).toEqual(ofDirection(recordFrames(inOrder), 'in'));
  });
});
