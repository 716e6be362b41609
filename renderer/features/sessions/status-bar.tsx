import { formatCount } from '../../lib/format.js';
import { textOf } from '../../lib/text.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { directionWords } from '../timeline/direction-words.js';
import { LanguageSwitch } from '../workspace/language-switch.js';
import { shortcutText } from '../workspace/shortcut-text.js';

const LINK_TEXT = {
  ipc: 'sessions:link.ipc',
  connecting: 'sessions:link.connecting',
  open: 'sessions:link.open',
  reconnecting: 'sessions:link.reconnecting',
  unauthorised: 'sessions:link.unauthorised',
} as const;

/** Link status, the latest notice (wrapping to its full length, never cut), and the active session's frame counts. */
export function StatusBar() {
  const t = useT();
  const link = useApp((state) => state.sessions.link);
  const notice = useApp((state) => state.sessions.notice);
  const active = useApp((state) => state.sessions.byId[state.sessions.activeId ?? '']);
  const isListened = active?.origin?.kind === 'listen';
  return (
    <footer className="status-bar">
      <span className={`link link-${link}`}>{t(LINK_TEXT[link])}</span>
      {notice && (
        <span className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span className="notice-text"><VisibleText text={textOf(notice.message, t)} /></span>
          <button type="button" className="link-button" aria-label={t('sessions:status.dismiss')} onClick={() => getAppStore().getState().sessions.showNotice(null)}>×</button>
        </span>
      )}
      <span className="toolbar-spacer" />
      {active && (
        <span className="muted nowrap">
          {t(active.readOnly ? 'sessions:status.countsReadOnly' : 'sessions:status.counts', {
            sent: formatCount(active.counts.framesOut),
            sentWords: t(directionWords('out', isListened).words),
            received: formatCount(active.counts.framesIn),
            receivedWords: t(directionWords('in', isListened).words),
          })}
        </span>
      )}
      <span className="muted nowrap">{t('sessions:status.shortcutsHint', { key: shortcutText('?') })}</span>
      <LanguageSwitch />
    </footer>
  );
}
