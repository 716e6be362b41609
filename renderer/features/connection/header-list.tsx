import type { SessionOptions } from '../../../shared/contract/session-options.js';

type Headers = SessionOptions['headers'];

/** Ordered, editable request headers: order and case are sent as shown. */
export function HeaderList({ headers, onChange }: { headers: Headers; onChange: (headers: Headers) => void }) {
  const replace = (index: number, pair: [string, string]): void => onChange(headers.map((item, i) => (i === index ? pair : item)));
  const move = (index: number, by: -1 | 1): void => {
    const next = [...headers];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <div className="header-list">
      {headers.map(([name, value], index) => (
        <div className="header-item" key={index}>
          <input aria-label={`Header ${index + 1} name`} placeholder="Name" spellCheck={false} value={name} onChange={(event) => replace(index, [event.target.value, value])} />
          <input aria-label={`Header ${index + 1} value`} placeholder="Value" spellCheck={false} value={value} onChange={(event) => replace(index, [name, event.target.value])} />
          <button type="button" aria-label={`Move header ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
          <button type="button" aria-label={`Move header ${index + 1} down`} disabled={index === headers.length - 1} onClick={() => move(index, 1)}>↓</button>
          <button type="button" aria-label={`Remove header ${index + 1}`} onClick={() => onChange(headers.filter((_, i) => i !== index))}>×</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...headers, ['', '']])}>Add header</button>
    </div>
  );
}
