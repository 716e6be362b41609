import { Decoder } from '@msgpack/msgpack';
import { toPlainValue } from './plain-value.js';
import { PAYLOAD_LIMITS, failedView } from './payload-view.js';
import type { PayloadView } from './payload-view.js';

const decoder = new Decoder({
  maxStrLength: PAYLOAD_LIMITS.maxItems,
  maxBinLength: PAYLOAD_LIMITS.maxItems,
  maxArrayLength: PAYLOAD_LIMITS.maxItems,
  maxMapLength: PAYLOAD_LIMITS.maxItems,
  maxExtLength: PAYLOAD_LIMITS.maxItems,
});

/** The payload as one MessagePack value (@msgpack/msgpack); bytes left over make it fail. */
export function msgpackView(bytes: Uint8Array): PayloadView {
  try {
    return { format: 'msgpack', ok: true, value: toPlainValue(decoder.decode(bytes)) };
  } catch (error) {
    return failedView('msgpack', error);
  }
}
