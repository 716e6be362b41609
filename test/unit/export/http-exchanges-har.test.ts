import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readHarCapture } from '../../../electron/engine/capture/export/har-import.js';
import { writeHttpExchangesHar } from '../../../electron/engine/capture/export/http-exchanges-har.js';
import { defaultRedaction, noRedaction, type RedactionOptions } from '../../../electron/engine/capture/export/redaction-rules.js';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import type { HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import { exportBytes, fixtureLog } from './export-fixture.js';
import { har12Schema } from './har-1.2-schema.js';
import { sampleExchanges, seenBody } from './http-exchange-fixtures.js';
import { validateHar } from '../../harness/har-validator.js';

async function harBytes(exchanges: readonly HttpExchange[], redaction: RedactionOptions = defaultRedaction, removedValues: readonly string[] = []): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeHttpExchangesHar(exchanges, { relayUrl: 'ws://127.0.0.1:9000/', upstreamUrl: 'ws://127.0.0.1:3000/' }, stream, redaction, removedValues);
  stream.end();
  return Buffer.concat(chunks);
}

interface Entry {
  time: number;
  comment: string;
  request: { method: string; url: string; queryString: { name: string; value: string }[]; headers: { name: string; value: string }[]; bodySize: number; postData?: { mimeType: string; text: string; comment?: string } };
  response: { status: number; statusText: string; bodySize: number; _error?: string; content: { size: number; mimeType: string; text?: string; encoding?: string; comment?: string } };
  timings: { send: number; wait: number; receive: number };
  _frameline: { exchangeId: number; end: { kind: string }; requestBody: { keptBytes: number; isTruncated: boolean } };
}

async function entriesOf(exchanges: readonly HttpExchange[], redaction?: RedactionOptions): Promise<{ har: { log: { entries: Entry[]; _frameline: { redactions: { location: string; name: string }[] } } } }> {
  return { har: JSON.parse((await harBytes(exchanges, redaction)).toString('utf8')) };
}

describe("a relay's HTTP exchanges as HAR 1.2", () => {
  it('validates against the HAR 1.2 field list and with har-validator, one entry per exchange', async () => {
    const { har } = await entriesOf(sampleExchanges());
    expect(har12Schema.safeParse(har).error?.issues).toBeUndefined();
    await expect(validateHar(har)).resolves.toBeTruthy();
    // The reader does refuse a broken entry: a response without its status.
    const broken = structuredClone(har) as { log: { entries: { response: Record<string, unknown> }[] } };
    delete broken.log.entries[0]!.response.status;
    await expect(validateHar(broken)).rejects.toThrow();
    expect(har.log.entries.map((entry) => [entry.request.method, entry.response.status])).toEqual([['GET', 200], ['POST', 200], ['GET', 200], ['GET', 0]]);
  });

  it('writes a text body as text, with its real size and the measured duration', async () => {
    const [handshake] = (await entriesOf(sampleExchanges())).har.log.entries;
    expect(handshake!.response.content.text).toMatch(/^0\{"sid":"abc"/);
    expect(handshake!.response.content.encoding).toBeUndefined();
    expect(handshake!.response.content.size).toBe(handshake!.response.bodySize);
    expect(handshake!.response.content.comment).toBeUndefined();
    expect(handshake!.request.queryString).toContainEqual({ name: 'token', value: '*****' });
    expect(handshake!.time).toBe(3.25);
    expect(handshake!.timings).toMatchObject({ send: 0, wait: 3.25, receive: 0 });
  });

  it('says a body was cut: the real byte count in bodySize, the kept start as text up to the last whole character, a comment', async () => {
    const post = (await entriesOf(sampleExchanges())).har.log.entries[1]!;
    expect(post.request.bodySize).toBe(10_000);
    expect(post.request.postData!.text).toBe('a'.repeat(4095));
    expect(post.request.postData!.comment).toBe('only the first 4096 of 10000 bytes were kept');
    expect(post._frameline.requestBody).toMatchObject({ keptBytes: 4096, isTruncated: true });
  });

  it('writes a binary body as base64 with encoding, and a body that did not end as such', async () => {
    const image = (await entriesOf(sampleExchanges())).har.log.entries[2]!;
    expect(image.response.content).toMatchObject({ encoding: 'base64', text: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]).toString('base64'), comment: 'the body did not end as its framing said' });
    expect(image._frameline.end.kind).toBe('server-closed');
    expect(image.comment).toContain('the server closed before the whole response');
  });

  it('keeps an exchange whose upstream failed: status 0, the failure in _error and the comment with its stage', async () => {
    const failed = (await entriesOf(sampleExchanges())).har.log.entries[3]!;
    expect(failed.response).toMatchObject({ status: 0, statusText: '', bodySize: -1, _error: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(failed.comment).toContain('(tcp): connect ECONNREFUSED 127.0.0.1:1 (Nothing listens there.)');
    expect(failed.comment).toContain('502 Bad Gateway');
  });

  it('is always redacted: the export rules apply again, with extra header names and payload patterns reaching the body starts', async () => {
    const { har } = await entriesOf(sampleExchanges(), { isEnabled: true, extraHeaderNames: ['x-team-secret'], payloadPatterns: [/pingInterval/] });
    const [handshake, post] = har.log.entries;
    expect(post!.request.headers).toContainEqual({ name: 'X-Team-Secret', value: '*******' });
    expect(handshake!.response.content.text).toContain('"************":25000');
    expect(har.log._frameline.redactions).toEqual(expect.arrayContaining([{ location: 'request-header', name: 'Cookie' }, { location: 'query-parameter', name: 'token' }, { location: 'request-header', name: 'X-Team-Secret' }, { location: 'http-body', name: 'payload-pattern-1' }]));
    // Asked for no redaction, the built-in rules still hold: the exchanges were redacted when recorded.
    const plain = await entriesOf(sampleExchanges(), noRedaction);
    expect(plain.har.log._frameline.redactions).toContainEqual({ location: 'request-header', name: 'Cookie' });
  });

  it("blanks in every body start what it removed from any exchange's URL or heads: an Engine.IO sid, an extra header's value", async () => {
    const sid = 'Zx9_AbCdEfGhIjKlMnOp';
    const [handshake, post] = sampleExchanges();
    const open = `0{"sid":"${sid}","upgrades":["websocket"],"pingInterval":25000}`;
    const exchanges: HttpExchange[] = [
      { ...handshake!, response: { ...handshake!.response!, body: seenBody(open) } },
      // The sid reaches a URL only in the next exchange, after the body that handed it out.
      { ...post!, url: `http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&sid=${sid}`, requestBody: seenBody('4team-42 says hi') },
    ];
    const bytes = await harBytes(exchanges, { isEnabled: true, extraHeaderNames: ['x-team-secret'], payloadPatterns: [] });
    const text = bytes.toString('utf8');
    expect(text).not.toContain(sid);
    expect(text).not.toContain('team-42');
    const har = JSON.parse(text) as { log: { entries: Entry[]; _frameline: { redactions: { location: string; name: string }[] } } };
    await expect(validateHar(har)).resolves.toBeTruthy();
    // Same length, the rest of the body start as it was.
    expect(har.log.entries[0]!.response.content.text).toBe(open.replace(sid, '*'.repeat(sid.length)));
    expect(har.log.entries[1]!.request.postData!.text).toBe('4******* says hi');
    expect(har.log._frameline.redactions).toContainEqual({ location: 'http-body', name: 'removed-value' });
  });

  it('blanks the values the recording removed (given by the store) though the URLs it gets hold only filler', async () => {
    const secret = 'recorded-token-123';
    const [handshake] = sampleExchanges();
    const exchange: HttpExchange = { ...handshake!, response: { ...handshake!.response!, body: seenBody(`{"token":"${secret}"}`) } };
    expect((await harBytes([exchange])).toString('utf8')).toContain(secret);
    const text = (await harBytes([exchange], defaultRedaction, [secret])).toString('utf8');
    expect(text).not.toContain(secret);
    expect((JSON.parse(text) as { log: { entries: Entry[] } }).log.entries[0]!.response.content.text).toBe(`{"token":"${'*'.repeat(secret.length)}"}`);
  });

  it('opens in our HAR importer: one note per exchange, in start order, after one saying what the file is', async () => {
    const result = readHarCapture('relay.har', await harBytes(sampleExchanges()));
    if (!result.ok) throw new Error(result.problem.message);
    const notes = Array.from({ length: result.log.count }, (_, seq) => result.log.getRecordJson(seq) as EventRecordJson);
    expect(notes.map((note) => note.name)).toEqual(['note', 'note', 'note', 'note', 'note']);
    expect(notes[0]!.message).toContain('its 4 HTTP exchanges are listed below');
    expect(notes[1]!.message).toMatch(/^HTTP GET http:\/\/127\.0\.0\.1:3000\/socket\.io\/\?EIO=4&transport=polling&t=abc&token=\*\*\*\*\* → 200 OK · request body 0 B · response body \d+ B · 3 ms — Passed through a Frameline relay/);
    expect(notes[2]!.message).toContain('request body 10000 B');
    expect(notes[4]!.message).toMatch(/^HTTP GET http:\/\/127\.0\.0\.1:1\/negotiate → no response .* the server could not be reached \(tcp\)/);
    expect(notes.map((note) => note.atMicros)).toEqual([0, 0, 10_000, 20_000, 30_000]);
    expect(result.log.header.targetUrl).toBe('http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=abc&token=*****');
    result.log.dispose();
  });

  it('names the HTTP entries of a HAR that also holds a WebSocket entry, instead of dropping them unsaid', async () => {
    const webSocket = JSON.parse((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8')) as { log: { entries: unknown[] } };
    const http = JSON.parse((await harBytes(sampleExchanges().slice(0, 2))).toString('utf8')) as { log: { entries: unknown[] } };
    webSocket.log.entries.push(...http.log.entries);
    const result = readHarCapture('mixed.har', Buffer.from(JSON.stringify(webSocket)));
    if (!result.ok) throw new Error(result.problem.message);
    const last = (offset: number): EventRecordJson => result.log.getRecordJson(result.log.count - offset) as EventRecordJson;
    expect(last(3).message).toContain('also holds 2 entries that are not WebSocket');
    expect(last(2).message).toMatch(/^HTTP GET .*socket\.io.* → 200 OK/);
    expect(last(1).message).toMatch(/^HTTP POST .* → 200 OK · request body 10000 B/);
    // The WebSocket entry's records come first, as they do from the file alone.
    const alone = readHarCapture('alone.har', await exportBytes(fixtureLog(), 'har', noRedaction));
    if (!alone.ok) throw new Error(alone.problem.message);
    expect(result.log.count).toBe(alone.log.count + 3);
    expect(result.log.getRecordJson(alone.log.count - 1)).toEqual(alone.log.getRecordJson(alone.log.count - 1));
    alone.log.dispose();
    result.log.dispose();
  });
});
