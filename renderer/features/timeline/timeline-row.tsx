import { memo } from 'react';
import type { ReactNode } from 'react';
import type { Preferences } from '../../../shared/contract/user-data.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { opcodeName, isControlOpcode } from '../../../shared/protocol/opcode.js';
import { violationMessage } from '../../../shared/protocol/violation-catalog.js';
import type { FrameRow, RecordRow } from '../../../shared/contract/record-row.js';
import { closeCodeName, formatBytes, formatClock, formatMicros, formatSinceStart } from '../../lib/format.js';
import { displayPreview } from '../../lib/printable.js';
import type { Translate } from '../../lib/text.js';
import { VisibleText } from '../../lib/visible-text.js';
import { visibleText } from '../../../shared/text/visible-text.js';
import { useApp } from '../../store/app-store.js';
import { rowAt } from '../../store/page-cache.js';
import { legWords } from '../relay/leg-words.js';
import { directionWords } from './direction-words.js';
import { ProtocolCell } from '../protocols/protocol-cell.js';
import { FRAGMENT_WORDS } from './fragment-words.js';
import { eventSummary } from './event-summary.js';
import { handshakeOutcome } from './handshake-outcome.js';
import type { ColumnId } from './timeline-columns.js';

interface TimelineRowProps {
  readonly index: number;
  readonly topPx: number;
  readonly isSelected: boolean;
  /** The row chosen to compare the selection with. */
  readonly isCompared: boolean;
  readonly openedAtMs: number;
  /** The session is a listened connection: directions read from the server's side. */
  readonly isListened: boolean;
  readonly columns: readonly ColumnId[];
  readonly template: string;
  readonly timeFormat: Preferences['timeFormat'];
  /** The grid's translate function: one `useTranslation` per grid rather than per row and render. */
  readonly t: Translate;
}

const FRAGMENT_MARK: Record<FrameRow['fragment'], string> = { whole: '', first: '┌', middle: '│', last: '└' };
/** What every cell of a row needs besides the row. */
interface CellContext {
  readonly t: Translate;
  readonly previous: RecordRow | undefined;
  readonly openedAtMs: number;
  readonly isListened: boolean;
  readonly timeFormat: Preferences['timeFormat'];
}

/** The time cell in the chosen format: wall clock, since the session started, or since the previous row. */
function timeText(row: RecordRow, context: CellContext): string {
  if (context.timeFormat === 'sinceStart') return formatSinceStart(row.atMicros);
  if (context.timeFormat === 'delta') return context.previous ? `+${formatMicros(row.atMicros - context.previous.atMicros)}` : '';
  return formatClock(context.openedAtMs, row.atMicros);
}

function deltaText(row: RecordRow, previous: RecordRow | undefined): string {
  return previous ? `+${formatMicros(row.atMicros - previous.atMicros)}` : '';
}

/** The preview cell: badges, then close code and reason, or the payload start (text only, never markup; binary as hex). */
function FramePreview({ row, t }: { row: FrameRow; t: Translate }) {
  const violations = row.violations;
  let text: string;
  let isHex = false;
  if (row.opcode === 0x8) {
    text = row.closeCode === undefined ? t('timeline:preview.noStatusCode') : `${row.closeCode} ${closeCodeName(t, row.closeCode)}${row.closeReason ? ` · ${row.closeReason}` : ''}`;
  } else {
    ({ text, isHex } = displayPreview(row.payloadPreview, row.previewEncoding));
  }
  return (
    <>
      {violations.length > 0 && (
        <span className="badge badge-error" translate={violations.length === 1 ? 'no' : undefined} title={violations.map((v) => t('timeline:preview.violationTitle', { rule: v.rule, section: v.section, message: visibleText(renderMessage(t, violationMessage(v))) })).join('\n')}>
          {violations.length === 1 ? violations[0]?.rule : t('timeline:preview.violations', { count: violations.length })}
        </span>
      )}
      {row.messageFrameCount !== undefined && <span className="badge">{t('timeline:preview.frames', { count: row.messageFrameCount })}</span>}
      {row.rttMicros !== undefined && <span className="badge badge-info">{`RTT ${formatMicros(row.rttMicros)}`}</span>}
      {row.link !== undefined && <span className="badge" title={t('relay:view.counterpart')}>{`⇄ #${row.link}`}</span>}
      {row.isCompressed && <span className="badge">deflate</span>}
      {row.payloadTruncated && <span className="badge">{t('timeline:preview.truncated')}</span>}
      {row.redacted && <span className="badge badge-redacted" title={t('timeline:preview.redactedTitle')}>{t('timeline:preview.redacted')}</span>}
      <span className={isHex ? 'mono muted' : ''}><VisibleText text={text} /></span>
    </>
  );
}

function frameCell(id: ColumnId, row: FrameRow, context: CellContext): ReactNode {
  const { t } = context;
  switch (id) {
    case 'seq': return <span key={id} role="gridcell" className="cell num mono">{row.seq}</span>;
    case 'time': return <span key={id} role="gridcell" className="cell mono">{timeText(row, context)}</span>;
    case 'delta': return <span key={id} role="gridcell" className="cell num mono muted">{deltaText(row, context.previous)}</span>;
    case 'direction': {
      // A relay frame names its leg (C→R, R→S, S→R, R→C), the same in every language, instead of a plain direction.
      const leg = row.leg ? legWords(row.leg, row.direction) : null;
      if (leg) return <span key={id} role="gridcell" className={`cell dir dir-${row.direction}`} aria-label={t(leg.words)} translate="no">{leg.cell}</span>;
      const direction = directionWords(row.direction, context.isListened);
      return <span key={id} role="gridcell" className={`cell dir dir-${row.direction}`} aria-label={t(direction.words)}>{t(direction.cell)}</span>;
    }
    case 'opcode': {
      // A message row (messages view) is the whole message, not its last fragment.
      const fragment = row.messageFrameCount === undefined ? row.fragment : 'whole';
      return (
        <span key={id} role="gridcell" className="cell opcode" translate="no">
          <span className="fragment-mark" title={fragment === 'whole' ? undefined : t('timeline:fragment.title', { position: t(FRAGMENT_WORDS[fragment]), message: row.messageId })}>{FRAGMENT_MARK[fragment]}</span>
          {opcodeName(row.opcode)}
        </span>
      );
    }
    case 'protocol': return <ProtocolCell key={id} protocol={row.protocol} />;
    case 'fin': return <span key={id} role="gridcell" className="cell bit" translate="no">{row.fin ? '1' : '0'}</span>;
    case 'rsv': return <span key={id} role="gridcell" className="cell bit" translate="no" title="RSV1 RSV2 RSV3">{`${row.rsv1 ? 1 : 0}${row.rsv2 ? 1 : 0}${row.rsv3 ? 1 : 0}`}</span>;
    case 'mask': return <span key={id} role="gridcell" className="cell mono">{row.masked ? (row.maskingKey ?? '1') : '—'}</span>;
    case 'length': return <span key={id} role="gridcell" className="cell num" translate="no" title={t('timeline:length.bytes', { count: row.payloadLength })}>{formatBytes(row.payloadLength)}</span>;
    case 'preview': return <span key={id} role="gridcell" className="cell preview" translate="no"><FramePreview row={row} t={t} /></span>;
  }
}

function otherCell(id: ColumnId, row: Exclude<RecordRow, FrameRow>, context: CellContext, isNameSpanningDirection: boolean): ReactNode {
  const { t } = context;
  switch (id) {
    case 'seq': return <span key={id} role="gridcell" className="cell num mono">{row.seq}</span>;
    case 'time': return <span key={id} role="gridcell" className="cell mono">{timeText(row, context)}</span>;
    case 'delta': return <span key={id} role="gridcell" className="cell num mono muted">{deltaText(row, context.previous)}</span>;
    case 'direction': return <span key={id} role="gridcell" className="cell dir">—</span>;
    case 'opcode': {
      const name = row.kind === 'handshake' ? t('timeline:handshake.label') : row.name;
      return (
        <span key={id} role="gridcell" className="cell opcode event-name" title={visibleText(name)} aria-colspan={isNameSpanningDirection ? 2 : undefined} style={isNameSpanningDirection ? { gridColumn: 'span 2' } : undefined}>
          {row.kind === 'handshake' ? name : <span translate="no"><VisibleText text={row.name} /></span>}
        </span>
      );
    }
    case 'preview': {
      const text =
        row.kind === 'handshake'
          ? t('timeline:handshake.summary', { requestLine: row.requestLine, outcome: handshakeOutcome(row, t), passed: row.checksPassed, failed: row.checksFailed })
          : eventSummary(row, t);
      // Rows from older hosts carry only the English summary.
      const isEnglishOnly = row.kind === 'event' && row.text === undefined;
      return <span key={id} role="gridcell" className="cell preview" title={visibleText(text)} {...(isEnglishOnly ? { 'data-engine-text': '' } : {})}><VisibleText text={text} /></span>;
    }
    default: return <span key={id} role="gridcell" className="cell" />;
  }
}

/** An event's or handshake's cells; its name (wider than any opcode word) takes the Dir cell too, which such a row leaves empty, when the two columns sit side by side. */
function otherCells(columns: readonly ColumnId[], row: Exclude<RecordRow, FrameRow>, context: CellContext): ReactNode[] {
  const isNameSpanningDirection = columns.includes('direction') && columns.indexOf('opcode') === columns.indexOf('direction') + 1;
  return columns.filter((id) => !(isNameSpanningDirection && id === 'direction')).map((id) => otherCell(id, row, context, isNameSpanningDirection));
}

/** The CSS classes of a row: kind, direction, control frames apart, violations marked. */
function rowClass(row: RecordRow | undefined, isSelected: boolean, isCompared: boolean): string {
  const classes = ['row'];
  if (isSelected) classes.push('selected');
  if (isCompared) classes.push('compared');
  if (!row) classes.push('loading');
  else if (row.kind !== 'frame') classes.push(`row-${row.kind}`);
  else {
    classes.push(`row-${row.direction}`);
    if (isControlOpcode(row.opcode)) classes.push('row-control');
    if (row.opcode === 0x8) classes.push('row-close');
    if (row.fragment !== 'whole' && row.messageFrameCount === undefined) classes.push('row-fragment');
    if (row.violations.length > 0) classes.push('row-violation');
    if (row.protocol?.isControl) classes.push('row-protocol-control');
  }
  return classes.join(' ');
}

/** One timeline row; reads its own record from the page cache by index (STYLE.md §7). */
export const TimelineRow = memo(function TimelineRow({ index, topPx, isSelected, isCompared, openedAtMs, isListened, columns, template, timeFormat, t }: TimelineRowProps) {
  const row = useApp((state) => rowAt(state.timeline.pages, index));
  const previous = useApp((state) => (index > 0 ? rowAt(state.timeline.pages, index - 1) : undefined));
  const context: CellContext = { t, previous, openedAtMs, isListened, timeFormat };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      data-index={index}
      className={rowClass(row, isSelected, isCompared)}
      style={{ transform: `translateY(${topPx}px)`, gridTemplateColumns: template }}
    >
      {!row ? (
        // Set like the # cell it stands in for, so a seven-digit index fits the width fitted for it.
        <span role="gridcell" className="cell num mono muted">{index}</span>
      ) : row.kind === 'frame' ? (
        columns.map((id) => frameCell(id, row, context))
      ) : (
        otherCells(columns, row, context)
      )}
    </div>
  );
});
