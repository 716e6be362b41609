import type { MouseEvent } from 'react';
import type { ProtocolRow } from '../../../shared/contract/api-protocol.js';
import { formatMicros } from '../../lib/format.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore } from '../../store/app-store.js';
import { RELATION_KEYS } from './relation-words.js';

/** Jumps to the frame that completed a linked message (an emit from its ack, a SUBSCRIBE from its MESSAGE). */
function reveal(event: MouseEvent, seq: number): void {
  // The row itself selects on click; the link goes elsewhere.
  event.stopPropagation();
  getAppStore().getState().timeline.reveal(seq);
}

/**
 * The timeline's protocol column for one frame: the decoded summary (`socket.io EVENT chat:message`),
 * keep-alive marked like control frames, the round-trip time of an answer, a mark for what the
 * protocol duties sent, violations, and each link as a button that jumps to the linked frame.
 */
export function ProtocolCell({ protocol }: { protocol: ProtocolRow | undefined }) {
  const t = useT();
  const text = useMessage();
  if (protocol === undefined) return <span role="gridcell" className="cell protocol" />;
  const summary = protocol.summaryText ? text(protocol.summaryText) : protocol.summary;
  return (
    <span role="gridcell" className={`cell protocol${protocol.isControl ? ' protocol-control' : ''}${protocol.isComplete ? '' : ' protocol-partial'}`}>
      <span className={`protocol-summary${protocol.isComplete ? '' : ' muted'}`}><VisibleText text={protocol.isComplete ? summary : t('protocols:cell.partOf', { summary })} /></span>
      {protocol.violationCount > 0 && <span className="badge badge-error">{t('protocols:cell.violations', { count: protocol.violationCount })}</span>}
      {protocol.duty !== undefined && <span className="badge" title={protocol.dutyText ? text(protocol.dutyText) : protocol.duty}>{t('protocols:cell.duty')}</span>}
      {protocol.rttMicros !== undefined && <span className="badge badge-info">{t('protocols:cell.rtt', { time: formatMicros(protocol.rttMicros) })}</span>}
      {protocol.links.map((link) => (
        <button key={`${link.relation}-${link.toSeq}`} type="button" className="link-chip" title={t('protocols:cell.jumpTitle', { seq: link.toSeq })} onClick={(event) => reveal(event, link.toSeq)}>
          {`${t(RELATION_KEYS[link.relation].forward)} #${link.toSeq}`}
        </button>
      ))}
    </span>
  );
}
