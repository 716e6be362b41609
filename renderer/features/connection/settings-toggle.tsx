import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** Opens the drawer with every connection option (proxy, TLS, headers…) of the shown form. */
export function SettingsToggle() {
  const t = useT();
  const isDrawerOpen = useApp((state) => state.settings.isDrawerOpen);
  return (
    <button type="button" aria-pressed={isDrawerOpen} aria-controls="settings-drawer" onClick={() => getAppStore().getState().settings.setDrawerOpen(!isDrawerOpen)}>
      {t('connection:settings.toggle')}
    </button>
  );
}
