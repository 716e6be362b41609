import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { HandshakeRecordJson } from '../../../shared/contract/records.js';
import { startHostileServer, type HostileServerPeer } from '../../harness/hostile-server.js';
import { createTempDir } from '../../harness/temp-dir.js';
import { jsonLines, runCli } from '../cli/run-cli.js';

/**
 * Issue 19, "a handshake response that can't be parsed": a server process answers the upgrade
 * with a head our parser refuses. The record keeps the bytes (up to the 16 KiB head limit) and the
 * reason; the CLI shows them as an unreadable response, never as "no response".
 */

const headLimitBytes = 16 * 1024;
const manyHeaders = `HTTP/1.1 101 Switching Protocols\r\n${Array.from({ length: 150 }, (_, i) => `X-${i}: v\r\n`).join('')}\r\n`;
const hugeHead = `HTTP/1.1 101 Switching Protocols\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;

const cases: { name: string; head: string; error: string; reason: RegExp; kept: string; isTruncated: boolean }[] = [
  {
    name: 'a bad header line',
    head: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX Bad Header\r\nSet-Cookie: sid=s3cret-cookie\r\n\r\n',
    error: 'bad-header-line',
    reason: /^line 3 is not a header field \("name: value"\): "X Bad Header"$/,
    kept: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX Bad Header\r\nSet-Cookie: sid=s3cret-cookie\r\n\r\n',
    isTruncated: false,
  },
  {
    name: 'too many headers',
    head: manyHeaders,
    error: 'too-many-headers',
    reason: /^the response has more than 100 header lines$/,
    // The status line and 100 headers pass; the 101st header line is where the parser stopped.
    kept: manyHeaders.split('\r\n').slice(0, 102).join('\r\n') + '\r\n',
    isTruncated: true,
  },
  {
    name: 'a head larger than the limit',
    head: hugeHead,
    error: 'head-too-large',
    reason: /^the response head is larger than 16384 bytes$/,
    kept: hugeHead.slice(0, headLimitBytes),
    isTruncated: true,
  },
  {
    name: 'a bad status line',
    head: 'HTTP/1.1 1O1 Nope\r\nUpgrade: websocket\r\n\r\n',
    error: 'bad-status-line',
    reason: /^the status line is not "HTTP\/x\.y NNN reason": "HTTP\/1\.1 1O1 Nope"$/,
    kept: 'HTTP/1.1 1O1 Nope\r\nUpgrade: websocket\r\n\r\n',
    isTruncated: false,
  },
  {
    name: 'a head cut short by the server closing',
    head: 'HTTP/1.1 101 Switching Pro',
    error: 'incomplete-head',
    reason: /^the connection closed in the middle of the response head, 26 bytes into the response head$/,
    kept: 'HTTP/1.1 101 Switching Pro',
    isTruncated: false,
  },
];

describe('an unreadable handshake response from a hostile server', () => {
  const temp = createTempDir('unreadable-response');
  const servers: HostileServerPeer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    temp.remove();
  });

  describe.each(cases)('$name', ({ name, head, error, reason, kept, isTruncated }) => {
    it('is kept in the record with its bytes and reason, and written to the capture', async () => {
      const server = await startHostileServer({ head });
      servers.push(server);
      const captureFile = temp.file(`${error}.frameline.json`);
      const run = await runCli(['connect', server.url, '--json', '--capture', captureFile]);
      expect(run.status, name).toBe(1);
      const handshake = jsonLines(run.stdout).find((record): record is HandshakeRecordJson => record.kind === 'handshake');
      expect(handshake?.response).toBeNull();
      const unreadable = handshake?.unreadableResponse;
      expect(unreadable?.error).toBe(error);
      expect(unreadable?.reason).toMatch(reason);
      expect(Buffer.from(unreadable?.raw ?? '', 'base64').toString('latin1')).toBe(kept);
      expect(unreadable?.rawTruncated).toBe(isTruncated);
      expect(run.stderr).toContain(error === 'incomplete-head' ? 'in the middle of the response head' : `unreadable handshake response from 127.0.0.1:${server.port}: `);
      // The capture file (redacted by default) keeps the unreadable answer too, in its header and its record.
      expect(readFileSync(captureFile, 'utf8')).toContain('"unreadableResponse"');
      // And a capture that holds one opens again: the importer knows the field.
      const converted = await runCli(['convert', captureFile, '--to', 'json', '-o', temp.file(`${error}-again.frameline.json`)]);
      expect(converted.stderr).toBe('');
      expect(readFileSync(temp.file(`${error}-again.frameline.json`), 'utf8')).toContain(`"error":"${error}"`);
    });

    it('is printed as an unreadable response with the reason and the bytes, not as "no response"', async () => {
      const server = await startHostileServer({ head });
      servers.push(server);
      const run = await runCli(['connect', server.url]);
      expect(run.stdout).not.toContain('(no response)');
      const printedReason = /< \(unreadable response: (.*)\)\n/.exec(run.stdout)?.[1];
      expect(printedReason, run.stdout).toMatch(reason);
      expect(run.stdout).toContain(`< ${kept.split('\r\n')[0]}\n`);
    });
  });

  it('redacts a secret header inside the unreadable bytes when the capture is exported', async () => {
    const server = await startHostileServer({ head: cases[0]!.head });
    servers.push(server);
    const captureFile = temp.file('redacted.frameline.json');
    await runCli(['connect', server.url, '--capture', captureFile]);
    const capture = readFileSync(captureFile, 'utf8');
    const raws = [...capture.matchAll(/"unreadableResponse":\{[^}]*"raw":"([^"]+)"/g)].map((match) => Buffer.from(match[1]!, 'base64').toString('latin1'));
    expect(raws.length).toBeGreaterThanOrEqual(1);
    for (const raw of raws) {
      expect(raw).toContain('X Bad Header');
      expect(raw).not.toContain('s3cret-cookie');
      expect(raw).toMatch(/Set-Cookie: \*+/);
    }
  });
});
