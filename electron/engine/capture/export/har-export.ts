import type { Writable } from 'node:stream';
import type { CaptureHeader } from '../../../../shared/contract/capture.js';
import type { EventRecordJson, HandshakeRecordJson } from '../../../../shared/contract/records.js';
import type { CaptureStream } from './capture-stream.js';
import { ByteOutput } from '../byte-output.js';
import { HAR_EXTRAS_FIELD, harHeaders, harLogClosing, harLogOpening, harMimeType, harQueryString } from './har-log.js';
import { writeHarMessage, MessageOpcodes } from './har-message.js';
import { listSeparator } from './list-separator.js';
import { StreamWriter } from './stream-writer.js';

/**
 * Streams a capture as HAR 1.2 in Chrome's WebSocket shape: one entry for the Upgrade exchange
 * with `_resourceType: "websocket"` and `_webSocketMessages` (every frame, control frames
 * included), then `_frameline` with the native header, the handshake and event records and the
 * wire chunks, so Frameline restores the capture and other tools ignore the extras. Messages are
 * written one slice at a time; nothing holds the whole capture.
 */
export async function writeHarExport(capture: CaptureStream, stream: Writable): Promise<void> {
  const writer = new StreamWriter(stream);
  const header = capture.header;
  const entry = JSON.stringify(entryFields(header));
  await writer.write(`${harLogOpening()}\n${entry.slice(0, -1)},\n"_webSocketMessages":[`);
  const opcodes = new MessageOpcodes();
  const nextMessage = listSeparator();
  const out = new ByteOutput();
  // Handshakes and events are few; they are kept from this pass for the extras written after the messages.
  const others: (HandshakeRecordJson | EventRecordJson)[] = [];
  for await (const slice of capture.records()) {
    for (const record of slice) {
      if (record.kind !== 'frame') others.push(record);
      else {
        out.ascii(nextMessage());
        writeHarMessage(out, record, header.created.epochMicros, opcodes.opcodeOf(record));
      }
    }
    await writer.write(out.take());
  }
  await writer.write(`\n],\n"${HAR_EXTRAS_FIELD}":{"header":${JSON.stringify(header)},"records":[`);
  const nextRecord = listSeparator();
  await writer.write(others.map((record) => `${nextRecord()}${JSON.stringify(record)}`).join(''));
  await writer.write('\n],"wire":[');
  const nextChunk = listSeparator();
  for await (const slice of capture.wireChunks()) {
    let text = '';
    for (const [atMicros, direction, byteLength] of slice) text += `${nextChunk()}[${atMicros},"${direction}",${byteLength}]`;
    await writer.write(text);
  }
  await writer.write(`\n]}}${harLogClosing}`);
  writer.finish();
}

// Everything of the entry except the messages and extras, in HAR 1.2 order.
function entryFields(header: CaptureHeader): Record<string, unknown> {
  const handshake = header.handshake;
  const startedMicros = header.created.epochMicros;
  const request = handshake?.request;
  const response = handshake?.response ?? null;
  return {
    startedDateTime: new Date(startedMicros / 1000).toISOString(),
    time: 0,
    request: {
      method: request?.method ?? 'GET',
      url: header.targetUrl,
      httpVersion: `HTTP/${request?.httpVersion ?? '1.1'}`,
      cookies: [],
      headers: harHeaders(request?.headers ?? []),
      queryString: harQueryString(header.targetUrl),
      headersSize: request ? Buffer.from(request.raw, 'base64').byteLength : -1,
      bodySize: 0,
    },
    response: {
      status: response?.statusCode ?? 0,
      statusText: response?.reason ?? '',
      httpVersion: response ? `HTTP/${response.httpVersion}` : '',
      cookies: [],
      headers: harHeaders(response?.headers ?? []),
      content: { size: response?.body ? Buffer.from(response.body, 'base64').byteLength : 0, mimeType: harMimeType(response?.headers ?? []) },
      redirectURL: response?.headers.find(([name]) => name.toLowerCase() === 'location')?.[1] ?? '',
      headersSize: response ? Buffer.from(response.raw, 'base64').byteLength : -1,
      bodySize: response?.body ? Buffer.from(response.body, 'base64').byteLength : 0,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: 0, receive: 0, ssl: -1 },
    ...(header.endpoints ? { serverIPAddress: header.endpoints.remote.address, connection: String(header.endpoints.local.port) } : {}),
    _resourceType: 'websocket',
  };
}
