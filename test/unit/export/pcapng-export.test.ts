import { describe, expect, it } from 'vitest';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import { exportBytes, fixtureLog } from './export-fixture.js';

interface Block {
  readonly type: number;
  readonly body: Buffer;
}

// The blocks of a little-endian pcapng file, checking that each carries its length at both ends.
function blocks(file: Buffer): Block[] {
  const found: Block[] = [];
  for (let at = 0; at < file.byteLength; ) {
    const type = file.readUInt32LE(at);
    const length = file.readUInt32LE(at + 4);
    expect(length % 4).toBe(0);
    expect(file.readUInt32LE(at + length - 4)).toBe(length);
    found.push({ type, body: file.subarray(at + 8, at + length - 4) });
    at += length;
  }
  return found;
}

describe('pcapng export', () => {
  it('writes SHB, IDB (Ethernet), then SYN, SYN-ACK, ACK, one packet per wire chunk and the FIN exchange', async () => {
    const log = fixtureLog();
    const file = await exportBytes(log, 'pcapng', noRedaction);
    const all = blocks(file);
    expect(all[0]!.type).toBe(0x0a0d0d0a);
    expect(all[0]!.body.readUInt32LE(0)).toBe(0x1a2b3c4d);
    expect(all[1]!.type).toBe(1);
    expect(all[1]!.body.readUInt16LE(0)).toBe(1);
    const packets = all.slice(2);
    expect(packets.every((block) => block.type === 6)).toBe(true);
    expect(packets).toHaveLength(3 + log.wireChunkCount + 3);
    const tcpFlags = packets.map((block) => block.body[20 + 14 + 20 + 13]);
    expect(tcpFlags.slice(0, 3)).toEqual([0x02, 0x12, 0x10]);
    expect(tcpFlags.slice(-3)).toEqual([0x11, 0x11, 0x10]);
  });

  it('says in a packet comment which frame was cut by retention and that its missing bytes are zero-filled', async () => {
    const text = (await exportBytes(fixtureLog(), 'pcapng', noRedaction)).toString('latin1');
    expect(text).toContain('6 payload bytes of frame seq 6 were not retained (retention limit); they are written as zero bytes.');
    // Port 8080 is dissected as HTTP by default, so it is kept; the proxy is named.
    expect(text).not.toContain("The server's real TCP port");
    expect(text).toContain('The session went through http proxy proxy.test:3128');
  });
});
