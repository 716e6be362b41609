import { asciiBytes, type ByteOutput } from './byte-output.js';
import type { CapturedFrame } from './captured-record.js';

/**
 * A writer for the optional fields that end a frame's JSON object — close code and reason, RTT,
 * violations, redaction, relay leg and link — and its closing brace. The native file and `--json`
 * write them under their record-model names; HAR writes the same fields as custom fields, whose
 * names start with `_` (HAR 1.2). The key bytes are built once per writer.
 */
export function frameTailWriter(keyPrefix: '' | '_'): (out: ByteOutput, frame: CapturedFrame) => void {
  const key = (name: string, value = ''): Uint8Array => asciiBytes(`,"${keyPrefix}${name}":${value}`);
  const closeCodeKey = key('closeCode');
  const closeReasonKey = key('closeReason');
  const rttKey = key('rttMicros');
  const noViolations = key('violations', '[]');
  const violationsKey = key('violations');
  const redactedKey = key('redacted', 'true');
  const legKey = { client: key('leg', '"client"'), server: key('leg', '"server"') };
  const linkKey = key('link');
  const end = asciiBytes('}');
  return (out, frame) => {
    if (frame.closeCode !== undefined) {
      out.constant(closeCodeKey);
      out.number(frame.closeCode);
    }
    if (frame.closeReason !== undefined) {
      out.constant(closeReasonKey);
      out.utf8(JSON.stringify(frame.closeReason));
    }
    if (frame.rttMicros !== undefined) {
      out.constant(rttKey);
      out.number(frame.rttMicros);
    }
    if (frame.violations.length === 0) out.constant(noViolations);
    else {
      out.constant(violationsKey);
      out.utf8(JSON.stringify(frame.violations));
    }
    if (frame.redacted) out.constant(redactedKey);
    if (frame.leg !== undefined) out.constant(legKey[frame.leg]);
    if (frame.link !== undefined) {
      out.constant(linkKey);
      out.number(frame.link);
    }
    out.constant(end);
  };
}
