import { useEffect } from 'react';
import './workspace-editor.css';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { ConnectionEditor } from './connection-editor.js';
import { EnvironmentsEditor } from './environments-editor.js';

/** The workspace editor over the right of the window: the environments and their secrets, or one connection's settings. Esc closes it. */
export function WorkspaceEditorDrawer() {
  const t = useT();
  const target = useApp((state) => state.workspaceEditor.target);
  const view = useApp((state) => state.workspaceFiles.view);
  const isOpen = target !== null;
  useEffect(() => {
    if (!isOpen) return;
    // Anywhere in the window: focus may have left the drawer (a button that went away after Set).
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) getAppStore().getState().workspaceEditor.close();
    };
    globalThis.addEventListener('keydown', onKey);
    return () => globalThis.removeEventListener('keydown', onKey);
  }, [isOpen]);
  if (!target || !view) return null;
  const close = (): void => getAppStore().getState().workspaceEditor.close();
  const connection = target.kind === 'connection' ? view.connections.find((each) => each.id === target.connectionId) : undefined;
  if (target.kind === 'connection' && !connection) return null;
  const title = connection ? t('workspace:editor.connectionTitle', { name: connection.name }) : t('workspace:editor.environmentsTitle');
  return (
    <aside className="settings-drawer workspace-editor" aria-label={title}>
      <header className="panel-title">
        <span className="drawer-title">{title}</span>
        <span className="toolbar-spacer" />
        <button type="button" title={t('workspace:editor.doneTitle')} onClick={close}>{t('workspace:editor.done')}</button>
      </header>
      <div className="drawer-body" key={connection ? `connection:${connection.id}` : 'environments'}>
        {connection ? <ConnectionEditor key={connection.id} file={connection} /> : <EnvironmentsEditor view={view} environmentId={target.kind === 'environments' ? target.environmentId : null} />}
      </div>
    </aside>
  );
}
