import type { ConnectionDeflate } from '../../../shared/connection/connection-options.js';
import type { SenderRole } from '../../../shared/protocol/frame-decoder-options.js';
import { clientCodecParams, serverCodecParams, type DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import { StreamInflater } from './stream-inflater.js';
import { ZlibDeflater } from './zlib-codec.js';

/**
 * Inflated bytes per step of a received message: about a millisecond of inflation on this
 * project's 2-core machine (docs/performance.md), so a message that inflates to the 64 MiB limit
 * hands the loop back dozens of times instead of holding it for its whole inflation.
 */
export const INFLATE_SLICE_BYTES = 256 * 1024;

/** The zlib codecs one endpoint needs for an agreed permessage-deflate (RFC 7692 §7.1), by role. */
export function connectionDeflate(agreement: DeflateAgreement, role: SenderRole): ConnectionDeflate {
  const params = role === 'client' ? clientCodecParams(agreement) : serverCodecParams(agreement);
  return { inflater: new StreamInflater(params.inflate), deflater: new ZlibDeflater(params.deflate), sentInflater: new StreamInflater(params.deflate), inflateSliceBytes: INFLATE_SLICE_BYTES };
}
