import { useState } from 'react';
import type { HandshakeRecordJson } from '../../../shared/contract/records.js';
import { base64ToBytes } from '../../lib/bytes.js';
import { useT } from '../../lib/use-t.js';
import { DetailTabs } from './detail-tabs.js';
import { payloadOnlyBytes } from './frame-bytes.js';
import { HandshakeSummary } from './handshake-summary.js';
import { HexDump } from './hex-dump.js';

type Side = 'request' | 'response';

const SIDE_WORDS = { request: 'frameDetail:handshake.request', response: 'frameDetail:handshake.response' } as const;

/** The bytes of one side as they crossed the wire: the request as written, the response head (and body) or an unreadable answer as read. */
function sideBytes(handshake: HandshakeRecordJson, side: Side): Uint8Array | null {
  if (side === 'request') return base64ToBytes(handshake.request.raw);
  const raw = handshake.response?.raw ?? handshake.unreadableResponse?.raw;
  return raw === undefined ? null : base64ToBytes(raw);
}

/** Moves the keyboard (and the eye) to the Handshake pane, which draws this handshake's checks and headers. */
function focusHandshakePane(): void {
  document.querySelector<HTMLElement>('[data-region="handshake"]')?.focus();
}

/**
 * The handshake the Handshake pane already draws, selected as a timeline row: Frame detail shows
 * what the pane does not (the exact request and response bytes as hex, like a frame's) and points
 * to the pane for its checks and header tables, instead of drawing those a second time.
 */
export function HandshakeBytesView({ handshake }: { handshake: HandshakeRecordJson }) {
  const t = useT();
  const [side, setSide] = useState<Side>('request');
  const sides: Side[] = sideBytes(handshake, 'response') === null ? ['request'] : ['request', 'response'];
  const current = sides.includes(side) ? side : 'request';
  const bytes = sideBytes(handshake, current) ?? new Uint8Array(0);
  return (
    <div className="handshake-detail">
      <HandshakeSummary handshake={handshake} />
      <div className="note handshake-in-pane">
        <span>{t('frameDetail:handshake.inPane')}</span>
        <button type="button" className="small" onClick={focusHandshakePane}>{t('frameDetail:handshake.toPane')}</button>
      </div>
      <DetailTabs label={t('frameDetail:handshake.label')} names={sides} text={(name) => t(SIDE_WORDS[name])} current={current} onSelect={setSide}>
        <span className="muted">{t('frameDetail:bits.bytes', { count: bytes.length })}</span>
      </DetailTabs>
      <div className="detail-body" role="tabpanel">
        <HexDump key={current} frame={payloadOnlyBytes(bytes)} payloadLength={bytes.length} label={t(SIDE_WORDS[current])} />
      </div>
    </div>
  );
}
