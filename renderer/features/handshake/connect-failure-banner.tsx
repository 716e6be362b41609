import type { ConnectFailure } from '../../store/sessions-slice.js';
import { textOf } from '../../lib/text.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore } from '../../store/app-store.js';

const STAGE_WORDS = {
  settings: 'handshake:connectFailure.stage.settings',
  dns: 'handshake:connectFailure.stage.dns',
  tcp: 'handshake:connectFailure.stage.tcp',
  proxy: 'handshake:connectFailure.stage.proxy',
  tls: 'handshake:connectFailure.stage.tls',
  handshake: 'handshake:connectFailure.stage.handshake',
  websocket: 'handshake:connectFailure.stage.websocket',
  socket: 'handshake:connectFailure.stage.socket',
} as const;

function stageWords(stage: string): keyof typeof STAGE_WORDS | null {
  return stage in STAGE_WORDS ? (stage as keyof typeof STAGE_WORDS) : null;
}

/**
 * A session that failed before any handshake answer (DNS, refused, TLS, proxy, a bad CA path) gets
 * the same kind of banner a 426 gets: what failed, the message and the hint in full, and the way on.
 */
export function ConnectFailureBanner({ sessionId, failure }: { sessionId: string; failure: ConnectFailure }) {
  const t = useT();
  const stage = stageWords(failure.stage);
  const { doctor, sessions, timeline } = getAppStore().getState();
  return (
    <div className="failure-banner connect-failure" role="alert">
      <div className="failure-status">{stage ? t(STAGE_WORDS[stage]) : t('handshake:connectFailure.generic')}</div>
      <p className="failure-message"><VisibleText text={textOf(failure.message, t)} /></p>
      {failure.hint && <p className="failure-hint"><VisibleText text={textOf(failure.hint, t)} /></p>}
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void doctor.runFor(sessionId)}>{t('handshake:failure.runDoctor')}</button>
        <button type="button" onClick={() => void sessions.reconnect(sessionId)}>{t('handshake:connectFailure.retry')}</button>
        <button type="button" onClick={() => timeline.reveal(failure.seq)}>{t('handshake:connectFailure.showRecord')}</button>
      </div>
    </div>
  );
}
