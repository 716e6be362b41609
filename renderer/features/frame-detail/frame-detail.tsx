import { useEffect, useState } from 'react';
import type { AssembledMessage } from '../../../shared/contract/api-session.js';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { isControlOpcode, opcodeName } from '../../../shared/protocol/opcode.js';
import { violationMessage } from '../../../shared/protocol/violation-catalog.js';
import { base64ToBytes, utf8DecodeLenient, utf8DecodeStrict } from '../../lib/bytes.js';
import { closeCodeName, formatBytes, formatMicros } from '../../lib/format.js';
import { SaveRecordMessageButton } from '../workspace-sidebar/save-message-buttons.js';
import { layoutJson } from '../../lib/json-layout.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { CodeEditor } from '../../monaco/code-editor.js';
import { DiffEditor } from '../../monaco/diff-editor.js';
import { useApp } from '../../store/app-store.js';
import { rowAt } from '../../store/page-cache.js';
import { directionWords, isListenedTimeline } from '../timeline/direction-words.js';
import { BitDiagram } from './bit-diagram.js';
import { HandshakeRecordView } from '../handshake/handshake-panel.js';
import { DetailActions } from './detail-actions.js';
import { DetailTabs } from './detail-tabs.js';
import { HandshakeBytesView } from './handshake-bytes.js';
import { frameBytes, payloadOnlyBytes } from './frame-bytes.js';
import { HandshakeSummary } from './handshake-summary.js';
import { HexDump } from './hex-dump.js';
import { JsonTree } from './json-tree.js';
import { comparableBytes, messageOfFrame } from './payload-source.js';
import { isValidJson, readableText } from './payload-text.js';
import { PayloadViews } from '../protocols/payload-views.js';
import { ProtocolTab } from '../protocols/protocol-tab.js';
import { selectedHasProtocol } from '../protocols/protocol-state.js';

/** The payload views; `protocol` when the frame carries protocol messages, `diff` when a second row is chosen to compare with. */
type View = 'protocol' | 'hex' | 'text' | 'json' | 'tree' | 'inflated' | 'decoded' | 'diff';

const VIEW_WORDS = {
  protocol: 'protocols:tab.name',
  hex: 'frameDetail:view.hex',
  text: 'frameDetail:view.text',
  json: 'frameDetail:view.json',
  tree: 'frameDetail:view.tree',
  inflated: 'frameDetail:view.inflated',
  decoded: 'protocols:payload.name',
  diff: 'frameDetail:view.diff',
} as const;

const EMPTY = new Uint8Array(0);

/** The text of some bytes: UTF-8 when valid, else a note and a lenient decoding. */
function TextView({ bytes }: { bytes: Uint8Array }) {
  const t = useT();
  const strict = utf8DecodeStrict(bytes);
  return (
    <div className="text-view">
      {strict === null && <div className="note warn">{t('frameDetail:text.notUtf8')}</div>}
      <pre className="payload-text"><VisibleText text={strict ?? utf8DecodeLenient(bytes)} isMultiline /></pre>
    </div>
  );
}

/** The payload as JSON in a read-only editor (one instance, kept while frames are shown), re-indented token by token. */
function JsonView({ bytes }: { bytes: Uint8Array }) {
  const t = useT();
  const text = utf8DecodeLenient(bytes);
  const isJson = text === '' || isValidJson(text);
  const laidOut = isJson ? layoutJson(text) : null;
  return (
    <div className="json-view">
      {!isJson && <div className="note warn">{t('frameDetail:json.notJson')}</div>}
      <CodeEditor modelKey="detail" language="json" value={laidOut ?? text} isReadOnly ariaLabel={t('frameDetail:json.label')} />
    </div>
  );
}

function FrameSummary({ record, message }: { record: FrameRecordJson; message: AssembledMessage | null }) {
  const t = useT();
  const direction = directionWords(record.direction, useApp(isListenedTimeline));
  return (
    <div className="detail-summary">
      <span className={`dir dir-${record.direction}`}>{`${record.direction === 'out' ? '↑' : '↓'} ${t(direction.words)}`}</span>
      <strong translate="no">{opcodeName(message?.opcode ?? record.opcode)}</strong>
      <span className="muted">
        {message
          ? t('frameDetail:summary.message', { first: message.firstSeq, last: message.lastSeq, frames: message.frameCount, length: formatBytes(message.payloadLength) })
          : t('frameDetail:summary.frame', { seq: record.seq, length: formatBytes(record.payloadLength), bytes: record.payloadLength, at: formatMicros(record.atMicros) })}
      </span>
      {record.closeCode !== undefined && <span className="badge"><VisibleText text={`close ${record.closeCode} ${closeCodeName(t, record.closeCode)}${record.closeReason ? ` · ${record.closeReason}` : ''}`} /></span>}
      {record.rttMicros !== undefined && <span className="badge badge-info">{`RTT ${formatMicros(record.rttMicros)}`}</span>}
      {record.redacted && <span className="badge badge-redacted" title={t('timeline:preview.redactedTitle')}>{t('frameDetail:summary.redacted')}</span>}
      {message && !message.isComplete && <span className="badge">{t('frameDetail:summary.incomplete')}</span>}
      {message?.isTruncated && <span className="badge">{t('frameDetail:summary.truncated')}</span>}
    </div>
  );
}

function Violations({ record }: { record: FrameRecordJson }) {
  const t = useT();
  const strictFailure = useApp((state) => state.sessions.byId[state.sessions.activeId ?? '']?.closed?.strictFailure);
  if (record.violations.length === 0) return null;
  // Strict mode (§7.1.7): the session's close names the record that failed the connection and the rule it broke.
  const failedHere = strictFailure?.seq === record.seq;
  return (
    <ul className="violations" aria-label={t('frameDetail:violations.label')}>
      {failedHere && <li className="strict-failure" role="alert">{t('frameDetail:violations.failedConnection', { rule: strictFailure.rule })}</li>}
      {record.violations.map((violation, index) => (
        <li key={index}>
          <span className="badge badge-error" translate="no">{violation.rule}</span>
          <span><VisibleText text={renderMessage(t, violationMessage(violation))} /></span>
          <span className="muted">{t('frameDetail:violations.reference', { rfc: violation.section.includes('/') ? violation.section : `6455 §${violation.section}`, closeCode: violation.closeCode })}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The diff of the compared row against the selected one: texts (JSON laid out, binary as hex),
 * inline. Its editor is created with the first comparison and kept, fed new texts after.
 */
function DiffView({ current }: { current: Uint8Array }) {
  const t = useT();
  const compare = useApp((state) => state.timeline.compare);
  const other = compare?.record ? readableText(comparableBytes(compare.record, null)) : '';
  return (
    <div className="diff-view">
      <div className="note">{compare?.record ? t('frameDetail:diff.title', { left: compare.record.seq }) : t('frameDetail:diff.loading')}</div>
      <DiffEditor original={other} modified={compare?.record ? readableText(current) : ''} ariaLabel={t('frameDetail:diff.label')} />
    </div>
  );
}

interface FrameViewProps {
  readonly record: FrameRecordJson;
  /** The tab the user chose; until then a frame that carries protocol messages opens on them. */
  readonly view: View | null;
  readonly setView: (view: View) => void;
  /** The frame whose whole message the user asked to see (kept here, so a new selection starts at its frame). */
  readonly messageSeq: number | null;
  readonly setMessageSeq: (seq: number | null) => void;
}

function FrameView({ record, view, setView, messageSeq, setMessageSeq }: FrameViewProps) {
  const t = useT();
  const [isMaskedView, setMaskedView] = useState(false);
  const loaded = useApp((state) => state.timeline.message);
  const hasCompare = useApp((state) => state.timeline.compare !== null);
  const [hasCompared, setHasCompared] = useState(hasCompare);
  const isMessageRow = useApp((state) => {
    const index = state.timeline.selectedIndex;
    const row = index === null ? undefined : rowAt(state.timeline.pages, index);
    return row?.kind === 'frame' && (row.messageFrameCount ?? 1) > 1;
  });
  const wantsMessage = messageSeq === record.seq;
  const message = messageOfFrame(record, loaded);
  const isFragment = record.fragment !== 'whole' && !isControlOpcode(record.opcode);
  const showsMessage = (wantsMessage || isMessageRow) && message !== null && message.frameCount > 1;
  const payload = base64ToBytes(record.payload);
  const inflated = record.inflatedPayload === undefined ? null : base64ToBytes(record.inflatedPayload);
  const bytes = showsMessage ? base64ToBytes(message.payload) : (inflated ?? payload);
  const hasProtocol = useApp(selectedHasProtocol);
  // The protocol and decoded-payload tabs sit next to the wire views; nothing of those changes.
  const views: View[] = [
    ...(hasProtocol ? (['protocol'] as const) : []),
    'hex', 'text', 'json', 'tree',
    ...(inflated && !showsMessage ? (['inflated'] as const) : []),
    ...(!isControlOpcode(record.opcode) ? (['decoded'] as const) : []),
    ...(hasCompare ? (['diff'] as const) : []),
  ];
  const current = view !== null && views.includes(view) ? view : hasProtocol ? 'protocol' : 'hex';

  useEffect(() => {
    if (!hasCompare) return;
    setHasCompared(true);
    setView('diff');
  }, [hasCompare, setView]);

  return (
    <>
      <FrameSummary record={record} message={showsMessage ? message : null} />
      <Violations record={record} />
      {!showsMessage && <BitDiagram record={record} />}
      <DetailActions record={record} bytes={bytes} isFragment={isFragment} showsMessage={showsMessage} onShowMessage={(isShown) => setMessageSeq(isShown ? record.seq : null)} />
      <DetailTabs label={t('frameDetail:view.label')} names={views} text={(name) => t(VIEW_WORDS[name])} current={current} onSelect={setView}>
        {current === 'hex' && record.masked && !showsMessage && (
          <div className="segmented" role="group" aria-label={t('frameDetail:hex.bytes')}>
            <button type="button" aria-pressed={!isMaskedView} onClick={() => setMaskedView(false)}>{t('frameDetail:hex.unmasked')}</button>
            <button type="button" aria-pressed={isMaskedView} onClick={() => setMaskedView(true)}>{t('frameDetail:hex.masked')}</button>
          </div>
        )}
      </DetailTabs>
      <div className="detail-body" role="tabpanel">
        {current === 'protocol' && <ProtocolTab seq={record.seq} />}
        {current === 'decoded' && <PayloadViews seq={record.seq} />}
        {current === 'hex' && (showsMessage ? <HexDump frame={payloadOnlyBytes(bytes)} payloadLength={bytes.length} /> : <HexDump frame={frameBytes(record, isMaskedView)} payloadLength={record.payloadLength} />)}
        {current === 'text' && <TextView bytes={bytes} />}
        <div className="json-host" hidden={current !== 'json'}>
          <JsonView bytes={current === 'json' ? bytes : EMPTY} />
        </div>
        {current === 'tree' && <JsonTree bytes={bytes} />}
        {current === 'inflated' && inflated && (
          <>
            <div className="note">{t('frameDetail:inflated.note', { inflated: inflated.length, compressed: payload.length })}</div>
            <TextView bytes={inflated} />
          </>
        )}
        <div className="diff-host" hidden={current !== 'diff'}>{hasCompared && <DiffView current={current === 'diff' ? bytes : EMPTY} />}</div>
      </div>
    </>
  );
}

/** A handshake row as the Handshake pane draws one (the Relay view has no pane: each leg's handshake is a row). */
function HandshakeView({ record }: { record: Extract<RecordJson, { kind: 'handshake' }> }) {
  return (
    <div className="handshake-detail">
      <HandshakeSummary handshake={record} />
      <HandshakeRecordView handshake={record} sessionId={null} />
    </div>
  );
}

/** Connection events: their fields as plain text. */
function EventView({ record }: { record: Extract<RecordJson, { kind: 'event' }> }) {
  return (
    <>
      <div className="detail-summary">
        <strong><VisibleText text={record.name} /></strong>
        <span className="muted">{`#${record.seq} · +${formatMicros(record.atMicros)}`}</span>
      </div>
      <pre className="payload-text"><VisibleText text={JSON.stringify(record, null, 2)} isMultiline /></pre>
    </>
  );
}

/**
 * The "Frame detail" region: the selected record bit by bit, or its whole message; actions on it; a
 * diff with a second row. `hasHandshakePane` (Inspect) says a Handshake pane beside it draws the
 * session's handshake: that row then shows its bytes here, any other handshake row (a reconnect's)
 * its headers as the pane would.
 */
export function FrameDetail({ hasHandshakePane = false }: { hasHandshakePane?: boolean }) {
  const t = useT();
  const record = useApp((state) => state.timeline.selectedRecord);
  const selectedIndex = useApp((state) => state.timeline.selectedIndex);
  const paneHandshakeSeq = useApp((state) => (hasHandshakePane && state.timeline.sessionId !== null ? state.sessions.handshakes[state.timeline.sessionId]?.seq : undefined));
  const [view, setView] = useState<View | null>(null);
  const [messageSeq, setMessageSeq] = useState<number | null>(null);
  return (
    <section className="panel frame-detail" aria-label={t('frameDetail:label')} data-region="frame-detail" tabIndex={-1}>
      <header className="panel-title">
        {t('frameDetail:title')}
        {record?.kind === 'frame' && <SaveRecordMessageButton record={record} />}
      </header>
      <div className="panel-body">
        {record === null ? (
          <div className="empty-note">{selectedIndex === null ? t('frameDetail:empty') : t('frameDetail:loading')}</div>
        ) : record.kind === 'frame' ? (
          <FrameView record={record} view={view} setView={setView} messageSeq={messageSeq} setMessageSeq={setMessageSeq} />
        ) : record.kind === 'handshake' && record.seq === paneHandshakeSeq ? (
          <HandshakeBytesView handshake={record} />
        ) : record.kind === 'handshake' ? (
          <HandshakeView record={record} />
        ) : (
          <EventView record={record} />
        )}
      </div>
    </section>
  );
}
