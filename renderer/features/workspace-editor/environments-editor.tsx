import { useCallback, useState } from 'react';
import type { WorkspaceView } from '../../../shared/contract/api-workspace.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore } from '../../store/app-store.js';
import { EnvironmentForm } from './environment-form.js';
import { WorkspaceSecrets } from './workspace-secrets.js';

/**
 * The environments of the workspace: pick one to edit (the one in use by default), add one, and
 * the secrets every environment shares. Picking another is locked while the form has unsaved edits.
 */
export function EnvironmentsEditor({ view, environmentId }: { view: WorkspaceView; environmentId: string | null }) {
  const t = useT();
  const editor = getAppStore().getState().workspaceEditor;
  const [isDirty, setDirty] = useState(false);
  const onDirty = useCallback((dirty: boolean) => setDirty(dirty), []);
  const selected = view.environments.find((environment) => environment.id === environmentId) ?? view.environments.find((environment) => environment.id === view.activeEnvironment) ?? view.environments[0] ?? null;
  return (
    <>
      <label className="field" title={isDirty ? t('workspace:editor.switchLocked') : undefined}>
        <span>{t('workspace:editor.environment')}</span>
        <select disabled={isDirty || selected === null} value={selected?.id ?? ''} onChange={(event) => editor.open({ kind: 'environments', environmentId: event.target.value })}>
          {view.environments.map((environment) => (
            <option key={environment.id} value={environment.id}>{environment.name}</option>
          ))}
        </select>
      </label>
      <AddEnvironment isDisabled={isDirty} />
      {selected ? (
        <EnvironmentForm key={selected.id} file={selected} storedNames={view.secretNames[selected.id] ?? []} unopenedNames={view.unopenedSecretNames[selected.id] ?? []} onDirty={onDirty} />
      ) : (
        <p className="hint">{t('workspace:editor.noEnvironments')}</p>
      )}
      <WorkspaceSecrets names={view.secretNames['*'] ?? []} unopenedNames={view.unopenedSecretNames['*'] ?? []} />
      <p className="hint" title={t('workspace:sidebar.secretsPathTitle', { path: view.secretStorage.path })}>
        {t('workspace:sidebar.secrets', { how: view.secretStorage.isEncrypted ? t('workspace:sidebar.secretsEncrypted') : t('workspace:sidebar.secretsPlain') })}
      </p>
    </>
  );
}

function AddEnvironment({ isDisabled }: { isDisabled: boolean }) {
  const t = useT();
  const [name, setName] = useState('');
  const add = (): void => {
    if (name.trim() === '') return;
    void getAppStore().getState().workspaceEditor.addEnvironment(name).then((id) => {
      if (id !== null) setName('');
    });
  };
  return (
    <div className="add-environment">
      <input
        aria-label={t('workspace:editor.newEnvironmentName')}
        placeholder={t('workspace:editor.newEnvironmentName')}
        disabled={isDisabled}
        value={name}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          add();
        }}
      />
      <button type="button" disabled={isDisabled || name.trim() === ''} onClick={add}>{t('workspace:editor.addEnvironment')}</button>
    </div>
  );
}
