import { useEffect, useRef, useState } from 'react';

/** A name that becomes an input while renaming: Enter or leaving the field commits, Escape cancels. */
export function InlineName({ name, isEditing, onCommit, onCancel }: { name: string; isEditing: boolean; onCommit: (name: string) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(name);
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    if (!isEditing) return;
    setDraft(name);
    input.current?.focus();
    input.current?.select();
  }, [isEditing, name]);
  if (!isEditing) return <span className="item-name" translate="no">{name}</span>;
  return (
    <input
      ref={input}
      className="item-name-input"
      value={draft}
      aria-label={name}
      onChange={(event) => setDraft(event.target.value)}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') onCommit(draft);
        if (event.key === 'Escape') onCancel();
      }}
      onBlur={() => onCommit(draft)}
    />
  );
}
