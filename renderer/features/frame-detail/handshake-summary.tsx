import type { HandshakeRecordJson } from '../../../shared/contract/records.js';
import { formatMicros } from '../../lib/format.js';
import { useT } from '../../lib/use-t.js';
import { HandshakeStatus } from '../handshake/handshake-panel.js';

/** The line Frame detail opens a handshake row with: its status, its seq and its time. */
export function HandshakeSummary({ handshake }: { handshake: HandshakeRecordJson }) {
  const t = useT();
  return (
    <div className="detail-summary">
      <strong>{t('timeline:handshake.label')}</strong>
      <HandshakeStatus handshake={handshake} />
      <span className="muted">{`#${handshake.seq} · +${formatMicros(handshake.atMicros)}`}</span>
    </div>
  );
}
