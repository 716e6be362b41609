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

  it('passes printable ASCII bytes through as the same bytes, and still escapes any byte chunk that holds a control or a hidden character', () => {
    const chunks: unknown[] = [];
    const sink = new Writable({ write: (chunk: unknown, _encoding, done) => (chunks.push(chunk), done()) });
    const io = guardTerminalIo({ stdin: new PassThrough(), stdout: sink, stderr: new PassThrough(), isStdinTerminal: false });
    const line = Buffer.from('{"kind":"frame","payload":"aGk="}\tok\n');
    io.stdout.write(line);
    expect(chunks[0]).toBe(line);
    for (const [bytes, expected] of [
      [Buffer.from('a\u001bb\n'), 'a\\u001bb\n'],
      [Buffer.from('a\rb\u007f\n'), 'a\\u000db\\u007f\n'],
      [Buffer.from('\u0085\u200b\u202e\n'), '\\u0085\\u200b\\u202e\n'],
      [Buffer.from('中文 ok\n'), '中文 ok\n'],
    ] as const) {
      chunks.length = 0;
      io.stdout.write(bytes);
      expect(Buffer.from(chunks[0] as Buffer).toString('utf8')).toBe(expected);
    }
  });

  it('finds a byte to escape at any position and alignment of a chunk', () => {
    const chunks: unknown[] = [];
    const sink = new Writable({ write: (chunk: unknown, _encoding, done) => (chunks.push(chunk), done()) });
    const io = guardTerminalIo({ stdin: new PassThrough(), stdout: sink, stderr: new PassThrough(), isStdinTerminal: false });
    const backing = Buffer.alloc(64);
    for (let offset = 0; offset < 4; offset++) {
      for (let position = 0; position < 40; position++) {
        for (const bad of [0x00, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0xe2, 0xff]) {
          const bytes = backing.subarray(offset, offset + 40).fill(0x61);
          bytes[39] = 0x0a;
          chunks.length = 0;
          io.stdout.write(bytes);
          expect(chunks[0]).toBe(bytes);
          bytes[position] = bad;
          chunks.length = 0;
          io.stdout.write(bytes);
          expect(chunks[0], `byte ${bad} at ${position}, offset ${offset}`).not.toBe(bytes);
        }
      }
    }
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
