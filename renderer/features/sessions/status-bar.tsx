import { formatCount } from '../../lib/format.js';
import { VisibleText } from '../../lib/visible-text.js';
import { useMessage } from '../../lib/use-message.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { directionWords } from '../timeline/direction-words.js';
import { LanguageSwitch } from '../workspace/language-switch.js';

const LINK_TEXT = {
  ipc: 'Desktop',
  connecting: 'Connecting to Frameline…',
  open: 'Browser UI · connected',
  reconnecting: 'Connection to Frameline lost · reconnecting…',
  unauthorised: 'Frameline refused this page: open the newest link `frameline ui` printed (each works once), or restart it',
} as const;

/** Link status, the latest notice, and the active session's frame counts. */
export function StatusBar() {
  const link = useApp((state) => state.sessions.link);
  const notice = useApp((state) => state.sessions.notice);
  const active = useApp((state) => state.sessions.byId[state.sessions.activeId ?? '']);
  const render = useMessage();
  return (
    <footer className="status-bar">
      <span className={`link link-${link}`}>{LINK_TEXT[link]}</span>
      {notice && (
        <span className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <VisibleText text={typeof notice.message === 'string' ? notice.message : render(notice.message)} />
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => getAppStore().getState().sessions.showNotice(null)}>×</button>
        </span>
      )}
      <span className="toolbar-spacer" />
      {active && <span className="muted">{`${formatCount(active.counts.framesOut)} ${directionWords('out', active.origin?.kind === 'listen').words} · ${formatCount(active.counts.framesIn)} ${directionWords('in', active.origin?.kind === 'listen').words}${active.readOnly ? ' · read-only' : ''}`}</span>}
      <LanguageSwitch />
    </footer>
  );
}
