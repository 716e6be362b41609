import { describe, expect, it } from 'vitest';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { runPythonWsClient } from '../../harness/python-ws-client.js';
import { startPythonWs } from '../../harness/python-ws.js';
import { useRelayTestBed } from '../../harness/relay-fixture.js';
import { allRecords, frameText, legFrames } from '../../harness/relay-records.js';
import { requirePeer } from '../../harness/require-peer.js';

const python = requirePeer('python-websockets');

/** Messages that exercise context takeover: later ones repeat earlier text, so they compress into back-references. */
const messages = ['hello, compressed world', 'hello, compressed world, again and again and again', '{"op":"update","items":[1,2,3,4,5,6,7,8,9]}'.repeat(40), 'héllo ☃ — unicode survives', 'hello, compressed world'];

describe.skipIf(!python.isAvailable)('python3-websockets through the relay with permessage-deflate, frame-exact', () => {
  const bed = useRelayTestBed();

  it('both ends agree on the same parameters, both legs decode with no violation, and the compressed frames go as they came', async () => {
    const server = await bed.track(startPythonWs({ perMessageDeflate: true }));
    const relay = await bed.startRelay(server.url, { mode: 'frame-exact' });
    const result = await runPythonWsClient(relay.address.url, messages);
    const session = relay.sessions[0]!;
    await session.ended;
    expect(result.received).toEqual(messages);
    expect(result.closeCode).toBe(1000);
    // The server's acceptance reached the client in the server's own words.
    const upstreamAcceptance = session.capture.header.handshake?.response?.headers.find(([name]) => name.toLowerCase() === 'sec-websocket-extensions')?.[1];
    expect(result.extensions).toBe(upstreamAcceptance);
    expect(result.extensions).toMatch(/^permessage-deflate/);
    expect(session.capture.header.extensions[0]?.name).toBe('permessage-deflate');

    const frames = allRecords(session).filter((record): record is FrameRecordJson => record.kind === 'frame');
    expect(frames.flatMap((frame) => frame.violations)).toEqual([]);
    for (const [leg, direction] of [['client', 'out'], ['server', 'out'], ['server', 'in'], ['client', 'in']] as const) {
      const data = legFrames(session, leg, direction).filter((frame) => frame.opcode < 8);
      expect(data.map(frameText), `${leg} ${direction}`).toEqual(messages);
      expect(data.every((frame) => frame.rsv1), `${leg} ${direction} compressed`).toBe(true);
    }
    // Frame-exact: each forwarded frame has the bits and the compressed bytes of the frame it came from, masked afresh.
    for (const forwarded of [...legFrames(session, 'server', 'out'), ...legFrames(session, 'client', 'in')]) {
      const original = frames.find((frame) => frame.seq === forwarded.link);
      expect(original, `frame #${forwarded.seq} links to its counterpart`).toBeDefined();
      expect(forwarded.leg).not.toBe(original!.leg);
      expect([forwarded.opcode, forwarded.fin, forwarded.rsv1, forwarded.payload]).toEqual([original!.opcode, original!.fin, original!.rsv1, original!.payload]);
    }
  });

  it('message mode re-compresses with each leg\'s own context and the Python ends still read every message', async () => {
    const server = await bed.track(startPythonWs({ perMessageDeflate: true }));
    const relay = await bed.startRelay(server.url, { mode: 'message', interception: { rules: [{ id: 'shout', match: { direction: 'out', pattern: 'again' }, action: { kind: 'rewrite', find: 'again', replace: 'AGAIN' } }] } });
    const result = await runPythonWsClient(relay.address.url, messages);
    const session = relay.sessions[0]!;
    await session.ended;
    const expected = messages.map((text) => text.replaceAll('again', 'AGAIN'));
    expect(result.received).toEqual(expected);
    expect(legFrames(session, 'server', 'out').filter((frame) => frame.opcode < 8).map(frameText)).toEqual(expected);
    const frames = allRecords(session).filter((record): record is FrameRecordJson => record.kind === 'frame');
    expect(frames.flatMap((frame) => frame.violations)).toEqual([]);
  });
});
