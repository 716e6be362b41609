import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { closedMessage } from '../../../shared/i18n/event-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { ExportMenu } from '../capture/export-menu.js';
import { OpenCaptureButton } from '../capture/open-capture-button.js';
import { CLOSED_BY_WORDS, CLOSED_HOW_WORDS, SESSION_STATE_WORDS } from '../sessions/session-label.js';
import { shortcutText } from '../workspace/shortcut-text.js';
import { ProfilePicker } from './profile-picker.js';
import { SettingsToggle } from './settings-toggle.js';
import { UrlInput } from './url-input.js';

/**
 * The shown tab's URL, Connect (a new tab) / Reconnect (this tab's settings, a new linked session) /
 * Disconnect, its state, opening and exporting captures, profiles and the settings toggle.
 */
export function ConnectionBar() {
  const t = useT();
  // Only what the bar shows: a summary also changes with every batch's counts, and the bar (with
  // the URL field, the menus and the buttons under it) need not render again for those.
  const active = useApp(
    useShallow((state) => {
      const summary = state.sessions.byId[state.sessions.activeId ?? ''];
      return summary === undefined ? undefined : { state: summary.state, readOnly: summary.readOnly, originKind: summary.origin?.kind, closed: summary.closed };
    }),
  );
  const isLive = active !== undefined && !active.readOnly && (active.state === 'open' || active.state === 'connecting');
  const canReconnect = active !== undefined && active.originKind !== 'listen';
  const { sessions } = getAppStore().getState();

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void sessions.connect();
  };

  return (
    <form className="connection-bar" onSubmit={onSubmit} aria-label={t('connection:bar.label')}>
      <UrlInput />
      <button type="submit" className="primary" title={t('connection:bar.connectTitle')}>{t('connection:bar.connect')}</button>
      <button type="button" disabled={!canReconnect} title={t('connection:bar.reconnectTitle', { key: shortcutText('Alt+R') })} onClick={() => void sessions.reconnect()}>
        {t('connection:bar.reconnect')}
      </button>
      <button type="button" disabled={!isLive} onClick={() => void sessions.disconnect()}>{t('connection:bar.disconnect')}</button>
      {active && (
        <span className={`state-badge state-${active.state}`} aria-live="polite" title={active.closed?.message === undefined ? undefined : renderMessage(t, closedMessage(active.closed))}>
          <span className="state-dot" aria-hidden="true" />
          <span className="state-text">
            <span className="state-word">{t(SESSION_STATE_WORDS[active.state])}</span>
            {active.closed && (
              <span className="state-reason">
                {t(active.closed.closeCode !== undefined ? 'sessions:closedReasonCode' : 'sessions:closedReason', { by: t(CLOSED_BY_WORDS[active.closed.by]), how: t(CLOSED_HOW_WORDS[active.closed.how]), code: active.closed.closeCode })}
              </span>
            )}
          </span>
        </span>
      )}
      <span className="toolbar-spacer" />
      <OpenCaptureButton />
      <ExportMenu />
      <ProfilePicker />
      <SettingsToggle />
    </form>
  );
}
