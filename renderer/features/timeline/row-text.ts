import type { RecordRow } from '../../../shared/contract/record-row.js';
import { opcodeName } from '../../../shared/protocol/opcode.js';
import { closeCodeName, formatClock } from '../../lib/format.js';
import { eventSummary } from './event-summary.js';
import { displayPreview } from '../../lib/printable.js';
import type { Translate } from '../../lib/text.js';
import { directionWords } from './direction-words.js';
import { handshakeOutcome } from './handshake-outcome.js';

/** One row as a line of text for the clipboard: its cells separated by tabs, as the grid shows them. */
export function rowAsText(row: RecordRow, context: { openedAtMs: number; isListened: boolean; t: Translate }): string {
  const { t } = context;
  const time = formatClock(context.openedAtMs, row.atMicros);
  if (row.kind === 'handshake') return [row.seq, time, t('timeline:handshake.label'), `${row.requestLine} → ${handshakeOutcome(row, t)}`].join('\t');
  if (row.kind === 'event') return [row.seq, time, row.name, eventSummary(row, t)].join('\t');
  const preview =
    row.opcode === 0x8
      ? row.closeCode === undefined ? t('timeline:preview.noStatusCode') : `${row.closeCode} ${closeCodeName(t, row.closeCode)}${row.closeReason ? ` ${row.closeReason}` : ''}`
      : displayPreview(row.payloadPreview, row.previewEncoding).text;
  return [
    row.seq,
    time,
    t(directionWords(row.direction, context.isListened).words),
    opcodeName(row.opcode),
    `FIN=${row.fin ? 1 : 0}`,
    `RSV=${row.rsv1 ? 1 : 0}${row.rsv2 ? 1 : 0}${row.rsv3 ? 1 : 0}`,
    row.masked ? `MASK=${row.maskingKey ?? '1'}` : 'MASK=0',
    t('timeline:length.bytes', { count: row.payloadLength }),
    preview,
  ].join('\t');
}
