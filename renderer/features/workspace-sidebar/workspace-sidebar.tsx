import { useEffect } from 'react';
import './workspace-sidebar.css';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { ConnectionItem } from './connection-item.js';
import { EnvironmentSwitch } from './environment-switch.js';
import { FolderBox } from './folder-box.js';
import { ImportBox } from './import-box.js';
import { ScenarioRunPanel } from './scenario-run-panel.js';

/** The workspace beside the timeline: saved connections and their messages, the environment, scenarios and their runs. */
export function WorkspaceSidebar() {
  const t = useT();
  const view = useApp((state) => state.workspaceFiles.view);
  useEffect(() => {
    if (getAppStore().getState().workspaceFiles.view === null) void getAppStore().getState().workspaceFiles.load();
  }, []);
  if (!view) return <aside className="workspace-sidebar" aria-label={t('workspace:sidebar.label')} />;
  const storage = view.secretStorage;
  return (
    <aside className="workspace-sidebar" aria-label={t('workspace:sidebar.label')}>
      <header className="sidebar-header" title={t('workspace:sidebar.pathTitle', { path: view.path })}>
        <strong>{view.name}</strong>
        <EnvironmentSwitch />
      </header>
      <h3>{t('workspace:sidebar.connections')}</h3>
      {view.connections.length === 0 ? (
        <p className="empty">{t('workspace:sidebar.noConnections')}</p>
      ) : (
        <ul className="saved-connections" role="tree" aria-label={t('workspace:sidebar.connections')}>
          {view.connections.map((connection, index) => (
            <ConnectionItem key={connection.id} connection={connection} index={index} />
          ))}
        </ul>
      )}
      <p className="hint">{t('workspace:sidebar.moveHint')}</p>
      <h3>{t('workspace:sidebar.scenarios')}</h3>
      {view.scenarios.length === 0 ? (
        <p className="empty">{t('workspace:sidebar.noScenarios')}</p>
      ) : (
        <ul className="scenarios">
          {view.scenarios.map((scenario) => (
            <li key={scenario.id}>
              <span className="item-name" title={scenario.fileName}>{scenario.name}</span>
              <button type="button" className="row-action primary" title={t('workspace:sidebar.runTitle', { name: scenario.name, count: scenario.stepCount })} onClick={() => void getAppStore().getState().workspaceFiles.runScenario(scenario.id)}>
                {t('workspace:sidebar.run')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ScenarioRunPanel />
      {view.problems.length > 0 && (
        <section className="file-problems" aria-label={t('workspace:sidebar.problems')}>
          <h3>{t('workspace:sidebar.problems')}</h3>
          <ul>
            {view.problems.map((problem, index) => (
              <li key={index}><code>{[problem.fileName, problem.location, problem.field].filter(Boolean).join(' · ')}</code> {problem.message}</li>
            ))}
          </ul>
        </section>
      )}
      <ImportBox />
      <FolderBox />
      <p className="hint secrets-hint" title={t('workspace:sidebar.secretsPathTitle', { path: storage.path })}>
        {t('workspace:sidebar.secrets', { how: storage.isEncrypted ? t('workspace:sidebar.secretsEncrypted') : t('workspace:sidebar.secretsPlain') })}
      </p>
    </aside>
  );
}
