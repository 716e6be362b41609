import type { FormEvent } from 'react';
import { getAppStore, useApp } from '../../store/app-store.js';
import { ExportMenu } from '../capture/export-menu.js';
import { OpenCaptureButton } from '../capture/open-capture-button.js';
import { ProfilePicker } from './profile-picker.js';
import { SettingsToggle } from './settings-toggle.js';
import { UrlInput } from './url-input.js';

/** The URL field, Connect / Disconnect, the active session's state, opening and exporting captures, profiles and the settings toggle. */
export function ConnectionBar() {
  const active = useApp((state) => state.sessions.byId[state.sessions.activeId ?? '']);
  const isLive = active !== undefined && !active.readOnly && (active.state === 'open' || active.state === 'connecting');
  const { sessions } = getAppStore().getState();

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void sessions.connect();
  };

  return (
    <form className="connection-bar" onSubmit={onSubmit}>
      <UrlInput />
      <button type="submit" className="primary">Connect</button>
      <button type="button" disabled={!isLive} onClick={() => void sessions.disconnect()}>Disconnect</button>
      {active && (
        <span className={`state-badge state-${active.state}`} aria-live="polite">
          <span className="state-dot" aria-hidden="true" />
          {active.state}
          {active.closed && ` · ${active.closed.by}, ${active.closed.how}${active.closed.closeCode !== undefined ? ` ${active.closed.closeCode}` : ''}`}
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
