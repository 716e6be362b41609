import { useState } from 'react';
import { useT } from '../../lib/use-t.js';
import { UnopenedNote } from '../connection/unopened-secrets.js';
import { getAppStore } from '../../store/app-store.js';
import { SecretField } from './secret-field.js';

/** The store key of secrets that hold in every environment. */
const EVERY_ENVIRONMENT = '*';

/**
 * Secrets that every environment uses: the values moved out of connection files when they were
 * saved (`{{shop.authorization}}`). There is no file to save here, so Set and Clear apply at once.
 */
export function WorkspaceSecrets({ names, unopenedNames }: { names: readonly string[]; unopenedNames: readonly string[] }) {
  const t = useT();
  return (
    <section className="workspace-secrets" aria-label={t('workspace:editor.workspaceSecrets')}>
      <h4>{t('workspace:editor.workspaceSecrets')}</h4>
      <p className="hint">{t('workspace:editor.workspaceSecretsHint')}</p>
      {unopenedNames.length > 0 && <UnopenedNote text={t('workspace:editor.unopenedNote', { names: unopenedNames })} />}
      {names.length === 0 ? (
        <p className="hint">{t('workspace:editor.noWorkspaceSecrets')}</p>
      ) : (
        <ul className="variable-rows">
          {names.map((name) => (
            <WorkspaceSecret key={name} name={name} isUnopened={unopenedNames.includes(name)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WorkspaceSecret({ name, isUnopened }: { name: string; isUnopened: boolean }) {
  const t = useT();
  const editor = getAppStore().getState().workspaceEditor;
  const [input, setInput] = useState<string | null>(null);
  const [isCleared, setCleared] = useState(false);
  const isPending = (input !== null && input !== '') || isCleared;
  return (
    <li className="variable-row">
      <span className="mono variable-name">{name}</span>
      <div className="variable-value">
        <SecretField name={name} isStored isUnopened={isUnopened} input={input} isCleared={isCleared} onInput={setInput} onClear={setCleared} reveal={() => editor.revealSecret(EVERY_ENVIRONMENT, name)} />
        {isPending && (
          <button
            type="button"
            className="primary"
            onClick={() => void editor.setSecrets(EVERY_ENVIRONMENT, { [name]: isCleared ? null : input }).then((isDone) => {
              if (!isDone) return;
              setInput(null);
              setCleared(false);
            })}
          >
            {t('workspace:editor.apply')}
          </button>
        )}
      </div>
    </li>
  );
}
