import { useState } from 'react';
import { useT } from '../../lib/use-t.js';

/** Where a secret stands in the editor. */
export interface SecretFieldProps {
  /** The variable's name, for labels. */
  readonly name: string;
  readonly isStored: boolean;
  /** The stored value is sealed with a key this process cannot open: marked to be typed again, never revealed. */
  readonly isUnopened?: boolean;
  /** A new value being typed; null while none is. */
  readonly input: string | null;
  /** The stored value is to be cleared. */
  readonly isCleared: boolean;
  readonly onInput: (value: string | null) => void;
  readonly onClear: (isCleared: boolean) => void;
  /** Fetches the stored value in clear; only called when the user presses Reveal. */
  readonly reveal: () => Promise<string | null>;
}

/**
 * A secret's value: never on screen once stored, only dots and "stored"; Reveal shows it until Hide
 * (or until the field is rebuilt), Change types a new one in a password field, Clear removes it.
 * One sealed with a key this process cannot open says so and offers Change and Clear, its new-value
 * field marked as the settings drawer marks such a field until something is typed.
 */
export function SecretField({ name, isStored, isUnopened = false, input, isCleared, onInput, onClear, reveal }: SecretFieldProps) {
  const t = useT();
  const [revealed, setRevealed] = useState<string | null>(null);
  if (input !== null) {
    return (
      <div className="secret-field">
        <input
          type="password"
          className="mono"
          autoComplete="new-password"
          spellCheck={false}
          aria-label={t('workspace:editor.secretNew', { name })}
          value={input}
          autoFocus
          onChange={(event) => onInput(event.target.value)}
          {...(isUnopened && input === '' ? { 'aria-invalid': true, placeholder: t('connection:unopened.placeholder') } : {})}
        />
        <button type="button" onClick={() => onInput(null)}>{t('workspace:editor.undo')}</button>
      </div>
    );
  }
  if (isCleared) {
    return (
      <div className="secret-field">
        <span className="secret-state is-cleared">{t('workspace:editor.secretCleared')}</span>
        <button type="button" onClick={() => onClear(false)}>{t('workspace:editor.undo')}</button>
      </div>
    );
  }
  if (!isStored) {
    return (
      <div className="secret-field">
        <span className="secret-state">{t('workspace:editor.secretNotSet')}</span>
        <button type="button" onClick={() => onInput('')}>{t('workspace:editor.setValue')}</button>
      </div>
    );
  }
  if (isUnopened) {
    return (
      <div className="secret-field">
        <span className="secret-state is-unopened" aria-label={`${name}: ${t('workspace:editor.secretUnopened')}`}>{t('workspace:editor.secretUnopened')}</span>
        <button type="button" onClick={() => onInput('')}>{t('workspace:editor.change')}</button>
        <button type="button" onClick={() => onClear(true)}>{t('workspace:editor.clear')}</button>
      </div>
    );
  }
  return (
    <div className="secret-field">
      {revealed !== null ? (
        <input readOnly className="mono revealed" spellCheck={false} aria-label={t('workspace:editor.secretRevealed', { name })} value={revealed} />
      ) : (
        <span className="secret-state" aria-label={`${name}: ${t('workspace:editor.secretStored')}`}>
          <span aria-hidden="true">••••••••</span> {t('workspace:editor.secretStored')}
        </span>
      )}
      <button type="button" aria-pressed={revealed !== null} onClick={() => (revealed !== null ? setRevealed(null) : void reveal().then((value) => setRevealed(value ?? '')))}>
        {revealed !== null ? t('workspace:editor.hide') : t('workspace:editor.reveal')}
      </button>
      <button type="button" onClick={() => onInput('')}>{t('workspace:editor.change')}</button>
      <button type="button" onClick={() => onClear(true)}>{t('workspace:editor.clear')}</button>
    </div>
  );
}
