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
  const test = (kind: string, isControl: boolean): boolean => (category === 'all' || (category === 'control') === isControl) && (kinds.size === 0 || kinds.has(kind));
  return (seq) => layer.completesMessage(seq, test);
}
