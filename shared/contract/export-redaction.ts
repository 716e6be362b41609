import { z } from 'zod';
import { regexSourceSchema } from './regex-source.js';

/** A payload pattern is a JavaScript regular expression source; one that does not compile is refused here. */
const payloadPatternSchema = regexSourceSchema(1000);

/** What an export redacts besides the built-in rules (DESIGN.md "Files users keep"): a capture's, a relay's HTTP exchanges'. */
export const exportRedactionFieldsSchema = z.object({
  /** Header names redacted besides Authorization, Proxy-Authorization, Cookie and Set-Cookie; any case. */
  extraHeaderNames: z.array(z.string().min(1).max(200)).max(100).default([]),
  /** Matches in frame payloads (and inflated payloads, close reasons, event text, HTTP body starts) become `*`, same length. */
  payloadPatterns: z.array(payloadPatternSchema).max(100).default([]),
});
