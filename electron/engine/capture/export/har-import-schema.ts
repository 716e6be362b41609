import { z } from 'zod';

/**
 * What the HAR importer needs from a file, checked with messages in the import-error form
 * (`<field path>: <expected>`). Lenient about everything it does not use, so a HAR from Chrome,
 * from another tool or written by hand imports as long as its WebSocket entry makes sense.
 */

function says(expected: string): { error: (issue: { readonly input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? `missing; ${expected}` : expected) };
}

const text = z.string(says('expected a string'));
const nameValue = z.looseObject({ name: text, value: text }, says('expected {name, value}'));

/** Chrome's four message fields; our underscore fields are checked separately. */
export const harMessageSchema = z.looseObject(
  {
    type: z.enum(['send', 'receive'], says('expected "send" or "receive"')),
    time: z.number(says('expected seconds since the epoch')),
    opcode: z.number(says('expected a number 0–15')).int(says('expected a number 0–15')).min(0, says('expected a number 0–15')).max(15, says('expected a number 0–15')),
    data: text,
  },
  says('expected a message object'),
);

/** A HAR entry as far as the importer reads it. */
export const harEntrySchema = z.looseObject(
  {
    startedDateTime: z.iso.datetime({ offset: true, ...says('expected an ISO 8601 time') }),
    request: z.looseObject({ method: text, url: text, httpVersion: text.optional(), headers: z.array(nameValue, says('expected a list')) }, says('expected an object')),
    response: z.looseObject(
      { status: z.number(says('expected a number')), statusText: text.optional(), httpVersion: text.optional(), headers: z.array(nameValue, says('expected a list')) },
      says('expected an object'),
    ),
    _webSocketMessages: z.array(z.unknown(), says('expected a list')).optional(),
  },
  says('expected an entry object'),
);

/** The top of a HAR file. */
export const harLogSchema = z.looseObject(
  { log: z.looseObject({ version: text.optional(), entries: z.array(z.unknown(), says('expected a list')) }, says('expected an object')) },
  says('expected a HAR object with "log"'),
);

const flag = z.boolean(says('expected true or false'));

/** Frameline's underscore fields on a message (har-message.ts). */
export const harMessageExtrasSchema = z.looseObject({
  _seq: z.number(says('expected a record seq')).int(says('expected a record seq')).min(0, says('expected a record seq')),
  _atMicros: z.number(says('expected microseconds')).min(0, says('expected microseconds')),
  _encoding: z.enum(['text', 'base64'], says('expected "text" or "base64"')),
  _fin: flag,
  _rsv1: flag,
  _rsv2: flag,
  _rsv3: flag,
  _masked: flag,
  _maskingKey: text.nullable(),
  _payloadLength: z.number(says('expected a length')),
  _headerBytes: text,
  _inflated: z.literal(true).optional(),
  _payload: text.optional(),
  _payloadTruncated: flag,
  _messageId: z.number(says('expected a message id')),
  _fragment: z.enum(['whole', 'first', 'middle', 'last'], says('expected a fragment position')),
  _closeCode: z.number().optional(),
  _closeReason: text.optional(),
  _rttMicros: z.number().optional(),
  _violations: z.array(z.unknown(), says('expected a list')),
  _redacted: z.literal(true).optional(),
  _leg: z.enum(['client', 'server'], says('expected "client" or "server"')).optional(),
  _link: z.number(says('expected a seq')).int(says('expected a seq')).min(0, says('expected a seq')).optional(),
});

/** Frameline's `_frameline` field on the entry (har-export.ts). */
export const harEntryExtrasSchema = z.looseObject(
  { header: z.unknown(), records: z.array(z.unknown(), says('expected a list')), wire: z.array(z.unknown(), says('expected a list')) },
  says('expected an object'),
);
