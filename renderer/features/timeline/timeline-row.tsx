import { memo } from 'react';
import { opcodeName, isControlOpcode } from '../../../shared/protocol/opcode.js';
import type { FrameRow, RecordRow } from '../../../shared/contract/record-row.js';
import { visibleText } from '../../../shared/text/visible-text.js';
import { closeCodeName, formatBytes, formatClock, formatMicros } from '../../lib/format.js';
import { useApp } from '../../store/app-store.js';
import { VisibleText } from '../../lib/visible-text.js';
import { rowAt } from '../../store/page-cache.js';
import { useT } from '../../lib/use-t.js';
import { legWords } from '../relay/leg-words.js';
import { directionWords } from './direction-words.js';
import { ProtocolCell } from '../protocols/protocol-cell.js';
import { gridTemplateFor } from './timeline-columns.js';

interface TimelineRowProps {
  readonly index: number;
  readonly topPx: number;
  readonly isSelected: boolean;
  readonly openedAtMs: number;
  /** The session is a listened connection: directions read from the server's side. */
  readonly isListened: boolean;
  /** The session decodes an application protocol: rows have its column. */
  readonly hasProtocol: boolean;
}

const FRAGMENT_MARK: Record<FrameRow['fragment'], string> = { whole: '', first: '┌', middle: '│', last: '└' };

/** The preview cell's text: close code and reason, pong RTT, or the payload start (text only, never markup). */
function previewText(row: FrameRow): string {
  if (row.opcode === 0x8) {
    if (row.closeCode === undefined) return 'no status code';
    return `${row.closeCode} ${closeCodeName(row.closeCode)}${row.closeReason ? ` · ${row.closeReason}` : ''}`;
  }
  return row.payloadPreview;
}

function FrameCells({ row, previous, openedAtMs, isListened, hasProtocol }: { row: FrameRow; previous: RecordRow | undefined; openedAtMs: number; isListened: boolean; hasProtocol: boolean }) {
  const t = useT();
  const violations = row.violations;
  // A relay frame names its leg (C→R, R→S, S→R, R→C) instead of a plain direction.
  const leg = row.leg ? legWords(row.leg, row.direction) : null;
  const direction = leg ? { cell: leg.cell, words: t(leg.words) } : directionWords(row.direction, isListened);
  return (
    <>
      <span role="gridcell" className="cell num">{row.seq}</span>
      <span role="gridcell" className="cell mono">{formatClock(openedAtMs, row.atMicros)}</span>
      <span role="gridcell" className="cell num muted">{previous ? `+${formatMicros(row.atMicros - previous.atMicros)}` : ''}</span>
      <span role="gridcell" className={`cell dir dir-${row.direction}`} aria-label={direction.words}>
        {direction.cell}
      </span>
      <span role="gridcell" className="cell opcode">
        <span className="fragment-mark" title={row.fragment === 'whole' ? undefined : `fragment (${row.fragment}) of message ${row.messageId}`}>{FRAGMENT_MARK[row.fragment]}</span>
        {opcodeName(row.opcode)}
      </span>
      {hasProtocol && <ProtocolCell protocol={row.protocol} />}
      <span role="gridcell" className="cell bit">{row.fin ? '1' : '0'}</span>
      <span role="gridcell" className="cell bit" title="RSV1 RSV2 RSV3">{`${row.rsv1 ? 1 : 0}${row.rsv2 ? 1 : 0}${row.rsv3 ? 1 : 0}`}</span>
      <span role="gridcell" className="cell mono">{row.masked ? (row.maskingKey ?? '1') : '—'}</span>
      <span role="gridcell" className="cell num" title={`${row.payloadLength} bytes`}>{formatBytes(row.payloadLength)}</span>
      <span role="gridcell" className="cell preview">
        {violations.length > 0 && (
          <span className="badge badge-error" title={violations.map((v) => `${v.rule} (§${v.section}): ${visibleText(v.message)}`).join('\n')}>
            {violations.length === 1 ? violations[0]?.rule : `${violations.length} violations`}
          </span>
        )}
        {row.rttMicros !== undefined && <span className="badge badge-info">RTT {formatMicros(row.rttMicros)}</span>}
        {row.link !== undefined && <span className="badge" title={t('relay:view.counterpart')}>⇄ #{row.link}</span>}
        {row.isCompressed && <span className="badge">deflate</span>}
        {row.payloadTruncated && <span className="badge">truncated</span>}
        {row.redacted && <span className="badge badge-redacted" title="An export replaced secret bytes of this payload with * (same length)">redacted</span>}
        <span className={row.previewEncoding === 'hex' ? 'mono muted' : ''}><VisibleText text={previewText(row)} /></span>
      </span>
    </>
  );
}

function OtherCells({ row, openedAtMs, hasProtocol }: { row: Exclude<RecordRow, FrameRow>; openedAtMs: number; hasProtocol: boolean }) {
  const label = row.kind === 'handshake' ? 'handshake' : row.name;
  const text =
    row.kind === 'handshake'
      ? `${row.requestLine} → ${row.statusCode === null ? row.reason || 'no response' : `${row.statusCode} ${row.reason}`} · checks ${row.checksPassed} passed, ${row.checksFailed} failed`
      : row.summary;
  return (
    <>
      <span role="gridcell" className="cell num">{row.seq}</span>
      <span role="gridcell" className="cell mono">{formatClock(openedAtMs, row.atMicros)}</span>
      <span role="gridcell" className="cell" />
      <span role="gridcell" className="cell dir">—</span>
      <span role="gridcell" className="cell opcode event-name"><VisibleText text={label} /></span>
      {hasProtocol && <span role="gridcell" className="cell" />}
      <span role="gridcell" className="cell" />
      <span role="gridcell" className="cell" />
      <span role="gridcell" className="cell" />
      <span role="gridcell" className="cell" />
      <span role="gridcell" className="cell preview"><VisibleText text={text} /></span>
    </>
  );
}

/** The CSS classes of a row: kind, direction, control frames apart, violations marked. */
function rowClass(row: RecordRow | undefined, isSelected: boolean): string {
  const classes = ['row'];
  if (isSelected) classes.push('selected');
  if (!row) classes.push('loading');
  else if (row.kind !== 'frame') classes.push(`row-${row.kind}`);
  else {
    classes.push(`row-${row.direction}`);
    if (isControlOpcode(row.opcode)) classes.push('row-control');
    if (row.opcode === 0x8) classes.push('row-close');
    if (row.fragment !== 'whole') classes.push('row-fragment');
    if (row.violations.length > 0) classes.push('row-violation');
    if (row.protocol?.isControl) classes.push('row-protocol-control');
  }
  return classes.join(' ');
}

/** One timeline row; reads its own record from the page cache by index (STYLE.md §7). */
export const TimelineRow = memo(function TimelineRow({ index, topPx, isSelected, openedAtMs, isListened, hasProtocol }: TimelineRowProps) {
  const row = useApp((state) => rowAt(state.timeline.pages, index));
  const previous = useApp((state) => (index > 0 ? rowAt(state.timeline.pages, index - 1) : undefined));
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      data-index={index}
      className={rowClass(row, isSelected)}
      style={{ transform: `translateY(${topPx}px)`, gridTemplateColumns: gridTemplateFor(hasProtocol) }}
    >
      {!row ? (
        <span role="gridcell" className="cell muted">{index}</span>
      ) : row.kind === 'frame' ? (
        <FrameCells row={row} previous={previous} openedAtMs={openedAtMs} isListened={isListened} hasProtocol={hasProtocol} />
      ) : (
        <OtherCells row={row} openedAtMs={openedAtMs} hasProtocol={hasProtocol} />
      )}
    </div>
  );
});
