import type { CaptureHeader, CaptureHandshake } from '../../../../shared/contract/capture.js';
import type { EventRecordJson, FrameRecordJson, HandshakeRecordJson, RecordJson } from '../../../../shared/contract/records.js';
import { fromBase64, toBase64 } from '../byte-text.js';
import type { CaptureStream } from './capture-stream.js';
import { fillerByte, RedactionRules, type RedactionOptions } from './redaction-rules.js';
import { redactFreeText, redactHeaders, redactPayload, redactRawHttp, redactUrl } from './redact-values.js';

/**
 * A redacted view of `source` for export: nothing is copied; each pass over the records redacts
 * one slice at a time. A first pass finds every name that will be redacted, so the header (which
 * every format writes first) can list them all.
 */
export async function redactedCapture(source: CaptureStream, options: RedactionOptions): Promise<CaptureStream> {
  if (!options.isEnabled) return source;
  const scan = new RedactionRules(options);
  redactHeader(source.header, scan);
  for await (const slice of redactSlices(source, scan)) void slice;
  const redactions = scan.redactions(source.header.redactions);
  const header: CaptureHeader = { ...redactHeader(source.header, new RedactionRules(options)), redactions };
  return {
    header,
    records: () => redactSlices(source, new RedactionRules(options)),
    wireChunks: () => source.wireChunks(),
  };
}

function redactHeader(header: CaptureHeader, rules: RedactionRules): CaptureHeader {
  return {
    ...header,
    targetUrl: redactUrl(header.targetUrl, rules),
    handshake: header.handshake === null ? null : redactHandshake(header.handshake, rules),
  };
}

function redactHandshake<T extends CaptureHandshake>(handshake: T, rules: RedactionRules): T {
  const { request, response, unreadableResponse } = handshake;
  return {
    ...handshake,
    // An unreadable answer's bytes may still carry Set-Cookie or a token: redacted like any raw head.
    ...(unreadableResponse ? { unreadableResponse: { ...unreadableResponse, raw: toBase64(redactRawHttp(fromBase64(unreadableResponse.raw), 'response-header', rules)) } } : {}),
    request: {
      ...request,
      target: redactUrl(request.target, rules),
      headers: redactHeaders(request.headers, 'request-header', rules),
      raw: toBase64(redactRawHttp(fromBase64(request.raw), 'request-header', rules)),
    },
    response:
      response === null
        ? null
        : {
            ...response,
            headers: redactHeaders(response.headers, 'response-header', rules),
            raw: toBase64(redactRawHttp(fromBase64(response.raw), 'response-header', rules)),
          },
  };
}

function redactEvent(event: EventRecordJson, rules: RedactionRules): EventRecordJson {
  const redacted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (typeof value !== 'string' || key === 'kind' || key === 'name') {
      redacted[key] = value;
      continue;
    }
    const text = redactFreeText(value, rules);
    if (text !== value) rules.note({ location: 'event-detail', name: key });
    redacted[key] = text;
  }
  return redacted as EventRecordJson;
}

// A compressed message's frames wait here until its last frame: when the inflated text holds a
// match, the compressed bytes of every frame of the message are replaced too.
async function* redactSlices(source: CaptureStream, rules: RedactionRules): AsyncGenerator<RecordJson[]> {
  let pending: RecordJson[] = [];
  let compressedMessageId: number | null = null;
  for await (const slice of source.records()) {
    const out: RecordJson[] = [];
    for (const record of slice) {
      if (record.kind === 'frame' && rules.hasPayloadPatterns && record.rsv1 && record.fragment === 'first') compressedMessageId = record.messageId;
      if (compressedMessageId === null) {
        out.push(redactRecord(record, rules));
        continue;
      }
      pending.push(record);
      if (record.kind === 'frame' && record.messageId === compressedMessageId && record.fragment === 'last') {
        out.push(...redactCompressedMessage(pending, compressedMessageId, rules));
        pending = [];
        compressedMessageId = null;
      }
    }
    if (out.length > 0) yield out;
  }
  if (pending.length > 0) yield pending.map((record) => redactRecord(record, rules));
}

function redactRecord(record: RecordJson, rules: RedactionRules): RecordJson {
  switch (record.kind) {
    case 'handshake':
      return redactHandshake<HandshakeRecordJson>(record, rules);
    case 'event':
      return redactEvent(record, rules);
    case 'frame':
      return redactFrame(record, rules, false);
  }
}

function redactCompressedMessage(records: RecordJson[], messageId: number, rules: RedactionRules): RecordJson[] {
  const last = records.findLast((record): record is FrameRecordJson => record.kind === 'frame' && record.messageId === messageId);
  const inflated = last?.inflatedPayload === undefined ? null : redactPayload(fromBase64(last.inflatedPayload), rules);
  const isMessageRedacted = inflated?.isChanged ?? false;
  return records.map((record) =>
    record.kind === 'frame' && record.messageId === messageId ? redactFrame(record, rules, isMessageRedacted) : redactRecord(record, rules),
  );
}

// A frame whose inflated message was redacted cannot keep its compressed bytes (they would inflate
// to the secret); they become filler of the same length, and `redacted` says so.
function redactFrame(frame: FrameRecordJson, rules: RedactionRules, isMessageRedacted: boolean): FrameRecordJson {
  if (!rules.hasPayloadPatterns) return frame;
  const payload = fromBase64(frame.payload);
  const inflated = frame.inflatedPayload === undefined ? null : redactPayload(fromBase64(frame.inflatedPayload), rules);
  const isScrubbed = isMessageRedacted || (frame.fragment === 'whole' && inflated?.isChanged === true);
  const redacted = isScrubbed ? { bytes: new Uint8Array(payload.byteLength).fill(fillerByte), isChanged: true } : redactPayload(payload, rules);
  if (!redacted.isChanged && !inflated?.isChanged) return frame;
  const closeReason =
    frame.closeReason !== undefined && redacted.bytes.byteLength >= 2 ? Buffer.from(redacted.bytes.subarray(2)).toString('utf8') : frame.closeReason;
  return {
    ...frame,
    payload: toBase64(redacted.bytes),
    ...(inflated ? { inflatedPayload: toBase64(inflated.bytes) } : {}),
    ...(closeReason !== undefined ? { closeReason } : {}),
    redacted: true,
  };
}
