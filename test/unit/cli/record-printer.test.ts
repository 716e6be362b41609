import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isMarkedPrintableAscii } from '../../../electron/cli/printable-chunks.js';
import { jsonRecordLine } from '../../../electron/cli/record-formats.js';
import { RecordPrinter } from '../../../electron/cli/record-printer.js';
import { guardTerminalIo } from '../../../electron/cli/terminal-guard.js';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { recordJson } from '../../../electron/engine/capture/record-json.js';
import { sampleFrame, sampleHeader } from '../capture/capture-fixtures.js';

function sink(): { stream: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  return { stream: new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk), done()) }), chunks };
}

async function printAll(log: CaptureLog, output: Writable): Promise<void> {
  const printer = new RecordPrinter(log, output, jsonRecordLine, { from: 0 });
  await printer.flushed();
  printer.dispose();
}

function expectedLines(log: CaptureLog): string {
  return Array.from({ length: log.count }, (_, seq) => `${JSON.stringify(recordJson(log.getRecord(seq)))}\n`).join('');
}

describe('RecordPrinter with --json lines', () => {
  it('marks a batch of plain frames as printable ASCII, and not a batch with text of its own', async () => {
    const log = new CaptureLog({ header: sampleHeader() });
    for (let n = 0; n < 3; n++) log.appendFrame(sampleFrame(`{"n":${n}}`, { messageId: n }), 'in');
    const plain = sink();
    await printAll(log, plain.stream);
    expect(Buffer.concat(plain.chunks).toString('utf8')).toBe(expectedLines(log));
    expect(plain.chunks.every((chunk) => isMarkedPrintableAscii(chunk))).toBe(true);

    log.appendEvent({ atMicros: 5, name: 'note', message: 'é' });
    const mixed = sink();
    await printAll(log, mixed.stream);
    expect(Buffer.concat(mixed.chunks).toString('utf8')).toBe(expectedLines(log));
    expect(mixed.chunks.some((chunk) => isMarkedPrintableAscii(chunk))).toBe(false);
    log.dispose();
  });

  it('reusing its chunks when the output releases them, prints every batch as it was written', async () => {
    const log = new CaptureLog({ header: sampleHeader() });
    for (let n = 0; n < 6000; n++) log.appendFrame(sampleFrame(`{"n":${n},"pad":"${'x'.repeat(n % 120)}"}`, { messageId: n }), 'in');
    // Reads what it is given until it calls back, as the process's stdout hands it to the system.
    const copies: Buffer[] = [];
    const memory = new Set<ArrayBufferLike>();
    const output = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        memory.add(chunk.buffer);
        setImmediate(() => (copies.push(Buffer.from(chunk)), done()));
      },
    });
    const printer = new RecordPrinter(log, output, jsonRecordLine, { from: 0, reusesChunks: true });
    await printer.flushed();
    printer.dispose();
    expect(Buffer.concat(copies).toString('utf8')).toBe(expectedLines(log));
    expect(copies.length).toBeGreaterThan(3);
    expect(memory.size).toBe(2);
    log.dispose();
  });

  it('through the terminal guard, a close reason with a hidden character is still escaped and plain lines are unchanged', async () => {
    const log = new CaptureLog({ header: sampleHeader() });
    log.appendFrame(sampleFrame('plain', { messageId: 1 }), 'in');
    log.appendFrame({ ...sampleFrame(Uint8Array.of(0x03, 0xe8), { opcode: 8, messageId: 2 }), closeCode: 1000, closeReason: 'bye\u202eevil' }, 'in');
    const out = sink();
    const io = guardTerminalIo({ stdin: new PassThrough(), stdout: out.stream, stderr: new PassThrough(), isStdinTerminal: false });
    await printAll(log, io.stdout);
    const text = Buffer.concat(out.chunks).toString('utf8');
    expect(text).toBe(expectedLines(log).replace('\u202e', '\\u202e'));
    expect(text).not.toContain('\u202e');
    log.dispose();
  });
});
