import { z } from 'zod';

// The HAR 1.2 structure (required fields and their types) as the spec lists them; custom
// underscore fields are allowed anywhere, which is how the spec extends a file.
const nameValue = z.looseObject({ name: z.string(), value: z.string() });
const request = z.looseObject({
  method: z.string(),
  url: z.string(),
  httpVersion: z.string(),
  cookies: z.array(z.looseObject({ name: z.string(), value: z.string() })),
  headers: z.array(nameValue),
  queryString: z.array(nameValue),
  headersSize: z.number().int(),
  bodySize: z.number().int(),
});
const response = z.looseObject({
  status: z.number().int(),
  statusText: z.string(),
  httpVersion: z.string(),
  cookies: z.array(z.looseObject({ name: z.string(), value: z.string() })),
  headers: z.array(nameValue),
  content: z.looseObject({ size: z.number().int(), mimeType: z.string() }),
  redirectURL: z.string(),
  headersSize: z.number().int(),
  bodySize: z.number().int(),
});
const timings = z.looseObject({ send: z.number(), wait: z.number(), receive: z.number() });
const entry = z.looseObject({
  startedDateTime: z.iso.datetime({ offset: true }),
  time: z.number(),
  request,
  response,
  cache: z.looseObject({}),
  timings,
});

/** HAR 1.2: `log` with version, creator and entries. */
export const har12Schema = z.looseObject({
  log: z.looseObject({
    version: z.literal('1.2'),
    creator: z.looseObject({ name: z.string(), version: z.string() }),
    entries: z.array(entry),
  }),
});
