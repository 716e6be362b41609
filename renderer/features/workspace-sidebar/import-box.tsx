import { useState } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore } from '../../store/app-store.js';

/** Paste a Postman collection, an Apifox export or a wscat/websocat command line; each WebSocket request becomes a connection. */
export function ImportBox() {
  const t = useT();
  const [kind, setKind] = useState<'postman' | 'apifox' | 'command-line'>('command-line');
  const [text, setText] = useState('');
  return (
    <details className="import-box">
      <summary>{t('workspace:sidebar.importLabel')}</summary>
      <select aria-label={t('workspace:sidebar.importKind')} value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
        <option value="command-line">{t('workspace:sidebar.importCommand')}</option>
        <option value="postman">{t('workspace:sidebar.importPostman')}</option>
        <option value="apifox">{t('workspace:sidebar.importApifox')}</option>
      </select>
      <textarea aria-label={t('workspace:sidebar.importPlaceholder')} placeholder={t('workspace:sidebar.importPlaceholder')} value={text} rows={3} onChange={(event) => setText(event.target.value)} />
      <button
        type="button"
        disabled={text.trim() === ''}
        onClick={() => void getAppStore().getState().workspaceFiles.importFrom({ kind, text }).then(() => setText(''))}
      >
        {t('workspace:sidebar.importButton')}
      </button>
    </details>
  );
}
