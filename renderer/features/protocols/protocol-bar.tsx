import { PROTOCOL_CHOICES } from '../../../shared/app-protocol/protocol-choice.js';
import type { ProtocolChoice } from '../../../shared/app-protocol/protocol-choice.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { activeProtocol } from './protocol-state.js';
import { choiceLabelKey } from './protocol-words.js';

const CATEGORIES = [
  ['all', 'protocols:bar.categoryAll'],
  ['messages', 'protocols:bar.categoryMessages'],
  ['control', 'protocols:bar.categoryControl'],
] as const;

/**
 * The active session's application protocol above the timeline: what it is read as and why, a
 * choice to read it as another (the capture is decoded again), the keep-alive duties switch, and
 * the protocol filters (keep-alive traffic like control frames, and one message kind).
 */
export function ProtocolBar() {
  const t = useT();
  const text = useMessage();
  const protocol = useApp(activeProtocol);
  const isReadOnly = useApp((state) => state.sessions.byId[state.sessions.activeId ?? '']?.readOnly ?? true);
  // A session that ended before anything was recognised is not still being detected.
  const isClosed = useApp((state) => state.sessions.byId[state.sessions.activeId ?? '']?.state === 'closed');
  if (protocol === undefined) return null;
  const actions = getAppStore().getState();
  // Older engines send the English reason alone.
  const reason = protocol.reasonText ? text(protocol.reasonText) : protocol.reason;
  const isDetecting = protocol.state === 'detecting' && !isClosed;
  const state = protocol.state === 'active' && protocol.displayName !== null ? protocol.displayName : isDetecting ? t('protocols:bar.detecting') : t('protocols:bar.none');
  return (
    <div className="toolbar protocol-bar" role="toolbar" aria-label={t('protocols:bar.label')}>
      <strong className="nowrap">{state}</strong>
      {reason !== null && <span className="muted protocol-reason" title={reason}><VisibleText text={reason} /></span>}
      <label className="field-inline">
        <span>{t('protocols:bar.readAs')}</span>
        <select aria-label={t('protocols:bar.readAs')} value={protocol.choice} onChange={(event) => void actions.protocol.setChoice(event.target.value as ProtocolChoice)}>
          {PROTOCOL_CHOICES.map((choice) => <option key={choice} value={choice}>{t(choiceLabelKey(choice))}</option>)}
        </select>
      </label>
      {protocol.hasDuties && !isReadOnly && (
        <label className="check" title={t('protocols:bar.dutiesTitle')}>
          <input type="checkbox" checked={protocol.isDutiesEnabled} onChange={(event) => void actions.protocol.setDuties(event.target.checked)} />
          {t('protocols:bar.duties')}
        </label>
      )}
      <span className="toolbar-spacer" />
      {protocol.state === 'active' && <ProtocolFilter kinds={protocol.kinds} />}
    </div>
  );
}

/** Keep-alive traffic in or out, like control frames, and one message kind. */
function ProtocolFilter({ kinds }: { kinds: readonly string[] }) {
  const t = useT();
  const filter = useApp((state) => state.timeline.filter);
  const timeline = getAppStore().getState().timeline;
  return (
    <>
      <div className="segmented" role="group" aria-label={t('protocols:bar.category')}>
        {CATEGORIES.map(([category, key]) => (
          <button key={category} type="button" aria-pressed={filter.protocolCategory === category} onClick={() => timeline.setFilter({ protocolCategory: category })}>{t(key)}</button>
        ))}
      </div>
      <label className="field-inline">
        <span>{t('protocols:bar.kind')}</span>
        <select aria-label={t('protocols:bar.kind')} value={filter.protocolKinds[0] ?? ''} onChange={(event) => timeline.setFilter({ protocolKinds: event.target.value === '' ? [] : [event.target.value] })}>
          <option value="">{t('protocols:bar.anyKind')}</option>
          {kinds.map((kind) => <option key={kind} value={kind}>{kind}</option>)}
        </select>
      </label>
    </>
  );
}
