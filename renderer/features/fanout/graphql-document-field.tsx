/** A pasted document shows up to this many lines before it scrolls. */
const maxDocumentRows = 6;

/** What a GraphQL document field shows and where its text goes. */
export interface GraphqlDocumentFieldProps {
  readonly label: string;
  readonly title: string;
  readonly placeholder: string;
  readonly value: string;
  readonly isDisabled: boolean;
  readonly onChange: (value: string) => void;
}

/** A GraphQL document typed or pasted into the Fan-out bar: the subscription every client runs, or the senders' mutation. */
export function GraphqlDocumentField({ label, title, placeholder, value, isDisabled, onChange }: GraphqlDocumentFieldProps) {
  return (
    <label className="number-field document-field" title={title}>
      <span className="muted">{label}</span>
      {/* A textarea keeps the line breaks of a pasted document (an input drops them, which would end a # comment late). */}
      <textarea className="mono" rows={Math.min(maxDocumentRows, value.split('\n').length)} value={value} placeholder={placeholder} spellCheck={false} translate="no" disabled={isDisabled} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}
