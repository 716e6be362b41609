import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** Picks the environment whose variables fill `{{name}}` on this machine; Edit opens the environments, their variables and secrets. */
export function EnvironmentSwitch() {
  const t = useT();
  const environments = useApp((state) => state.workspaceFiles.view?.environments ?? []);
  const active = useApp((state) => state.workspaceFiles.view?.activeEnvironment ?? null);
  const state = getAppStore().getState();
  return (
    <div className="environment-switch">
      <label>
        <span>{t('workspace:sidebar.environment')}</span>
        <select value={active ?? ''} onChange={(event) => void state.workspaceFiles.setEnvironment(event.target.value === '' ? null : event.target.value)}>
          <option value="">{t('workspace:sidebar.noEnvironment')}</option>
          {environments.map((environment) => (
            <option key={environment.id} value={environment.id}>{environment.name}</option>
          ))}
        </select>
      </label>
      <button type="button" className="row-action" title={t('workspace:sidebar.editEnvironments')} aria-label={t('workspace:sidebar.editEnvironments')} onClick={() => state.workspaceEditor.open({ kind: 'environments', environmentId: active })}>
        {t('workspace:sidebar.editEnvironmentsShort')}
      </button>
    </div>
  );
}
