import { useState } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore } from '../../store/app-store.js';

/** Opens another workspace folder by its path (a git checkout, a shared drive). */
export function FolderBox() {
  const t = useT();
  const [path, setPath] = useState('');
  const [create, setCreate] = useState(false);
  return (
    <details className="folder-box">
      <summary>{t('workspace:sidebar.openFolder')}</summary>
      <input aria-label={t('workspace:sidebar.folderPlaceholder')} placeholder={t('workspace:sidebar.folderPlaceholder')} value={path} onChange={(event) => setPath(event.target.value)} />
      <label>
        <input type="checkbox" checked={create} onChange={(event) => setCreate(event.target.checked)} /> {t('workspace:sidebar.createFolder')}
      </label>
      <button type="button" disabled={path.trim() === ''} onClick={() => void getAppStore().getState().workspaceFiles.openFolder(path.trim(), create)}>
        {t('workspace:sidebar.openFolder')}
      </button>
    </details>
  );
}
