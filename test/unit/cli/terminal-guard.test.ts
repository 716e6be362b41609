import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardTerminalIo } from '../../../electron/cli/terminal-guard.js';

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('guardTerminalIo', () => {
  it('escapes controls, bidi and invisible characters in everything written, keeping lines', () => {
    const out = collector();
    const err = collector();
    const io = guardTerminalIo({ stdin: new PassThrough(), stdout: out.stream, stderr: err.stream, isStdinTerminal: false });
    io.stdout.write('\u001b[2Jcleared\u0007\n');
    io.stdout.write(Buffer.from('\u202Egnp.exe\tok\n'));
    io.stderr.write('bare\rreturn\u009b\n', 'utf8');
    expect(out.text()).toBe('\\u001b[2Jcleared\\u0007\n\\u202egnp.exe\tok\n');
    expect(err.text()).toBe('bare\\u000dreturn\\u009b\n');
  });

  it('leaves a JSON line valid and equal to what was meant', () => {
    const out = collector();
    const io = guardTerminalIo({ stdin: new PassThrough(), stdout: out.stream, stderr: new PassThrough(), isStdinTerminal: false });
    const value = { reason: 'bye\u202E\u007f\u0085', payload: '👩‍💻' };
    io.stdout.write(`${JSON.stringify(value)}\n`);
    expect(JSON.parse(out.text())).toEqual(value);
    expect(out.text()).not.toMatch(/[\u007f-\u009f\u202e]/u);
  });

  it('keeps the stream itself: back-pressure, events, TTY flags and the progress line path', async () => {
    const written: string[] = [];
    const slow = new Writable({ highWaterMark: 4, write: (chunk: Buffer, _encoding, done) => (written.push(chunk.toString()), setTimeout(done, 5)) });
    (slow as unknown as { isTTY: boolean }).isTTY = true;
    const controls: string[] = [];
    const stderr = new PassThrough();
    stderr.write = ((chunk: string) => (controls.push(chunk), true)) as never;
    const io = guardTerminalIo({ stdin: new PassThrough(), stdout: slow, stderr, isStdinTerminal: false });
    expect((io.stdout as unknown as { isTTY: boolean }).isTTY).toBe(true);
    expect(io.stdout.write('0123456789')).toBe(false);
    await new Promise((resolve) => io.stdout.once('drain', resolve));
    expect(written).toEqual(['0123456789']);
    io.writeTerminalControl?.('\r\u001b[K');
    expect(controls).toEqual(['\r\u001b[K']);
  });
});
