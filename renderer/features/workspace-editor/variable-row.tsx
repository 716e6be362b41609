import { useT } from '../../lib/use-t.js';
import type { VariableDraft } from './environment-draft.js';
import { SecretField } from './secret-field.js';

/** What a variable row needs from its environment's form. */
export interface VariableRowProps {
  readonly row: VariableDraft;
  /** A stored value exists under the row's saved name. */
  readonly isStored: boolean;
  /** That stored value cannot be opened by this process. */
  readonly isUnopened: boolean;
  readonly problem: string | null;
  readonly onChange: (row: VariableDraft) => void;
  readonly onRemove: () => void;
  /** The stored value in clear (Reveal); null when none. */
  readonly reveal: () => Promise<string | null>;
}

/**
 * One variable: its name, whether it is secret, and its value — plain in a text field, secret
 * behind a SecretField. Making a stored secret plain reveals its value into the field, since the
 * user asked for it to be written in the file; making a plain value secret hides it at once.
 */
export function VariableRow({ row, isStored, isUnopened, problem, onChange, onRemove, reveal }: VariableRowProps) {
  const t = useT();
  const label = row.name || t('workspace:editor.variableName');
  const setSecret = (isSecret: boolean): void => {
    // A plain value made secret becomes the secret's new value (hidden from now on).
    if (isSecret) return onChange({ ...row, isSecret, secretInput: row.wasSecret || row.value === '' ? row.secretInput : row.value });
    if (!row.wasSecret || !isStored) return onChange({ ...row, isSecret, secretInput: null, isSecretCleared: false });
    void reveal().then((value) => onChange({ ...row, isSecret, value: value ?? '', secretInput: null, isSecretCleared: false }));
  };
  return (
    <li className={`variable-row${problem ? ' has-problem' : ''}`}>
      <input className={`mono variable-name${problem ? ' invalid' : ''}`} spellCheck={false} aria-label={t('workspace:editor.variableName')} placeholder={t('workspace:editor.variableName')} value={row.name} onChange={(event) => onChange({ ...row, name: event.target.value })} />
      <label className="check secret-toggle" title={t('workspace:editor.secretTitle')}>
        <input type="checkbox" checked={row.isSecret} onChange={(event) => setSecret(event.target.checked)} />
        {t('workspace:editor.secret')}
      </label>
      <button type="button" className="icon-button" aria-label={t('workspace:editor.removeVariable', { name: label })} title={t('workspace:editor.removeVariable', { name: label })} onClick={onRemove}>
        ✕
      </button>
      <div className="variable-value">
        {row.isSecret ? (
          <SecretField
            name={label}
            isStored={row.wasSecret && isStored}
            isUnopened={row.wasSecret && isStored && isUnopened}
            input={row.secretInput}
            isCleared={row.isSecretCleared}
            onInput={(secretInput) => onChange({ ...row, secretInput, isSecretCleared: false })}
            onClear={(isSecretCleared) => onChange({ ...row, isSecretCleared, secretInput: null })}
            reveal={reveal}
          />
        ) : (
          <input className="mono" spellCheck={false} aria-label={t('workspace:editor.variableValue', { name: label })} value={row.value} onChange={(event) => onChange({ ...row, value: event.target.value })} />
        )}
      </div>
      {problem && <div className="field-problem" role="alert">{problem}</div>}
    </li>
  );
}
