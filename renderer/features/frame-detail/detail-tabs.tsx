import type { ReactNode } from 'react';

/**
 * Frame detail's row of view tabs (a frame's payload views, a handshake's two sides): one tab per
 * name, the current one selected, and what follows the tabs (`children`) pushed to the row's end.
 */
export function DetailTabs<Name extends string>({ label, names, text, current, onSelect, children }: {
  label: string;
  names: readonly Name[];
  /** A tab's visible name. */
  text: (name: Name) => string;
  current: Name;
  onSelect: (name: Name) => void;
  children?: ReactNode;
}) {
  return (
    <div className="toolbar" role="tablist" aria-label={label}>
      {names.map((name) => (
        <button key={name} type="button" role="tab" aria-selected={current === name} onClick={() => onSelect(name)}>
          {text(name)}
        </button>
      ))}
      <span className="toolbar-spacer" />
      {children}
    </div>
  );
}
