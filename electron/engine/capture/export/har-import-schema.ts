import { z } from 'zod';
import { says } from '../../../../shared/contract/capture-schema.js';

/**
 * What the HAR importer needs from a file, checked with messages in the import-error form
 * (`<field path>: <expected>`): the capture catalogue's `expected` sentences, through `says`, so a
 * HAR's field problem reads in the reader's language as a native capture's does. Lenient about
 * everything it does not use, so a HAR from Chrome, from another tool or written by hand imports
 * as long as its WebSocket entry makes sense.
 */

const text = z.string(says('capture:expected.string'));
const opcodeRange = says('capture:expected.numberRange', { min: 0, max: 15 });
const nameValue = z.looseObject({ name: text, value: text }, says('capture:expected.nameValue'));

/** Chrome's four message fields; our underscore fields are checked separately. */
export const harMessageSchema = z.looseObject(
  {
    type: z.enum(['send', 'receive'], says('capture:expected.messageType')),
    time: z.number(says('capture:expected.epochSeconds')),
    opcode: z.number(opcodeRange).int(opcodeRange).min(0, opcodeRange).max(15, opcodeRange),
    data: text,
  },
  says('capture:expected.messageObject'),
);

/** A HAR entry as far as the importer reads it. */
export const harEntrySchema = z.looseObject(
  {
    startedDateTime: z.iso.datetime({ offset: true, ...says('capture:expected.dateTime') }),
    request: z.looseObject({ method: text, url: text, httpVersion: text.optional(), headers: z.array(nameValue, says('capture:expected.list')) }, says('capture:expected.object')),
    response: z.looseObject(
      { status: z.number(says('capture:expected.number')), statusText: text.optional(), httpVersion: text.optional(), headers: z.array(nameValue, says('capture:expected.list')) },
      says('capture:expected.object'),
    ),
    _webSocketMessages: z.array(z.unknown(), says('capture:expected.list')).optional(),
  },
  says('capture:expected.harEntry'),
);

/** The top of a HAR file. */
export const harLogSchema = z.looseObject(
  { log: z.looseObject({ version: text.optional(), entries: z.array(z.unknown(), says('capture:expected.list')) }, says('capture:expected.object')) },
  says('capture:expected.harLog'),
);

const flag = z.boolean(says('capture:expected.boolean'));

/** Frameline's underscore fields on a message (har-message.ts). */
export const harMessageExtrasSchema = z.looseObject({
  _seq: z.number(says('capture:expected.wholeNumber')).int(says('capture:expected.wholeNumber')).min(0, says('capture:expected.wholeNumber')),
  _atMicros: z.number(says('capture:expected.micros')).min(0, says('capture:expected.micros')),
  _encoding: z.enum(['text', 'base64'], says('capture:expected.encoding')),
  _fin: flag,
  _rsv1: flag,
  _rsv2: flag,
  _rsv3: flag,
  _masked: flag,
  _maskingKey: text.nullable(),
  _payloadLength: z.number(says('capture:expected.wholeNumber')),
  _headerBytes: text,
  _inflated: z.literal(true).optional(),
  _payload: text.optional(),
  _payloadTruncated: flag,
  _messageId: z.number(says('capture:expected.wholeNumber')),
  _fragment: z.enum(['whole', 'first', 'middle', 'last'], says('capture:expected.fragment')),
  _closeCode: z.number(says('capture:expected.number')).optional(),
  _closeReason: text.optional(),
  _rttMicros: z.number(says('capture:expected.micros')).optional(),
  _violations: z.array(z.unknown(), says('capture:expected.list')),
  _redacted: z.literal(true).optional(),
  _leg: z.enum(['client', 'server'], says('capture:expected.leg')).optional(),
  _link: z.number(says('capture:expected.wholeNumber')).int(says('capture:expected.wholeNumber')).min(0, says('capture:expected.wholeNumber')).optional(),
});

/** Frameline's `_frameline` field on the entry (har-export.ts). */
export const harEntryExtrasSchema = z.looseObject(
  { header: z.unknown(), records: z.array(z.unknown(), says('capture:expected.list')), wire: z.array(z.unknown(), says('capture:expected.list')) },
  says('capture:expected.object'),
);
