import { z } from 'zod';
import { isMessage, message, type Message, type MessageValues } from '../i18n/message.js';
import { explainedSentence } from '../i18n/schema-issue-text.js';
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
// error is shown (docs/capture-format.md "Errors"). A missing field says so instead. The sentences
// live in the capture catalogue's `expected` block; zod keeps their English, and `issueText` finds the
// message again from it (`explainedSentence`), so an import error reads in the reader's language.
// The HAR importer's schema (har-import-schema.ts) words its fields with the same function.
/** A capture field's schema error: the catalogue sentence `key` says what was expected, or that the field is missing. */
export function says(key: string, values?: MessageValues): { error: (issue: { readonly input?: unknown }) => string } {
  const expected = message(key, values);
  const present = explainedSentence(expected);
  const missing = explainedSentence(message('capture:expected.missing', { expected }));
  return { error: (issue) => (issue.input === undefined ? missing : present) };
}

function integer(min: number, max: number): z.ZodNumber {
  const expected = says('capture:expected.numberRange', { min, max });
  return z.number(expected).int(expected).min(min, expected).max(max, expected);
}

const text = z.string(says('capture:expected.string'));
const nullableText = z.string(says('capture:expected.stringOrNull')).nullable();
const flag = z.boolean(says('capture:expected.boolean'));
const base64 = z.base64(says('capture:expected.base64'));
const micros = z.number(says('capture:expected.micros')).min(0, says('capture:expected.micros'));
const port = integer(0, 65535);
const closeCode = integer(0, 65535);
const uint32 = integer(0, 0xffff_ffff);
// Declared lengths may exceed 2^53 on a crafted frame (frame-record.ts), so this is not `.int()`, which stops there.
const declaredLength = z
  .number(says('capture:expected.wholeNumber'))
  .min(0, says('capture:expected.wholeNumber'))
  .refine(Number.isInteger, says('capture:expected.wholeNumber'));
const direction = z.enum(['in', 'out'], says('capture:expected.direction'));
const leg = z.enum(['client', 'server'], says('capture:expected.leg'));
const headerPair = z.tuple([text, text], says('capture:expected.headerPair'));

// Rule ids and event names may grow within a format version; an older reader keeps the unknown ones as text.
const violationRule = text.transform((rule) => rule as ViolationRule);
const eventName = text.transform((name) => name as EventName);
const redactionLocation = text.transform((location) => location as RedactionLocation);

const violationSchema = z.object(
  { rule: violationRule, section: text, closeCode, message: text, i18n: z.custom<Message>(isMessage, says('capture:expected.message')).optional() },
  says('capture:expected.violation'),
);

const handshakeRequestSchema = z.object(
  { method: text, target: text, httpVersion: text, headers: z.array(headerPair, says('capture:expected.list')), raw: base64 },
  says('capture:expected.object'),
);

const handshakeResponseSchema = z
  .object(
    {
      httpVersion: text,
      statusCode: integer(0, 999),
      reason: text,
      headers: z.array(headerPair, says('capture:expected.list')),
      body: base64.optional(),
      raw: base64,
    },
    says('capture:expected.objectOrNull'),
  )
  .nullable();

const checkSchema = z.object(
  { id: text, ok: flag, detail: text, i18n: z.custom<Message>(isMessage, says('capture:expected.message')).optional() },
  says('capture:expected.check'),
);

const unreadableResponseSchema = z.object({ error: text, reason: text, raw: base64, rawTruncated: flag }, says('capture:expected.object'));

const handshakeRecordObject = z.object({
  kind: z.literal('handshake'),
  seq: uint32,
  atMicros: micros,
  request: handshakeRequestSchema,
  response: handshakeResponseSchema,
  unreadableResponse: unreadableResponseSchema.optional(),
  checks: z.array(checkSchema, says('capture:expected.list')),
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
  maskingKey: z.string(says('capture:expected.maskingKeyOrNull')).regex(/^[0-9a-f]{8}$/, says('capture:expected.maskingKey')).nullable(),
  payloadLength: declaredLength,
  headerBytes: base64,
  payload: base64,
  payloadTruncated: flag,
  messageId: uint32,
  fragment: z.enum(['whole', 'first', 'middle', 'last'], says('capture:expected.fragment')),
  inflatedPayload: base64.optional(),
  closeCode: closeCode.optional(),
  closeReason: text.optional(),
  rttMicros: micros.optional(),
  violations: z.array(violationSchema, says('capture:expected.list')),
  redacted: flag.optional(),
  leg: leg.optional(),
  link: uint32.optional(),
});

const eventRecordObject = z.looseObject({
  kind: z.literal('event'),
  seq: uint32,
  atMicros: micros,
  name: eventName,
  stage: z.enum(['settings', 'dns', 'tcp', 'proxy', 'tls', 'handshake', 'websocket', 'socket'], says('capture:expected.stage')).optional(),
  message: text.optional(),
  hint: text.optional(),
  by: z.enum(['client', 'server', 'path'], says('capture:expected.closedBy')).optional(),
  how: z.enum(['close-frame', 'fin', 'rst', 'timeout', 'error'], says('capture:expected.closedHow')).optional(),
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
  says('capture:expected.record'),
);

/** One raw socket read or write: `[atMicros, direction, byteLength]`. */
export const wireChunkJsonSchema: z.ZodType<WireChunkJson> = z.tuple(
  [micros, direction, uint32],
  says('capture:expected.wireChunk'),
);

const hostPortSchema = z.object({ host: text, port }, says('capture:expected.objectOrNull'));

const optionsSchema = z.object(
  {
    proxies: z.array(
      z.object(
        { kind: z.enum(['http', 'socks5', 'socks4a', 'socks4'], says('capture:expected.proxyKind')), host: text, port, hasCredentials: flag },
        says('capture:expected.proxy'),
      ),
      says('capture:expected.list'),
    ),
    connectTo: hostPortSchema.nullable(),
    tls: z
      .object(
        {
          servername: nullableText,
          alpn: z.array(text, says('capture:expected.list')),
          minVersion: nullableText,
          maxVersion: nullableText,
          hasCustomCa: flag,
          hasClientCertificate: flag,
          isInsecure: flag,
        },
        says('capture:expected.objectOrNull'),
      )
      .nullable(),
  },
  says('capture:expected.object'),
);

const socketAddressSchema = z.object({ address: text, port }, says('capture:expected.object'));

const certificateSchema = z.object(
  { subject: text, issuer: text, validFrom: text, validTo: text, fingerprint256: text, subjectAltName: nullableText, serialNumber: text.optional() },
  says('capture:expected.certificate'),
);

const tlsSummarySchema = z.object(
  {
    protocol: nullableText,
    cipher: nullableText,
    alpnProtocol: nullableText,
    servername: nullableText,
    isAuthorized: flag,
    authorizationError: nullableText,
    peerCertificates: z.array(certificateSchema, says('capture:expected.list')),
  },
  says('capture:expected.objectOrNull'),
);

const extensionSchema: z.ZodType<NegotiatedExtension> = z.object(
  {
    name: text,
    params: z.record(text, z.union([text, z.literal(true)], says('capture:expected.stringOrTrue')), says('capture:expected.object')),
  },
  says('capture:expected.extension'),
);

const relaySchema: z.ZodType<RelayCaptureInfo> = z.object(
  {
    mode: z.enum(['frame-exact', 'message'], says('capture:expected.relayMode')),
    reachedBy: z.enum(['url', 'proxy-connect', 'proxy-absolute-form'], says('capture:expected.reachedBy')),
    clientEndpoints: z.object({ local: socketAddressSchema, remote: socketAddressSchema }, says('capture:expected.object')),
    clientTlsServername: nullableText,
  },
  says('capture:expected.object'),
);

const redactionSchema: z.ZodType<Redaction> = z.object({ location: redactionLocation, name: text }, says('capture:expected.redaction'));

/** The capture header: the first line of a `.frameline.json` file, minus `records` and `wire`. */
export const captureHeaderSchema: z.ZodType<CaptureHeader> = z.object(
  {
    format: z.literal(CAPTURE_FORMAT_NAME, says('capture:expected.formatName', { name: CAPTURE_FORMAT_NAME })),
    version: z.literal(CAPTURE_FORMAT_VERSION, says('capture:expected.version', { version: CAPTURE_FORMAT_VERSION })),
    created: z.object(
      {
        iso: z.iso.datetime(says('capture:expected.isoTime')),
        epochMicros: z.number(says('capture:expected.wholeMicros')).int(says('capture:expected.wholeMicros')),
      },
      says('capture:expected.object'),
    ),
    targetUrl: text,
    options: optionsSchema,
    endpoints: z.object({ local: socketAddressSchema, remote: socketAddressSchema }, says('capture:expected.objectOrNull')).nullable(),
    tls: tlsSummarySchema.nullable(),
    handshake: z
      .object(
        { request: handshakeRequestSchema, response: handshakeResponseSchema, unreadableResponse: unreadableResponseSchema.optional(), checks: z.array(checkSchema, says('capture:expected.list')) },
        says('capture:expected.objectOrNull'),
      )
      .nullable(),
    extensions: z.array(extensionSchema, says('capture:expected.list')),
    subprotocol: nullableText,
    redactions: z.array(redactionSchema, says('capture:expected.list')),
    appProtocol: z.object({ choice: text, id: nullableText, reason: nullableText }, says('capture:expected.object')).optional(),
    relay: relaySchema.optional(),
  },
  says('capture:expected.jsonObject'),
);
