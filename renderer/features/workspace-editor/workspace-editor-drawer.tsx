import './workspace-editor.css';
import { useEscapeCloses } from '../../lib/use-escape-closes.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { ConnectionEditor } from './connection-editor.js';
import { EnvironmentsEditor } from './environments-editor.js';

const closeEditor = (): void => getAppStore().getState().workspaceEditor.close();

/** The workspace editor over the right of the window: the environments and their secrets, or one connection's settings. Esc closes it. */
export function WorkspaceEditorDrawer() {
  const t = useT();
  const target = useApp((state) => state.workspaceEditor.target);
  const view = useApp((state) => state.workspaceFiles.view);
  const isOpen = target !== null;
  useEscapeCloses(isOpen, closeEditor);
  if (!target || !view) return null;
  const connection = target.kind === 'connection' ? view.connections.find((each) => each.id === target.connectionId) : undefined;
  if (target.kind === 'connection' && !connection) return null;
  const title = connection ? t('workspace:editor.connectionTitle', { name: connection.name }) : t('workspace:editor.environmentsTitle');
  return (
    <aside className="settings-drawer workspace-editor" aria-label={title}>
      <header className="panel-title">
        <span className="drawer-title">{title}</span>
        <span className="toolbar-spacer" />
        <button type="button" title={t('workspace:editor.doneTitle')} onClick={closeEditor}>{t('workspace:editor.done')}</button>
      </header>
      <div className="drawer-body" key={connection ? `connection:${connection.id}` : 'environments'}>
        {connection ? <ConnectionEditor key={connection.id} file={connection} /> : <EnvironmentsEditor view={view} environmentId={target.kind === 'environments' ? target.environmentId : null} />}
      </div>
    </aside>
  );
}
