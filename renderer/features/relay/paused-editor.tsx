import { useT } from '../../lib/use-t.js';
import { CodeEditor } from '../../monaco/code-editor.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** Edits a paused message: text and JSON in monaco, binary as hex; forwards the edited bytes. */
export function PausedEditor() {
  const t = useT();
  const edit = useApp((state) => state.relay.edit);
  const { relay } = getAppStore().getState();
  if (!edit) return null;
  return (
    <div className="paused-editor" aria-label={t('relay:view.editing', { id: edit.pausedId })}>
      <div className="panel-title">
        {t('relay:view.editing', { id: edit.pausedId })}
        <span className="muted">{edit.encoding === 'hex' ? t('relay:view.editHex') : edit.isJson ? t('relay:view.editJson') : t('relay:view.editText')}</span>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={() => void relay.submitEdit()}>{t('relay:view.forwardEdited')}</button>
        <button type="button" onClick={() => relay.cancelEdit()}>{t('relay:view.cancel')}</button>
      </div>
      {edit.encoding === 'hex' ? (
        <textarea className="hex-editor mono" aria-label={t('relay:view.editHex')} value={edit.text} onChange={(event) => relay.setEditText(event.target.value)} spellCheck={false} />
      ) : (
        <div className="paused-monaco">
          <CodeEditor modelKey={`paused-${edit.sessionId}-${edit.pausedId}`} language={edit.isJson ? 'json' : 'plaintext'} value={edit.text} ariaLabel={t('relay:view.editText')} onChange={(text) => relay.setEditText(text)} />
        </div>
      )}
    </div>
  );
}
