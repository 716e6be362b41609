import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { startPythonWs, type PythonWsOptions, type PythonWsPeer } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import { bytes, dispose, frameRecords, handshakeRecord, startSession, text, waitForEnd, waitForFrames } from './session-records.js';

const python = requirePeer('python-websockets');

// Repetitive JSON, sent twice: with context takeover the second copy compresses to a back-reference.
const greeting = JSON.stringify({ type: 'greeting', items: Array.from({ length: 20 }, (_, index) => ({ index, name: `item-${index}` })) });
const binaryGreeting = Uint8Array.from({ length: 600 }, (_, index) => index % 7);

let session: Session | undefined;
let server: PythonWsPeer | undefined;
afterEach(async () => {
  dispose(session);
  session = undefined;
  await server?.stop();
  server = undefined;
});

async function openDeflateSession(options: PythonWsOptions): Promise<Session> {
  server = await startPythonWs({ ...options, messagesOnConnect: [greeting, greeting, binaryGreeting] });
  return startSession({ url: server.url, deflate: { enabled: true } });
}

function extensionHeader(current: Session): string {
  const headers = handshakeRecord(current).response?.headers ?? [];
  return headers.find(([name]) => name.toLowerCase() === 'sec-websocket-extensions')?.[1] ?? '';
}

describe.skipIf(!python.isAvailable)('session against python3-websockets with permessage-deflate', () => {
  it('inflates what the server compressed, with context takeover (the second copy is smaller on the wire)', async () => {
    session = await openDeflateSession({ perMessageDeflate: true });
    expect(extensionHeader(session)).toMatch(/^permessage-deflate/);
    expect(extensionHeader(session)).not.toMatch(/server_no_context_takeover/);
    const received = await waitForFrames(session, 'in', 3);
    expect(received.map((frame) => [frame.opcode, frame.rsv1, frame.fin, frame.violations])).toEqual([
      [Opcode.text, true, true, []],
      [Opcode.text, true, true, []],
      [Opcode.binary, true, true, []],
    ]);
    expect(text(received[0]!.inflatedPayload)).toBe(greeting);
    expect(text(received[1]!.inflatedPayload)).toBe(greeting);
    expect(bytes(received[2]!.inflatedPayload).equals(Buffer.from(binaryGreeting))).toBe(true);
    expect(received[1]!.payloadLength).toBeLessThan(received[0]!.payloadLength);
  });

  it('inflates each message on its own without context takeover (both copies the same size)', async () => {
    session = await openDeflateSession({ perMessageDeflate: { serverNoContextTakeover: true, clientNoContextTakeover: true } });
    expect(extensionHeader(session)).toMatch(/server_no_context_takeover/);
    const received = await waitForFrames(session, 'in', 3);
    expect(received.every((frame) => frame.rsv1 && frame.violations.length === 0)).toBe(true);
    expect(text(received[0]!.inflatedPayload)).toBe(greeting);
    expect(text(received[1]!.inflatedPayload)).toBe(greeting);
    expect(bytes(received[2]!.inflatedPayload).equals(Buffer.from(binaryGreeting))).toBe(true);
    expect(bytes(received[1]!.payload).equals(bytes(received[0]!.payload))).toBe(true);
  });

  for (const takeover of [true, false]) {
    it(`compresses what we send so the server can read and echo it (context takeover ${takeover ? 'on' : 'off'})`, async () => {
      server = await startPythonWs({ perMessageDeflate: takeover ? true : { serverNoContextTakeover: true, clientNoContextTakeover: true } });
      session = await startSession({ url: server.url, deflate: { enabled: true } });
      for (const message of [greeting, greeting, 'short']) session.send({ type: 'text', data: message });
      const echoes = await waitForFrames(session, 'in', 3);
      const sent = frameRecords(session, 'out');
      expect(sent.every((frame) => frame.rsv1 && frame.masked)).toBe(true);
      expect(sent.map((frame) => text(frame.inflatedPayload))).toEqual([greeting, greeting, 'short']);
      expect(echoes.map((frame) => text(frame.inflatedPayload))).toEqual([greeting, greeting, 'short']);
      if (takeover) expect(sent[1]!.payloadLength).toBeLessThan(sent[0]!.payloadLength);
      else expect(sent[1]!.payloadLength).toBe(sent[0]!.payloadLength);
      session.close(1000);
      expect(await waitForEnd(session)).toMatchObject({ by: 'client', how: 'close-frame', closeCode: 1000 });
    });
  }
});
