import type { ConnectionDeflate } from '../../../shared/connection/connection-options.js';
import type { SenderRole } from '../../../shared/protocol/frame-decoder-options.js';
import { clientCodecParams, serverCodecParams, type DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import { ZlibDeflater, ZlibInflater } from './zlib-codec.js';

/** The zlib codecs one endpoint needs for an agreed permessage-deflate (RFC 7692 §7.1), by role. */
export function connectionDeflate(agreement: DeflateAgreement, role: SenderRole): ConnectionDeflate {
  const params = role === 'client' ? clientCodecParams(agreement) : serverCodecParams(agreement);
  return { inflater: new ZlibInflater(params.inflate), deflater: new ZlibDeflater(params.deflate), sentInflater: new ZlibInflater(params.deflate) };
}
