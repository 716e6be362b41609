import { z } from 'zod';
import { isMessage, type Message } from '../i18n/message.js';
import type { ViolationRule } from '../protocol/violation.js';
import type {
  CaptureHeader,
  NegotiatedExtension,
  Redaction,
  RedactionLocation,
  RelayCaptureInfo,
  WireChunkJson,
} from './capture.js';
import { CAPTURE_FORMAT_NAME, CAPTURE_FORMAT_VERSION } from './capture.js';
import type { EventName, EventRecordJson, FrameRecordJson, HandshakeRecordJson, RecordJson } from './records.js';

// Every message reads as the second half of "<field path>: <message>", which is how an import
// error is shown (docs/capture-format.md "Errors"). A missing field says so instead.
function says(expected: string): { error: (issue: { readonly input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? `missing; ${expected}` : expected) };
}

function integer(min: number, max: number): z.ZodNumber {
  const expected = says(`expected a number ${min}–${max}`);
  return z.number(expected).int(expected).min(min, expected).max(max, expected);
}

const text = z.string(says('expected a string'));
const nullableText = z.string(says('expected a string or null')).nullable();
const flag = z.boolean(says('expected true or false'));
const base64 = z.base64(says('expected base64'));
const micros = z.number(says('expected a number of microseconds ≥ 0')).min(0, says('expected a number of microseconds ≥ 0'));
const port = integer(0, 65535);
const closeCode = integer(0, 65535);
const uint32 = integer(0, 0xffff_ffff);
// Declared lengths may exceed 2^53 on a crafted frame (frame-record.ts), so this is not `.int()`, which stops there.
const declaredLength = z
  .number(says('expected a whole number ≥ 0'))
  .min(0, says('expected a whole number ≥ 0'))
  .refine(Number.isInteger, says('expected a whole number ≥ 0'));
const direction = z.enum(['in', 'out'], says('expected "in" or "out"'));
const leg = z.enum(['client', 'server'], says('expected "client" or "server"'));
const headerPair = z.tuple([text, text], says('expected a [name, value] pair of strings'));

// Rule ids and event names may grow within a format version; an older reader keeps the unknown ones as text.
const violationRule = text.transform((rule) => rule as ViolationRule);
const eventName = text.transform((name) => name as EventName);
const redactionLocation = text.transform((location) => location as RedactionLocation);

const violationSchema = z.object(
  { rule: violationRule, section: text, closeCode, message: text, i18n: z.custom<Message>(isMessage, says('expected a message')).optional() },
  says('expected a violation object'),
);

const handshakeRequestSchema = z.object(
  { method: text, target: text, httpVersion: text, headers: z.array(headerPair, says('expected a list')), raw: base64 },
  says('expected an object'),
);

const handshakeResponseSchema = z
  .object(
    {
      httpVersion: text,
      statusCode: integer(0, 999),
      reason: text,
      headers: z.array(headerPair, says('expected a list')),
      body: base64.optional(),
      raw: base64,
    },
    says('expected an object or null'),
  )
  .nullable();

const checkSchema = z.object(
  { id: text, ok: flag, detail: text, i18n: z.custom<Message>(isMessage, says('expected a message')).optional() },
  says('expected a check object'),
);

const unreadableResponseSchema = z.object({ error: text, reason: text, raw: base64, rawTruncated: flag }, says('expected an object'));

const handshakeRecordObject = z.object({
  kind: z.literal('handshake'),
  seq: uint32,
  atMicros: micros,
  request: handshakeRequestSchema,
  response: handshakeResponseSchema,
  unreadableResponse: unreadableResponseSchema.optional(),
  checks: z.array(checkSchema, says('expected a list')),
  leg: leg.optional(),
});

const frameRecordObject = z.object({
  kind: z.literal('frame'),
  seq: uint32,
  atMicros: micros,
  direction,
  fin: flag,
  rsv1: flag,
  rsv2: flag,
  rsv3: flag,
  opcode: integer(0, 15),
  masked: flag,
  maskingKey: z.string(says('expected 8 hex digits or null')).regex(/^[0-9a-f]{8}$/, says('expected 8 lowercase hex digits')).nullable(),
  payloadLength: declaredLength,
  headerBytes: base64,
  payload: base64,
  payloadTruncated: flag,
  messageId: uint32,
  fragment: z.enum(['whole', 'first', 'middle', 'last'], says('expected "whole", "first", "middle" or "last"')),
  inflatedPayload: base64.optional(),
  closeCode: closeCode.optional(),
  closeReason: text.optional(),
  rttMicros: micros.optional(),
  violations: z.array(violationSchema, says('expected a list')),
  redacted: flag.optional(),
  leg: leg.optional(),
  link: uint32.optional(),
});

const eventRecordObject = z.looseObject({
  kind: z.literal('event'),
  seq: uint32,
  atMicros: micros,
  name: eventName,
  stage: z.enum(['dns', 'tcp', 'proxy', 'tls', 'handshake', 'websocket', 'socket'], says('expected a failure stage')).optional(),
  message: text.optional(),
  hint: text.optional(),
  by: z.enum(['client', 'server', 'path'], says('expected "client", "server" or "path"')).optional(),
  how: z.enum(['close-frame', 'fin', 'rst', 'timeout', 'error'], says('expected "close-frame", "fin", "rst", "timeout" or "error"')).optional(),
  closeCode: closeCode.optional(),
  closeReason: text.optional(),
});

/** A handshake record line (records.ts HandshakeRecordJson). */
export const handshakeRecordJsonSchema: z.ZodType<HandshakeRecordJson> = handshakeRecordObject;

/** A frame record line (records.ts FrameRecordJson); cross-field rules are checked by the reader. */
export const frameRecordJsonSchema: z.ZodType<FrameRecordJson> = frameRecordObject;

/** An event record line; event-specific detail fields are kept as they are (records.ts EventRecordJson). */
export const eventRecordJsonSchema: z.ZodType<EventRecordJson> = eventRecordObject;

/** Any record line, told apart by `kind`. */
export const recordJsonSchema: z.ZodType<RecordJson> = z.discriminatedUnion(
  'kind',
  [handshakeRecordObject, frameRecordObject, eventRecordObject],
  says('expected a record object with kind "handshake", "frame" or "event"'),
);

/** One raw socket read or write: `[atMicros, direction, byteLength]`. */
export const wireChunkJsonSchema: z.ZodType<WireChunkJson> = z.tuple(
  [micros, direction, uint32],
  says('expected [atMicros, "in" | "out", byteLength]'),
);

const hostPortSchema = z.object({ host: text, port }, says('expected an object or null'));

const optionsSchema = z.object(
  {
    proxies: z.array(
      z.object(
        { kind: z.enum(['http', 'socks5', 'socks4a', 'socks4'], says('expected "http", "socks5", "socks4a" or "socks4"')), host: text, port, hasCredentials: flag },
        says('expected a proxy object'),
      ),
      says('expected a list'),
    ),
    connectTo: hostPortSchema.nullable(),
    tls: z
      .object(
        {
          servername: nullableText,
          alpn: z.array(text, says('expected a list')),
          minVersion: nullableText,
          maxVersion: nullableText,
          hasCustomCa: flag,
          hasClientCertificate: flag,
          isInsecure: flag,
        },
        says('expected an object or null'),
      )
      .nullable(),
  },
  says('expected an object'),
);

const socketAddressSchema = z.object({ address: text, port }, says('expected an object'));

const certificateSchema = z.object(
  { subject: text, issuer: text, validFrom: text, validTo: text, fingerprint256: text, subjectAltName: nullableText, serialNumber: text.optional() },
  says('expected a certificate object'),
);

const tlsSummarySchema = z.object(
  {
    protocol: nullableText,
    cipher: nullableText,
    alpnProtocol: nullableText,
    servername: nullableText,
    isAuthorized: flag,
    authorizationError: nullableText,
    peerCertificates: z.array(certificateSchema, says('expected a list')),
  },
  says('expected an object or null'),
);

const extensionSchema: z.ZodType<NegotiatedExtension> = z.object(
  {
    name: text,
    params: z.record(text, z.union([text, z.literal(true)], says('expected a string or true')), says('expected an object')),
  },
  says('expected an extension object'),
);

const relaySchema: z.ZodType<RelayCaptureInfo> = z.object(
  {
    mode: z.enum(['frame-exact', 'message'], says('expected "frame-exact" or "message"')),
    reachedBy: z.enum(['url', 'proxy-connect', 'proxy-absolute-form'], says('expected "url", "proxy-connect" or "proxy-absolute-form"')),
    clientEndpoints: z.object({ local: socketAddressSchema, remote: socketAddressSchema }, says('expected an object')),
    clientTlsServername: nullableText,
  },
  says('expected an object'),
);

const redactionSchema: z.ZodType<Redaction> = z.object({ location: redactionLocation, name: text }, says('expected a redaction object'));

/** The capture header: the first line of a `.frameline.json` file, minus `records` and `wire`. */
export const captureHeaderSchema: z.ZodType<CaptureHeader> = z.object(
  {
    format: z.literal(CAPTURE_FORMAT_NAME, says(`expected "${CAPTURE_FORMAT_NAME}"; this is not a Frameline capture`)),
    version: z.literal(CAPTURE_FORMAT_VERSION, says(`expected ${CAPTURE_FORMAT_VERSION}`)),
    created: z.object(
      {
        iso: z.iso.datetime(says('expected an ISO 8601 UTC time such as 2025-03-01T12:00:00.000Z')),
        epochMicros: z.number(says('expected a whole number of microseconds')).int(says('expected a whole number of microseconds')),
      },
      says('expected an object'),
    ),
    targetUrl: text,
    options: optionsSchema,
    endpoints: z.object({ local: socketAddressSchema, remote: socketAddressSchema }, says('expected an object or null')).nullable(),
    tls: tlsSummarySchema.nullable(),
    handshake: z
      .object(
        { request: handshakeRequestSchema, response: handshakeResponseSchema, unreadableResponse: unreadableResponseSchema.optional(), checks: z.array(checkSchema, says('expected a list')) },
        says('expected an object or null'),
      )
      .nullable(),
    extensions: z.array(extensionSchema, says('expected a list')),
    subprotocol: nullableText,
    redactions: z.array(redactionSchema, says('expected a list')),
    appProtocol: z.object({ choice: text, id: nullableText, reason: nullableText }, says('expected an object')).optional(),
    relay: relaySchema.optional(),
  },
  says('expected a JSON object'),
);
