import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** Picks the environment whose variables fill `{{name}}` on this machine. */
export function EnvironmentSwitch() {
  const t = useT();
  const environments = useApp((state) => state.workspaceFiles.view?.environments ?? []);
  const active = useApp((state) => state.workspaceFiles.view?.activeEnvironment ?? null);
  return (
    <label className="environment-switch">
      <span>{t('workspace:sidebar.environment')}</span>
      <select value={active ?? ''} onChange={(event) => void getAppStore().getState().workspaceFiles.setEnvironment(event.target.value === '' ? null : event.target.value)}>
        <option value="">{t('workspace:sidebar.noEnvironment')}</option>
        {environments.map((environment) => (
          <option key={environment.id} value={environment.id}>{environment.name}</option>
        ))}
      </select>
    </label>
  );
}
