import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import { writeCaptureFile } from '../../../electron/engine/capture/native-writer.js';
import { recordedClose } from '../../../electron/engine/capture/recorded-close.js';
import { sampleFrame, sampleHeader } from './capture-fixtures.js';

const folder = mkdtempSync(join(tmpdir(), 'frameline-recorded-close-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const logs: CaptureLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.dispose();
});

const reservedOpcode = { rule: 'reserved-opcode', section: '5.2', closeCode: 1002, message: 'Opcode 3 is reserved.' } as const;

/** A strict-mode session that failed on its second received frame (§7.1.7), then a note after the close. */
function strictFailedLog(): CaptureLog {
  const log = new CaptureLog({ header: sampleHeader() });
  logs.push(log);
  log.appendFrame(sampleFrame('hello', { atMicros: 100 }), 'in');
  const broken = log.appendFrame(sampleFrame('opcode three', { atMicros: 200, opcode: 0x3, violations: [reservedOpcode] }), 'in');
  log.appendFrame(sampleFrame(Uint8Array.of(0x03, 0xea), { atMicros: 210, opcode: 0x8, closeCode: 1002, masked: true }), 'out');
  log.appendEvent({ atMicros: 2_500, name: 'closed', by: 'client', how: 'close-frame', closeCode: 1002, strictFailure: { seq: broken, rule: 'reserved-opcode' } });
  log.appendEvent({ atMicros: 2_600, name: 'note', message: 'after the close' });
  return log;
}

describe('recordedClose: how a capture read back from a file ended', () => {
  it('carries strict mode\'s failing record and rule through the native file', async () => {
    const path = join(folder, 'strict.frameline.json');
    await writeCaptureFile(strictFailedLog(), path);
    const result = await readCapture({ path });
    if (!result.ok) throw new Error(result.problem.message);
    logs.push(result.log);
    expect(recordedClose(result.log, 1_000)).toEqual({ at: 1_002.5, by: 'client', how: 'close-frame', closeCode: 1002, strictFailure: { seq: 1, rule: 'reserved-opcode' } });
  });

  it('is undefined for a capture without a closed event, and for one whose closed event lost its fields', () => {
    const open = new CaptureLog({ header: sampleHeader() });
    logs.push(open);
    open.appendFrame(sampleFrame('still open'), 'in');
    expect(recordedClose(open, 0)).toBeUndefined();
    const odd = new CaptureLog({ header: sampleHeader() });
    logs.push(odd);
    odd.appendEvent({ atMicros: 5, name: 'closed', by: 'nobody' as 'client', how: 'close-frame' });
    expect(recordedClose(odd, 0)).toBeUndefined();
  });
});
