import { Decoder } from 'cbor-x/decode';
import { toPlainValue } from './plain-value.js';
import { failedView } from './payload-view.js';
import type { PayloadView } from './payload-view.js';

// Plain maps become objects; no record extension, so a payload is read exactly as RFC 8949 says.
const decoder = new Decoder({ mapsAsObjects: true, useRecords: false });

/** The payload as one CBOR data item (cbor-x, RFC 8949); bytes left over make it fail. */
export function cborView(bytes: Uint8Array): PayloadView {
  try {
    return { format: 'cbor', ok: true, value: toPlainValue(decoder.decode(bytes)) };
  } catch (error) {
    return failedView('cbor', error);
  }
}
