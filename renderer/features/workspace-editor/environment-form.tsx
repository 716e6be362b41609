import { useEffect, useState } from 'react';
import type { EnvironmentFile } from '../../../shared/workspace/environment-file.js';
import { useT } from '../../lib/use-t.js';
import { UnopenedNote } from '../connection/unopened-secrets.js';
import { getAppStore } from '../../store/app-store.js';
import { draftOf, draftProblems, environmentEdit, isDirty, newVariable, type EnvironmentDraft } from './environment-draft.js';
import { VariableRow } from './variable-row.js';

/**
 * One environment: its display name, its variables (plain or secret) and Delete. Edits stay in a
 * draft until Save, which writes the file and the secret changes together; Revert drops them. The
 * draft starts again from the file whenever the file itself changes (a save, an edit on disk).
 */
export function EnvironmentForm({ file, storedNames, unopenedNames, onDirty }: { file: EnvironmentFile; storedNames: readonly string[]; unopenedNames: readonly string[]; onDirty: (isDirty: boolean) => void }) {
  const t = useT();
  const editor = getAppStore().getState().workspaceEditor;
  const [draft, setDraft] = useState<EnvironmentDraft>(() => draftOf(file));
  const [isConfirmingDelete, setConfirmingDelete] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const fileText = JSON.stringify(file);
  useEffect(() => setDraft(draftOf(JSON.parse(fileText) as EnvironmentFile)), [fileText]);
  const problems = draftProblems(draft);
  const hasProblems = problems.name !== null || problems.variables.size > 0;
  const dirty = isDirty(draft, file);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const stored = new Set(storedNames);
  const update = (change: (draft: EnvironmentDraft) => EnvironmentDraft): void => setDraft(change);
  const save = async (): Promise<void> => {
    setSaving(true);
    const edit = environmentEdit(draft, storedNames, file);
    if (await editor.saveEnvironment(edit.file, edit.secrets)) setDraft(draftOf(edit.file));
    setSaving(false);
  };
  return (
    <form
      className="environment-form"
      aria-busy={isSaving}
      onSubmit={(event) => {
        event.preventDefault();
        if (dirty && !hasProblems) void save();
      }}
    >
      <fieldset className="plain-fieldset" disabled={isSaving}>
        <div className="field-row name-row">
          <label className="field">
            <span>{t('workspace:editor.name')}</span>
            <input className={problems.name ? 'invalid' : undefined} value={draft.name} onChange={(event) => update((current) => ({ ...current, name: event.target.value }))} />
          </label>
          <div className="delete-environment">
            {isConfirmingDelete ? (
              <span className="confirm" role="alert">
                {t('workspace:editor.confirmDelete', { name: file.name })}{' '}
                <button type="button" className="danger" onClick={() => void editor.deleteEnvironment(file.id)}>{t('workspace:editor.confirmYes')}</button>{' '}
                <button type="button" onClick={() => setConfirmingDelete(false)}>{t('workspace:editor.cancel')}</button>
              </span>
            ) : (
              <button type="button" onClick={() => setConfirmingDelete(true)}>{t('workspace:editor.deleteEnvironment')}</button>
            )}
          </div>
        </div>
        {problems.name && <div className="field-problem" role="alert">{t(problems.name)}</div>}
        <p className="hint">{t('workspace:editor.file', { file: `environments/${file.id}.json` })}</p>
        <h4>{t('workspace:editor.variables')}</h4>
        {unopenedNames.length > 0 && <UnopenedNote text={t('workspace:editor.unopenedNote', { names: unopenedNames })} />}
        {draft.variables.length === 0 && <p className="hint">{t('workspace:editor.noVariables')}</p>}
        <ul className="variable-rows">
          {draft.variables.map((row) => {
            const problem = problems.variables.get(row.key);
            return (
              <VariableRow
                key={row.key}
                row={row}
                isStored={row.originalName !== null && stored.has(row.originalName)}
                isUnopened={row.originalName !== null && unopenedNames.includes(row.originalName)}
                problem={problem ? t(problem.key, { name: problem.name }) : null}
                onChange={(changed) => update((current) => ({ ...current, variables: current.variables.map((each) => (each.key === row.key ? changed : each)) }))}
                onRemove={() => update((current) => ({ ...current, variables: current.variables.filter((each) => each.key !== row.key) }))}
                reveal={() => (row.originalName === null ? Promise.resolve(null) : editor.revealSecret(file.id, row.originalName))}
              />
            );
          })}
        </ul>
      </fieldset>
      <div className="button-row editor-actions">
        <button type="button" disabled={isSaving} onClick={() => update((current) => ({ ...current, variables: [...current.variables, newVariable()] }))}>{t('workspace:editor.addVariable')}</button>
        <span className="toolbar-spacer" />
        {dirty && <span className="unsaved">{t('workspace:editor.unsaved')}</span>}
        <button type="button" disabled={!dirty || isSaving} onClick={() => setDraft(draftOf(file))}>{t('workspace:editor.revert')}</button>
        <button type="submit" className="primary" disabled={!dirty || hasProblems || isSaving}>{t('workspace:editor.save')}</button>
      </div>
    </form>
  );
}
