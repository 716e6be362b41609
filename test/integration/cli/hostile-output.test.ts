import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { runListen } from '../../../electron/cli/listen-command.js';
import type { FrameRecordJson, HandshakeRecordJson } from '../../../shared/contract/records.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { freePort } from '../../harness/free-port.js';
import { startHostileServer, type HostileServerPeer } from '../../harness/hostile-server.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { jsonLines, runCli } from './run-cli.js';

/**
 * Issue 19, "the CLI never prints raw control bytes": a hostile server process puts ESC, BEL, C1
 * controls and bidi overrides in its status line, a header and its frames; a hostile file puts
 * them in a capture; a hostile client puts them in its request. Nothing reaches the terminal raw.
 */

// Any byte or character a terminal or a reader could be fooled by: C0 (but LF), DEL, C1, bidi, invisible.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const hidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff]/u;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const spoofedName = '\u202Egnp.exe';
const terminalAttack = '\u001b[2J\u001b[H\u0007pwned';
const zeroWidth = 'ad\u200Bmin\uFEFF';
const closeReason = 'bye\u001b[31m\u202E';

function closePayload(code: number, reason: string): Uint8Array {
  const bytes = utf8(reason);
  return Uint8Array.of(code >> 8, code & 0xff, ...bytes);
}

describe('hostile input never reaches the terminal raw', () => {
  let server: HostileServerPeer;
  let temp: TempDir;

  beforeAll(async () => {
    temp = createTempDir('hostile-output');
    server = await startHostileServer({
      head: 'HTTP/1.1 101 Switching \u001b[5mProtocols\u0007\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {{accept}}\r\nX-Evil: \u001b]0;owned\u0007\u009b2J \u00e2\u0080\u00ae\r\n\r\n',
      frames: [
        encodeFrame({ opcode: Opcode.text, payload: utf8(spoofedName) }),
        encodeFrame({ opcode: Opcode.text, payload: utf8(terminalAttack) }),
        encodeFrame({ opcode: Opcode.text, payload: utf8(zeroWidth) }),
        encodeFrame({ opcode: Opcode.close, payload: closePayload(1000, closeReason) }),
      ],
    });
  });

  afterAll(async () => {
    await server?.stop();
    temp?.remove();
  });

  it('frameline connect prints every field with visible escapes', async () => {
    const run = await runCli(['connect', server.url, '--wait', '2']);
    const output = run.stdout + run.stderr;
    expect(output, output).not.toMatch(hidden);
    expect(run.stdout).toContain('\\u202egnp.exe');
    expect(run.stdout).toContain('\\x1b[2J\\x1b[H\\x07pwned');
    expect(run.stdout).toContain('ad\\u200bmin\\ufeff');
    expect(run.stdout).toContain('1000 Normal Closure: bye\\x1b[31m\\u202e');
    expect(run.stdout).toContain('Switching \\x1b[5mProtocols\\x07');
    expect(run.stdout).toContain('X-Evil: \\x1b]0;owned\\x07\\x9b2J â\\x80®');
  });

  it('frameline connect --json keeps the exact bytes, and its lines hold nothing hidden', async () => {
    const run = await runCli(['connect', server.url, '--wait', '2', '--json']);
    expect(run.stdout + run.stderr).not.toMatch(hidden);
    const records = jsonLines(run.stdout);
    const texts = records.filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'in' && record.opcode === Opcode.text).map((frame) => Buffer.from(frame.payload, 'base64').toString('utf8'));
    expect(texts).toEqual([spoofedName, terminalAttack, zeroWidth]);
    const close = records.find((record): record is FrameRecordJson => record.kind === 'frame' && record.opcode === Opcode.close && record.direction === 'in');
    expect(close?.closeReason).toBe(closeReason);
    const handshake = records.find((record): record is HandshakeRecordJson => record.kind === 'handshake');
    expect(handshake?.response?.reason).toBe('Switching \u001b[5mProtocols\u0007');
  });

  it('frameline convert reports a hostile file, name and all, without printing its bytes raw', async () => {
    // A downloaded file can be named anything: here its name reverses the text after it and clears the screen.
    const file = temp.file('capture\u202Enosj.har\u001b[2J.json');
    writeFileSync(file, `{"format":"frameline-capture\u001b[2J\u202E","version":1}\n`);
    const run = await runCli(['convert', file, '--to', 'har']);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toBe('');
    expect(run.stdout + run.stderr, run.stderr).not.toMatch(hidden);
    expect(run.stderr).toContain('capture\\u202enosj.har\\x1b[2J.json');
  });

  it('frameline listen prints a hostile request and frames with visible escapes', async () => {
    const port = await freePort();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    stderr.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    // runListen itself, without main's terminal guard: its own printers must escape.
    const listening = runListen([`127.0.0.1:${port}`], { stdin: new PassThrough(), stdout, stderr, isStdinTerminal: false }, createTranslate('en'), stopped);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const client = connect(port, '127.0.0.1');
    client.on('error', () => undefined);
    client.on('data', () => undefined);
    await new Promise((resolve) => client.once('connect', resolve));
    client.write(
      `GET /chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-Evil: \u001b[2J\u0007\u009b\r\n\r\n`,
      'latin1',
    );
    client.write(encodeFrame({ opcode: Opcode.text, payload: utf8(spoofedName), maskingKey: Uint8Array.of(1, 2, 3, 4) }));
    client.write(encodeFrame({ opcode: Opcode.close, payload: closePayload(1000, closeReason), maskingKey: Uint8Array.of(5, 6, 7, 8) }));
    await expect.poll(() => printed, { timeout: 10_000 }).toContain('closed');
    client.destroy();
    stop();
    await listening;
    expect(printed, printed).not.toMatch(hidden);
    expect(printed).toContain('X-Evil: \\x1b[2J\\x07\\x9b');
    expect(printed).toContain('\\u202egnp.exe');
    expect(printed).toContain('bye\\x1b[31m\\u202e');
  });
});
