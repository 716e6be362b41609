import { useState } from 'react';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { opcodeName } from '../../../shared/protocol/opcode.js';
import { SaveRecordMessageButton } from '../workspace-sidebar/save-message-buttons.js';
import { base64ToBytes, bytesToHex, utf8DecodeLenient, utf8DecodeStrict } from '../../lib/bytes.js';
import { closeCodeName, formatMicros } from '../../lib/format.js';
import { layoutJson } from '../../lib/json-layout.js';
import { CodeEditor } from '../../monaco/code-editor.js';
import { useApp } from '../../store/app-store.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { directionWords, isListenedTimeline } from '../timeline/direction-words.js';
import { BitDiagram } from './bit-diagram.js';
import { frameBytes } from './frame-bytes.js';
import { HexDump } from './hex-dump.js';
import { PayloadViews } from '../protocols/payload-views.js';
import { ProtocolTab } from '../protocols/protocol-tab.js';
import { selectedHasProtocol } from '../protocols/protocol-state.js';

type View = 'hex' | 'text' | 'json' | 'inflated' | 'protocol' | 'decoded';

const EMPTY = new Uint8Array(0);

/** The text of some bytes: UTF-8 when valid, else a note and a lenient decoding. */
function TextView({ bytes }: { bytes: Uint8Array }) {
  const strict = utf8DecodeStrict(bytes);
  return (
    <div className="text-view">
      {strict === null && <div className="note warn">Not valid UTF-8; invalid sequences are shown as U+FFFD.</div>}
      <pre className="payload-text"><VisibleText text={strict ?? utf8DecodeLenient(bytes)} isMultiline /></pre>
    </div>
  );
}

/** Validation only: the parsed value is thrown away, the view keeps the received text. */
function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The payload as JSON in a read-only editor (one instance, kept while frames are shown), re-indented token by token. */
function JsonView({ bytes }: { bytes: Uint8Array }) {
  const text = utf8DecodeLenient(bytes);
  const isJson = text === '' || isValidJson(text);
  const laidOut = isJson ? layoutJson(text) : null;
  return (
    <div className="json-view">
      {!isJson && <div className="note warn">Not valid JSON; shown as received.</div>}
      <CodeEditor modelKey="detail" language="json" value={laidOut ?? text} isReadOnly ariaLabel="Payload as JSON" />
    </div>
  );
}

function FrameSummary({ record }: { record: FrameRecordJson }) {
  const direction = directionWords(record.direction, useApp(isListenedTimeline));
  return (
    <div className="detail-summary">
      <span className={`dir dir-${record.direction}`}>{`${record.direction === 'out' ? '↑' : '↓'} ${direction.words}`}</span>
      <strong>{opcodeName(record.opcode)}</strong>
      <span className="muted">{`#${record.seq} · ${record.payloadLength} bytes · +${formatMicros(record.atMicros)}`}</span>
      {record.closeCode !== undefined && <span className="badge"><VisibleText text={`close ${record.closeCode} ${closeCodeName(record.closeCode)}${record.closeReason ? ` · ${record.closeReason}` : ''}`} /></span>}
      {record.rttMicros !== undefined && <span className="badge badge-info">{`RTT ${formatMicros(record.rttMicros)}`}</span>}
      {record.redacted && <span className="badge badge-redacted" title="An export replaced secret bytes of this payload with * of the same length">redacted: secret bytes replaced with *</span>}
    </div>
  );
}

function Violations({ record }: { record: FrameRecordJson }) {
  if (record.violations.length === 0) return null;
  return (
    <ul className="violations" aria-label="Violations">
      {record.violations.map((violation, index) => (
        <li key={index}>
          <span className="badge badge-error">{violation.rule}</span>
          <span><VisibleText text={violation.message} /></span>
          <span className="muted">{`RFC ${violation.section.includes('/') ? violation.section : `6455 §${violation.section}`} · close ${violation.closeCode}`}</span>
        </li>
      ))}
    </ul>
  );
}

function FrameView({ record }: { record: FrameRecordJson }) {
  // Until a tab is chosen, a frame that carries protocol messages opens on them.
  const [view, setView] = useState<View | null>(null);
  const [isMaskedView, setMaskedView] = useState(false);
  const payload = base64ToBytes(record.payload);
  const inflated = record.inflatedPayload === undefined ? null : base64ToBytes(record.inflatedPayload);
  const hasProtocol = useApp(selectedHasProtocol);
  // The protocol and decoded-payload tabs sit next to the wire views; nothing of those changes.
  const views: View[] = [...(hasProtocol ? (['protocol'] as const) : []), 'hex', 'text', 'json', ...(inflated ? (['inflated'] as const) : []), ...(record.opcode < 8 ? (['decoded'] as const) : [])];
  // Text and JSON read the message a compressed frame carries, not its deflate bytes.
  const message = inflated ?? payload;
  const current = view !== null && views.includes(view) ? view : hasProtocol ? 'protocol' : 'hex';
  return (
    <>
      <FrameSummary record={record} />
      <Violations record={record} />
      <BitDiagram record={record} />
      <div className="toolbar" role="tablist" aria-label="Payload view">
        {views.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={current === name} onClick={() => setView(name)}>
            {name === 'hex' ? 'Hex' : name === 'text' ? 'Text' : name === 'json' ? 'JSON' : name === 'inflated' ? 'Inflated' : <ViewName view={name} />}
          </button>
        ))}
        <span className="toolbar-spacer" />
        {current === 'hex' && record.masked && (
          <div className="segmented" role="group" aria-label="Payload bytes">
            <button type="button" aria-pressed={!isMaskedView} onClick={() => setMaskedView(false)}>Unmasked</button>
            <button type="button" aria-pressed={isMaskedView} onClick={() => setMaskedView(true)}>Masked (wire)</button>
          </div>
        )}
      </div>
      <div className="detail-body" role="tabpanel">
        {current === 'protocol' && <ProtocolTab seq={record.seq} />}
        {current === 'decoded' && <PayloadViews seq={record.seq} />}
        {current === 'hex' && <HexDump frame={frameBytes(record, isMaskedView)} payloadLength={record.payloadLength} />}
        {current === 'text' && <TextView bytes={message} />}
        <div className="json-host" hidden={current !== 'json'}>
          <JsonView bytes={current === 'json' ? message : EMPTY} />
        </div>
        {current === 'inflated' && inflated && (
          <>
            <div className="note">{`Inflated message: ${inflated.length} bytes (from ${payload.length} compressed)`}</div>
            <TextView bytes={inflated} />
            <pre className="payload-text mono muted">{bytesToHex(inflated.subarray(0, 512), ' ')}</pre>
          </>
        )}
      </div>
    </>
  );
}

/** The names of the application-protocol tabs, in the window's language. */
function ViewName({ view }: { view: 'protocol' | 'decoded' }) {
  const t = useT();
  return <>{view === 'protocol' ? t('protocols:tab.name') : t('protocols:payload.name')}</>;
}

/** Non-frame records: their fields as plain text. */
function OtherView({ record }: { record: Exclude<RecordJson, FrameRecordJson> }) {
  return (
    <>
      <div className="detail-summary">
        <strong><VisibleText text={record.kind === 'event' ? record.name : 'handshake'} /></strong>
        <span className="muted">{`#${record.seq} · +${formatMicros(record.atMicros)}`}</span>
      </div>
      <pre className="payload-text"><VisibleText text={JSON.stringify(record, null, 2)} isMultiline /></pre>
    </>
  );
}

/** The "Frame detail" region: the selected record, bit by bit. */
export function FrameDetail() {
  const record = useApp((state) => state.timeline.selectedRecord);
  const selectedSeq = useApp((state) => state.timeline.selectedSeq);
  return (
    <section className="panel frame-detail" aria-label="Frame detail">
      <header className="panel-title">
        Frame detail
        {record?.kind === 'frame' && <SaveRecordMessageButton record={record} />}
      </header>
      <div className="panel-body">
        {record === null ? (
          <div className="empty-note">{selectedSeq === null ? 'Select a row in the timeline.' : 'Loading…'}</div>
        ) : record.kind === 'frame' ? (
          <FrameView record={record} />
        ) : (
          <OtherView record={record} />
        )}
      </div>
    </section>
  );
}
