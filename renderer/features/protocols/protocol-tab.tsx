import { useEffect } from 'react';
import type { ProtocolMessageJson } from '../../../shared/contract/api-protocol.js';
import { protocolSummaryMessage, protocolViolationMessage } from '../../../shared/app-protocol/protocol-violation-text.js';
import { formatMicros } from '../../lib/format.js';
import { textOf } from '../../lib/text.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { RELATION_KEYS } from './relation-words.js';
import { TreeNode } from './protocol-tree.js';

function Jump({ seq, label }: { seq: number; label: string }) {
  const t = useT();
  return (
    <button type="button" className="link-chip" title={t('protocols:cell.jumpTitle', { seq })} onClick={() => getAppStore().getState().timeline.reveal(seq)}>
      {label}
    </button>
  );
}

/** One protocol message: its summary, direction, links both ways (each a jump to its frame), RTT, why a duty sent it, violations, and its tree. */
function MessageView({ message }: { message: ProtocolMessageJson }) {
  const t = useT();
  return (
    <article className="protocol-message" aria-label={message.summary}>
      <div className="detail-summary">
        <span className={`dir dir-${message.direction}`}>{message.direction === 'out' ? '↑' : '↓'}</span>
        <strong><VisibleText text={textOf(protocolSummaryMessage(message), t)} /></strong>
        <span className="muted">{t('protocols:tab.index', { index: message.index, frames: message.seqs.map((seq) => `#${seq}`).join(' ') })}</span>
        {message.isControl && <span className="badge">{t('protocols:tab.keepAlive')}</span>}
        {message.rttMicros !== undefined && <span className="badge badge-info">{t('protocols:cell.rtt', { time: formatMicros(message.rttMicros) })}</span>}
        {message.duty !== undefined && <span className="badge">{t('protocols:tab.duty', { reason: message.dutyText ? textOf(message.dutyText, t) : message.duty })}</span>}
      </div>
      {(message.links.length > 0 || message.linkedFrom.length > 0) && (
        <div className="protocol-links">
          {message.links.map((link) =>
            link.toSeq === undefined ? (
              <span key={`to-${link.toIndex}`} className="muted">{`${t(RELATION_KEYS[link.relation].forward)} ${t('protocols:tab.messageGone', { index: link.toIndex })}`}</span>
            ) : (
              <Jump key={`to-${link.toIndex}`} seq={link.toSeq} label={`${t(RELATION_KEYS[link.relation].forward)} #${link.toSeq}`} />
            ),
          )}
          {message.linkedFrom.map((link) => (
            <Jump key={`from-${link.fromIndex}`} seq={link.fromSeq} label={`${t(RELATION_KEYS[link.relation].backward)} #${link.fromSeq}`} />
          ))}
        </div>
      )}
      {message.violations.length > 0 && (
        <ul className="violations" aria-label={t('protocols:tab.violations')}>
          {message.violations.map((violation, index) => (
            <li key={index}>
              <span className="badge badge-error">{violation.rule}</span>
              <span><VisibleText text={textOf(protocolViolationMessage(violation), t)} /></span>
              <span className="muted"><VisibleText text={violation.reference} /></span>
            </li>
          ))}
        </ul>
      )}
      {message.tree === null ? <div className="note">{t('protocols:tab.noTree')}</div> : <ul className="tree" aria-label={t('protocols:tab.tree')}><TreeNode name={message.kind} value={message.tree} /></ul>}
    </article>
  );
}

/**
 * The frame detail's protocol tab: the application-protocol messages the selected frame carries,
 * decoded, next to the wire views (which stay as they were). A frame whose message was not decoded
 * says why; a frame of a message that a later frame completes shows it as part.
 */
export function ProtocolTab({ seq }: { seq: number }) {
  const t = useT();
  const detail = useApp((state) => state.protocol.detail);
  const isLoading = useApp((state) => state.protocol.isLoading);
  const error = useApp((state) => state.protocol.error);
  useEffect(() => {
    void getAppStore().getState().protocol.load(seq);
  }, [seq]);
  if (detail === null || detail.seq !== seq) return <div className="empty-note">{isLoading ? t('protocols:tab.loading') : (error ?? t('protocols:tab.loading'))}</div>;
  const frame = detail.frame;
  if (frame === null) return <div className="empty-note">{t('protocols:tab.none')}</div>;
  return (
    <div className="protocol-tab">
      {frame.isEvicted && frame.messages.length === 0 && <div className="note">{t('protocols:tab.evicted')}</div>}
      {frame.skipped !== undefined && <div className="note warn">{t('protocols:tab.skipped', { reason: frame.skippedText ? textOf(frame.skippedText, t) : frame.skipped })}</div>}
      {frame.messages.map((message) => <MessageView key={message.index} message={message} />)}
    </div>
  );
}
