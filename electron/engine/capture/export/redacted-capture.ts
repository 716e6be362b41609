import type { CaptureHeader, CaptureHandshake } from '../../../../shared/contract/capture.js';
import type { Direction } from '../../../../shared/protocol/frame-record.js';
import type { EventRecordJson, HandshakeRecordJson } from '../../../../shared/contract/records.js';
import { fromBase64, toBase64 } from '../byte-text.js';
import type { CapturedFrame, CapturedRecord } from '../captured-record.js';
import { heldFrame } from '../frame-scratch.js';
import type { CaptureStream } from './capture-stream.js';
import { fillerByte, RedactionRules, type RedactionOptions } from './redaction-rules.js';
import { redactPayloadCredentials } from './payload-credentials.js';
import { redactFreeText, redactHeaders, redactPayload, redactRawHttp, redactRemovedValues, redactUrl } from './redact-values.js';

/**
 * A redacted view of `source` for export: nothing is copied; each pass over the records redacts
 * one slice at a time, frames as bytes. A first pass finds every name that will be redacted, so
 * the header (which every format writes first) can list them all.
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
    records: (direction) => redactSlices(source, headerRules(source.header, options), direction),
    wireChunks: () => source.wireChunks(),
  };
}

// Rules that already hold the values the header's handshake gives up, so frames lose them too.
function headerRules(header: CaptureHeader, options: RedactionOptions): RedactionRules {
  const rules = new RedactionRules(options);
  redactHeader(header, rules);
  return rules;
}

function redactHeader(header: CaptureHeader, rules: RedactionRules): CaptureHeader {
  return {
    ...header,
    targetUrl: redactUrl(header.targetUrl, rules),
    handshake: header.handshake === null ? null : redactHandshake(header.handshake, rules),
  };
}

// Handshakes keep the contract's JSON form in the log (one per session), so their raw bytes are base64 here.
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
async function* redactSlices(source: CaptureStream, rules: RedactionRules, direction?: Direction): AsyncGenerator<CapturedRecord[]> {
  let pending: CapturedRecord[] = [];
  // Message ids count per direction, so a message is named by both.
  let compressed: { readonly messageId: number; readonly direction: Direction } | null = null;
  for await (const slice of source.records(direction)) {
    const out: CapturedRecord[] = [];
    for (const record of slice) {
      if (record.kind === 'frame' && record.rsv1 && record.fragment === 'first') compressed = { messageId: record.messageId, direction: record.direction };
      if (compressed === null) {
        out.push(redactRecord(record, rules));
        continue;
      }
      // Pending frames outlive their slice, whose frames the source refills (capture-stream.ts).
      pending.push(record.kind === 'frame' ? heldFrame(record) : record);
      if (isOfMessage(record, compressed) && record.fragment === 'last') {
        out.push(...redactCompressedMessage(pending, compressed, rules));
        pending = [];
        compressed = null;
      }
    }
    if (out.length > 0) yield out;
  }
  if (pending.length > 0) yield pending.map((record) => redactRecord(record, rules));
}

function redactRecord(record: CapturedRecord, rules: RedactionRules): CapturedRecord {
  switch (record.kind) {
    case 'handshake':
      return redactHandshake<HandshakeRecordJson>(record, rules);
    case 'event':
      return redactEvent(record, rules);
    case 'frame':
      return redactFrame(record, rules, false);
  }
}

function isOfMessage(record: CapturedRecord, message: Pick<CapturedFrame, 'messageId' | 'direction'>): record is CapturedFrame {
  return record.kind === 'frame' && record.messageId === message.messageId && record.direction === message.direction;
}

function redactCompressedMessage(records: CapturedRecord[], message: Pick<CapturedFrame, 'messageId' | 'direction'>, rules: RedactionRules): CapturedRecord[] {
  const last = records.findLast((record) => isOfMessage(record, message)) as CapturedFrame | undefined;
  const inflated = last?.inflatedPayload === undefined ? null : redactFramePayload(last.inflatedPayload, rules);
  const isMessageRedacted = inflated?.isChanged ?? false;
  return records.map((record) => (isOfMessage(record, message) ? redactFrame(record, rules, isMessageRedacted) : redactRecord(record, rules)));
}

// A frame whose inflated message was redacted cannot keep its compressed bytes (they would inflate
// to the secret); they become filler of the same length, and `redacted` says so.
function redactFrame(frame: CapturedFrame, rules: RedactionRules, isMessageRedacted: boolean): CapturedFrame {
  const inflated = frame.inflatedPayload === undefined ? null : redactFramePayload(frame.inflatedPayload, rules);
  const isScrubbed = isMessageRedacted || (frame.fragment === 'whole' && inflated?.isChanged === true);
  const redacted = isScrubbed ? { bytes: new Uint8Array(frame.payload.byteLength).fill(fillerByte), isChanged: true } : redactFramePayload(frame.payload, rules);
  if (!redacted.isChanged && !inflated?.isChanged) return frame;
  const closeReason =
    frame.closeReason !== undefined && redacted.bytes.byteLength >= 2 ? Buffer.from(redacted.bytes.subarray(2)).toString('utf8') : frame.closeReason;
  return {
    ...frame,
    payload: redacted.bytes,
    ...(inflated ? { inflatedPayload: inflated.bytes } : {}),
    ...(closeReason !== undefined ? { closeReason } : {}),
    redacted: true,
  };
}

// The user's payload patterns, then the credentials a protocol carries, then the values the
// handshake (or an earlier frame) gave up, wherever they appear again. Each step only where it can
// find something: this runs for every frame of a default export.
function redactFramePayload(payload: Uint8Array, rules: RedactionRules): { bytes: Uint8Array; isChanged: boolean } {
  const patterned = rules.hasPayloadPatterns ? redactPayload(payload, rules) : null;
  const credentials = redactPayloadCredentials(patterned?.bytes ?? payload, rules);
  const removed = rules.removedValues().length > 0 ? redactRemovedValues(credentials.bytes, rules, 'frame-payload') : null;
  return { bytes: removed?.bytes ?? credentials.bytes, isChanged: (patterned?.isChanged ?? false) || credentials.isChanged || (removed?.isChanged ?? false) };
}
