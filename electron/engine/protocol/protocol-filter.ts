import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import type { RecordFilter } from '../../../shared/contract/api-session.js';
import type { ProtocolLayer } from './protocol-layer.js';

/**
 * The protocol part of a timeline filter as a test of one frame: does it complete a protocol
 * message of the asked category (keep-alive or not) and kind? Without a layer nothing passes.
 */
export function protocolFilterTest(layer: ProtocolLayer | undefined, filter: RecordFilter): (seq: number) => boolean {
  if (layer === undefined) return () => false;
  const kinds = new Set(filter.protocolKinds);
  const category = filter.protocolCategory;
  const test = (message: ProtocolMessage): boolean =>
    (category === 'all' || (category === 'control') === message.isControl) && (kinds.size === 0 || kinds.has(message.kind));
  return (seq) => layer.completesMessage(seq, test);
}
