import { useEffect, useRef, type CSSProperties } from 'react';
import './workspace-sidebar.css';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { ConnectionItem } from './connection-item.js';
import { EnvironmentSwitch } from './environment-switch.js';
import { FolderBox } from './folder-box.js';
import { ImportBox } from './import-box.js';
import { ScenarioRunPanel } from './scenario-run-panel.js';
import { SidebarResizer } from './sidebar-resizer.js';
import { useSidebarLayout } from './use-sidebar-layout.js';

/**
 * The workspace beside the timeline: saved connections and their messages, the environment, scenarios
 * and their runs. It folds away to a thin rail and its width is dragged at its right edge, both
 * remembered, so the timeline keeps its room in a small window.
 */
export function WorkspaceSidebar() {
  const t = useT();
  const layout = useSidebarLayout();
  const frame = useRef<HTMLDivElement | null>(null);
  const style = layout.widthPx === null ? undefined : ({ '--sidebar-width': `${layout.widthPx}px` } as CSSProperties);
  if (layout.isCollapsed) {
    return (
      <div className="sidebar-frame is-collapsed">
        <aside className="workspace-rail" aria-label={t('workspace:sidebar.label')}>
          <button type="button" className="rail-button" aria-label={t('workspace:sidebar.expand')} title={t('workspace:sidebar.expand')} aria-expanded="false" onClick={() => layout.setCollapsed(false)}>
            »
          </button>
          <span className="rail-label" aria-hidden="true">{t('workspace:sidebar.label')}</span>
        </aside>
      </div>
    );
  }
  return (
    <div className="sidebar-frame" ref={frame} style={style}>
      <SidebarContent onCollapse={() => layout.setCollapsed(true)} />
      <SidebarResizer frame={frame} widthPx={layout.widthPx} onWidth={layout.setWidthPx} />
    </div>
  );
}

function SidebarContent({ onCollapse }: { onCollapse: () => void }) {
  const t = useT();
  const view = useApp((state) => state.workspaceFiles.view);
  useEffect(() => {
    if (getAppStore().getState().workspaceFiles.view === null) void getAppStore().getState().workspaceFiles.load();
  }, []);
  if (!view) return <aside className="workspace-sidebar" aria-label={t('workspace:sidebar.label')} />;
  const storage = view.secretStorage;
  return (
    <aside className="workspace-sidebar" aria-label={t('workspace:sidebar.label')}>
      <header className="sidebar-header">
        <strong translate="no" title={t('workspace:sidebar.pathTitle', { path: view.path })}>{view.name}</strong>
        <button type="button" className="rail-button" aria-label={t('workspace:sidebar.collapse')} title={t('workspace:sidebar.collapse')} aria-expanded="true" onClick={onCollapse}>
          «
        </button>
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
              <span className="item-name" translate="no" title={scenario.fileName}>{scenario.name}</span>
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
