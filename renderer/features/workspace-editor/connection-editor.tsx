import { useEffect, useMemo, useState } from 'react';
import { liveUnopenedSecrets } from '../../../shared/settings/unopened-secrets.js';
import type { ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore } from '../../store/app-store.js';
import { UnopenedSecretsNote, useUnopenedUrlMarks } from '../connection/unopened-secrets.js';
import { connectionDraftOf, connectionDraftProblems, connectionEdit, toggleReplay, type ConnectionDraft, type FieldProblem } from './connection-draft.js';

/**
 * A saved connection's own settings: name, description, URL and auto-reconnect (on or off, base,
 * cap, attempts in a row, and the saved messages sent again after each reconnect, in order).
 * The other session options are the connection bar's settings drawer. Values of the file this
 * process cannot open are marked as the drawer marks them: the URL flagged, a note naming each.
 */
export function ConnectionEditor({ file }: { file: ConnectionFile }) {
  const t = useT();
  const [draft, setDraft] = useState<ConnectionDraft>(() => connectionDraftOf(file));
  const [isSaving, setSaving] = useState(false);
  const fileText = JSON.stringify(file);
  useEffect(() => setDraft(connectionDraftOf(JSON.parse(fileText) as ConnectionFile)), [fileText]);
  const problems = connectionDraftProblems(draft, file);
  const hasProblems = Object.keys(problems.fields).length > 0;
  const isDirty = JSON.stringify(draft) !== JSON.stringify(connectionDraftOf(file));
  // Values of the file this process could not open (copied from a sealed profile): judged against the URL as typed here.
  const unopened = useMemo(() => liveUnopenedSecrets({ ...file.options, url: draft.url }), [file.options, draft.url]);
  const urlMarks = useUnopenedUrlMarks(unopened);
  const problemText = (problem: FieldProblem | undefined): string | null => (problem === undefined ? null : 'min' in problem ? t(problem.key, { min: problem.min, max: problem.max }) : t(problem.key));
  const set = (change: Partial<ConnectionDraft>): void => setDraft((current) => ({ ...current, ...change }));
  const save = async (): Promise<void> => {
    setSaving(true);
    await getAppStore().getState().workspaceFiles.saveConnection(connectionEdit(draft, file));
    setSaving(false);
  };
  const numberField = (field: 'baseMs' | 'capMs' | 'maxAttempts', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input inputMode="numeric" className={problems.fields[field] ? 'invalid' : undefined} value={draft[field]} disabled={!draft.isReconnectEnabled} onChange={(event) => set({ [field]: event.target.value })} />
    </label>
  );
  return (
    <form
      className="connection-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (isDirty && !hasProblems) void save();
      }}
    >
      <fieldset className="drawer-section">
        <legend>{t('workspace:editor.connection')}</legend>
        <label className="field">
          <span>{t('workspace:editor.name')}</span>
          <input className={problems.fields.name ? 'invalid' : undefined} value={draft.name} onChange={(event) => set({ name: event.target.value })} />
        </label>
        <FieldProblemLine text={problemText(problems.fields.name)} />
        <label className="field">
          <span>{t('workspace:editor.url')}</span>
          <input className={`mono${problems.fields.url ? ' invalid' : ''}`} spellCheck={false} value={draft.url} onChange={(event) => set({ url: event.target.value })} {...urlMarks} />
        </label>
        <FieldProblemLine text={problemText(problems.fields.url)} />
        <UnopenedSecretsNote unopened={unopened} place="workspace" />
        <label className="field">
          <span>{t('workspace:editor.description')}</span>
          <textarea rows={2} value={draft.description} onChange={(event) => set({ description: event.target.value })} />
        </label>
      </fieldset>
      <fieldset className="drawer-section reconnect-section">
        <legend>{t('workspace:editor.reconnect')}</legend>
        <label className="check">
          <input type="checkbox" checked={draft.isReconnectEnabled} onChange={(event) => set({ isReconnectEnabled: event.target.checked })} />
          {t('workspace:editor.reconnectEnabled')}
        </label>
        <div className="field-row three">
          {numberField('baseMs', t('workspace:editor.baseMs'))}
          {numberField('capMs', t('workspace:editor.capMs'))}
          {numberField('maxAttempts', t('workspace:editor.maxAttempts'))}
        </div>
        <FieldProblemLine text={problemText(problems.fields.baseMs ?? problems.fields.capMs ?? problems.fields.maxAttempts)} />
        {problems.isBaseAboveCap && <div className="note warn">{t('workspace:editor.problem.baseAboveCap')}</div>}
        <p className="hint">{t('workspace:editor.reconnectHint')}</p>
        <div className="replay-list" role="group" aria-label={t('workspace:editor.replay')}>
          <span className="field-label">{t('workspace:editor.replay')}</span>
          {file.messages.length === 0 && <p className="hint">{t('workspace:editor.noMessages')}</p>}
          {file.messages.map((message) => {
            const position = draft.replay.indexOf(message.id);
            return (
              <label key={message.id} className="check replay-item">
                <input type="checkbox" disabled={!draft.isReconnectEnabled} checked={position !== -1} onChange={(event) => setDraft((current) => toggleReplay(current, file, message.id, event.target.checked))} />
                <span className="replay-order" aria-hidden="true">{position === -1 ? '' : position + 1}</span>
                <span translate="no">{message.name}</span>
              </label>
            );
          })}
          {problems.missingReplay.map((id) => (
            <div key={id} className="replay-item missing">
              <span className="field-problem">{t('workspace:editor.missingReplay', { id })}</span>
              <button type="button" className="icon-button" aria-label={t('workspace:editor.removeReplay', { id })} title={t('workspace:editor.removeReplay', { id })} onClick={() => setDraft((current) => toggleReplay(current, file, id, false))}>
                ✕
              </button>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="button-row editor-actions">
        <span className="toolbar-spacer" />
        {isDirty && <span className="unsaved">{t('workspace:editor.unsaved')}</span>}
        <button type="button" disabled={!isDirty || isSaving} onClick={() => setDraft(connectionDraftOf(file))}>{t('workspace:editor.revert')}</button>
        <button type="submit" className="primary" disabled={!isDirty || hasProblems || isSaving}>{t('workspace:editor.save')}</button>
      </div>
    </form>
  );
}

function FieldProblemLine({ text }: { text: string | null }) {
  return text === null ? null : <div className="field-problem" role="alert">{text}</div>;
}
