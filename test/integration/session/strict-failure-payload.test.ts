import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import { startHostileServer, type HostileServerPeer } from '../../harness/hostile-server.js';
import { dispose, eventRecords, frameRecords, startSession, text, waitForEnd } from './session-records.js';

const switching = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {{accept}}\r\n\r\n';
/** §5.2: FIN with reserved opcode 0x3, unmasked, 12 payload bytes announced. */
const reservedHeader = Uint8Array.of(0x83, 0x0c);

let peer: HostileServerPeer | undefined;
let session: Session | undefined;
afterEach(async () => {
  dispose(session);
  session = undefined;
  await peer?.stop();
  peer = undefined;
});

describe('strict mode against a raw TCP server whose frame header breaks a rule (§7.1.7)', () => {
  it('reads the frame\'s payload before failing, so its record shows it; the close names the rule and that record', async () => {
    peer = await startHostileServer({ head: switching, frames: [reservedHeader, new TextEncoder().encode('opcode three')], then: 'wait' });
    session = await startSession({ url: peer.url, mode: 'strict', limits: { closeTimeoutMs: 500 } });
    const closed = await waitForEnd(session);
    const [broken] = frameRecords(session, 'in');
    expect(broken).toMatchObject({ opcode: 3, payloadLength: 12, payloadTruncated: false });
    expect(text(broken!.payload)).toBe('opcode three');
    expect(broken!.violations.map((violation) => violation.rule)).toEqual(['reserved-opcode']);
    expect(frameRecords(session, 'out').map((frame) => frame.closeCode)).toEqual([1002]);
    expect(eventRecords(session, 'error')).toHaveLength(1);
    expect(closed).toMatchObject({ closeCode: 1002, strictFailure: { seq: broken!.seq, rule: 'reserved-opcode' } });
    expect(eventRecords(session, 'closed')[0]).toMatchObject({ strictFailure: { seq: broken!.seq, rule: 'reserved-opcode' } });
  });

  it('a server that stops in the middle of that payload is waited for only so long: the record keeps what arrived', async () => {
    peer = await startHostileServer({ head: switching, frames: [reservedHeader, new TextEncoder().encode('opco')], then: 'wait' });
    session = await startSession({ url: peer.url, mode: 'strict', limits: { closeTimeoutMs: 500 } });
    const closed = await waitForEnd(session);
    const [broken] = frameRecords(session, 'in');
    expect(broken).toMatchObject({ opcode: 3, payloadLength: 12, payloadTruncated: true });
    expect(text(broken!.payload)).toBe('opco');
    expect(frameRecords(session, 'out').map((frame) => frame.closeCode)).toEqual([1002]);
    expect(closed).toMatchObject({ closeCode: 1002, strictFailure: { seq: broken!.seq, rule: 'reserved-opcode' } });
  });
});
