import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCapture } from '../../../electron/engine/capture/export/capture-open.js';
import { exportCaptureFile } from '../../../electron/engine/capture/export/export-capture.js';
import type { ExportFormat } from '../../../shared/contract/export-format.js';
import { defaultRedaction, noRedaction, type RedactionOptions } from '../../../electron/engine/capture/export/redaction-rules.js';
import type { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { writeCaptureFile } from '../../../electron/engine/capture/native-writer.js';
import type { Session } from '../../../electron/engine/session/session.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { dispose, startSession, waitForEnd, waitForFrames } from '../session/session-records.js';

const secrets = ['Bearer-s3cr3t-AUTH', 'sess=c00kie-VALUE', 'tok-QUERY-123', 'sk_live_PAYLOAD_42'];
const message = `{"apiKey":"${secrets[3]}","note":"hello"}`;

let folder: string;
let server: WsServerPeer;
let session: Session | undefined;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'frameline-redaction-'));
  server = await startWsServer();
  session = await startSession({
    url: `${server.url}chat?room=7&access_token=${secrets[2]}`,
    headers: [
      ['Authorization', secrets[0] as string],
      ['Cookie', secrets[1] as string],
    ],
  });
  session.send({ type: 'text', data: message });
  await waitForFrames(session, 'in', 1);
  session.close(1000, 'bye');
  await waitForEnd(session);
});
afterAll(async () => {
  dispose(session);
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const withPattern: RedactionOptions = { ...defaultRedaction, payloadPatterns: [/sk_live_[A-Za-z0-9_]+/] };

/** The file's bytes plus every base64 string in it decoded, so a secret cannot hide in raw handshake or payload fields. */
function searchableText(path: string): string {
  const bytes = readFileSync(path);
  const text = bytes.toString('latin1');
  const decoded = [...text.matchAll(/"([A-Za-z0-9+/]{8,}={0,2})"/g)].map((match) => Buffer.from(match[1] as string, 'base64').toString('latin1'));
  return [text, ...decoded].join('\n');
}

async function exported(format: ExportFormat, name: string, redaction: RedactionOptions): Promise<string> {
  const path = join(folder, `${name}.${format}`);
  await exportCaptureFile((session as Session).capture, format, path, redaction);
  return path;
}

describe('redaction of a real session with an Authorization header, a cookie, a token parameter and a payload secret', () => {
  it.each<ExportFormat>(['json', 'har', 'pcapng'])('leaves no secret anywhere in the %s export', async (format) => {
    const text = searchableText(await exported(format, 'redacted', withPattern));
    for (const secret of secrets) expect(text.includes(secret), `${secret} in the ${format} export`).toBe(false);
  });

  it('lists what it removed by name, and marks the frame whose payload it changed', async () => {
    const opened = await openCapture({ path: await exported('json', 'listed', withPattern) });
    if (!opened.ok) throw new Error(opened.problem.message);
    expect(opened.log.header.redactions).toEqual(
      expect.arrayContaining([
        { location: 'request-header', name: 'Authorization' },
        { location: 'request-header', name: 'Cookie' },
        { location: 'query-parameter', name: 'access_token' },
        { location: 'frame-payload', name: 'payload-pattern-1' },
      ]),
    );
    expect(opened.log.header.targetUrl).toContain('room=7');
    const lines = readFileSync(join(folder, 'listed.json'), 'utf8').split('\n');
    const marked = lines.filter((line) => line.includes('"redacted":true'));
    expect(marked.length).toBe(2);
    // Same length: the frame still says what it said on the wire.
    expect(marked.every((line) => line.includes(`"payloadLength":${message.length}`))).toBe(true);
    opened.log.dispose();
  });

  it('keeps every secret with the opt-out, and lists nothing', async () => {
    const text = searchableText(await exported('json', 'plain', noRedaction));
    for (const secret of secrets) expect(text.includes(secret)).toBe(true);
    expect(readFileSync(join(folder, 'plain.json'), 'utf8')).toContain('"redactions":[]');
  });
});

describe('round trips', () => {
  async function reopen(path: string): Promise<CaptureLog> {
    const opened = await openCapture({ path });
    if (!opened.ok) throw new Error(opened.problem.message);
    return opened.log;
  }

  it('native → native is byte-identical', async () => {
    const first = join(folder, 'first.frameline.json');
    await writeCaptureFile((session as Session).capture, first);
    const again = join(folder, 'again.frameline.json');
    const log = await reopen(first);
    await exportCaptureFile(log, 'json', again, noRedaction);
    expect(readFileSync(again).equals(readFileSync(first))).toBe(true);
    log.dispose();
  });

  it('native → HAR → native keeps every record, the header and the wire chunks', async () => {
    const first = join(folder, 'original.frameline.json');
    await writeCaptureFile((session as Session).capture, first);
    const har = join(folder, 'trip.har');
    await exportCaptureFile((session as Session).capture, 'har', har, noRedaction);
    const back = join(folder, 'back.frameline.json');
    const log = await reopen(har);
    await writeCaptureFile(log, back);
    expect(readFileSync(back, 'utf8')).toBe(readFileSync(first, 'utf8'));
    log.dispose();
  });
});
