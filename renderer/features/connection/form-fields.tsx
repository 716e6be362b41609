import type { ReactNode } from 'react';

/** Small labelled inputs for the settings drawer. Empty optional fields mean "not set". */

export function TextField({ label, value, onChange, placeholder, type = 'text', isInvalid = false }: { label: string; value: string | undefined; onChange: (value: string | undefined) => void; placeholder?: string; type?: 'text' | 'password'; isInvalid?: boolean }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type={type} spellCheck={false} value={value ?? ''} placeholder={placeholder} aria-invalid={isInvalid || undefined} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />
    </label>
  );
}

export function NumberField({ label, value, onChange, min = 0, max, placeholder }: { label: string; value: number | undefined; onChange: (value: number | undefined) => void; min?: number; max?: number; placeholder?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        value={value ?? ''}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Math.floor(Number(event.target.value)))}
      />
    </label>
  );
}

export function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

export function SelectField<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly (readonly [T, string])[]; onChange: (value: T) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map(([option, text]) => <option key={option} value={option}>{text}</option>)}
      </select>
    </label>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="drawer-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
