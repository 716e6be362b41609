import type { PausedMessageInfo } from '../../../shared/contract/api-relay.js';
import { opcodeName } from '../../../shared/protocol/opcode.js';
import { visibleText } from '../../../shared/text/visible-text.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { PausedEditor } from './paused-editor.js';

const noPaused: readonly PausedMessageInfo[] = [];

function PausedRow({ paused }: { paused: PausedMessageInfo }) {
  const t = useT();
  const { relay } = getAppStore().getState();
  const locked = paused.isChangeable ? undefined : t('relay:view.lockedTitle');
  return (
    <li className="paused-row" aria-label={t('relay:view.pausedItem', { id: paused.pausedId })}>
      <span className="badge badge-warn">#{paused.pausedId}</span>
      <span className="mono">{paused.direction === 'out' ? 'C→R→S' : 'S→R→C'}</span>
      <span className="mono">{opcodeName(paused.opcode)}</span>
      <span className="muted">{t('relay:view.bytes', { count: paused.byteLength })}</span>
      {paused.isCompressed && <span className="badge">{t('relay:view.compressed')}</span>}
      <span className={`paused-preview mono${paused.previewEncoding === 'hex' ? ' muted' : ''}`}>{visibleText(paused.preview)}</span>
      <span className="paused-actions">
        <button type="button" className="primary" onClick={() => void relay.resolve(paused.pausedId, 'forward')}>{t('relay:view.forward')}</button>
        <button type="button" disabled={!paused.isChangeable} title={locked} onClick={() => void relay.beginEdit(paused.pausedId)}>{t('relay:view.edit')}</button>
        <button type="button" disabled={!paused.isChangeable} title={locked} onClick={() => void relay.resolve(paused.pausedId, 'drop')}>{t('relay:view.drop')}</button>
        <button type="button" onClick={() => void relay.resolve(paused.pausedId, 'duplicate')}>{t('relay:view.duplicate')}</button>
      </span>
    </li>
  );
}

/** The shown session's paused messages, oldest first, each with forward, edit, drop and duplicate. */
export function PausedQueue() {
  const t = useT();
  const sessionId = useApp((state) => state.relay.shownSessionId);
  const paused = useApp((state) => (sessionId ? (state.relay.paused[sessionId] ?? noPaused) : noPaused));
  return (
    <section className="panel paused-queue" aria-label={t('relay:view.pausedQueue')}>
      <div className="panel-title">{t('relay:view.pausedQueue')}</div>
      {paused.length === 0 ? <p className="empty-note">{t('relay:view.nothingPaused')}</p> : <ul className="paused-list">{paused.map((each) => <PausedRow key={each.pausedId} paused={each} />)}</ul>}
      <PausedEditor />
    </section>
  );
}
