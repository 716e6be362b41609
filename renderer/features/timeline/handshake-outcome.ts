import type { RecordRow } from '../../../shared/contract/record-row.js';
import type { Translate } from '../../lib/text.js';

/**
 * What a handshake row says came back: the status and its reason phrase, why an answer was
 * unreadable (the row's reason when there is no status), or that nothing came.
 */
export function handshakeOutcome(row: Extract<RecordRow, { kind: 'handshake' }>, t: Translate): string {
  if (row.statusCode !== null) return `${row.statusCode} ${row.reason}`;
  return row.reason || t('timeline:handshake.noResponse');
}
