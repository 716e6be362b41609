import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { useT } from '../../lib/use-t.js';
import { isHeaderUnopened, useUnopenedSecrets } from './unopened-secrets.js';

type Headers = SessionOptions['headers'];

/** Ordered, editable request headers: order and case are sent as shown; a saved value this process cannot open is marked to be typed again. */
export function HeaderList({ headers, onChange }: { headers: Headers; onChange: (headers: Headers) => void }) {
  const t = useT();
  const unopened = useUnopenedSecrets();
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
          <input aria-label={t('connection:headers.name', { number: index + 1 })} placeholder={t('connection:headers.namePlaceholder')} spellCheck={false} value={name} onChange={(event) => replace(index, [event.target.value, value])} />
          <input
            aria-label={t('connection:headers.value', { number: index + 1 })}
            aria-invalid={isHeaderUnopened(unopened, headers, index) || undefined}
            placeholder={t(isHeaderUnopened(unopened, headers, index) ? 'connection:unopened.placeholder' : 'connection:headers.valuePlaceholder')}
            spellCheck={false}
            value={value}
            onChange={(event) => replace(index, [name, event.target.value])}
          />
          <button type="button" aria-label={t('connection:headers.moveUp', { number: index + 1 })} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
          <button type="button" aria-label={t('connection:headers.moveDown', { number: index + 1 })} disabled={index === headers.length - 1} onClick={() => move(index, 1)}>↓</button>
          <button type="button" aria-label={t('connection:headers.remove', { number: index + 1 })} onClick={() => onChange(headers.filter((_, i) => i !== index))}>×</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...headers, ['', '']])}>{t('connection:headers.add')}</button>
    </div>
  );
}
