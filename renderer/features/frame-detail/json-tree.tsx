import { useMemo, useState } from 'react';
import { utf8DecodeLenient } from '../../lib/bytes.js';
import { useT } from '../../lib/use-t.js';
import { ExactNumber, parseForTree, queryJsonPath } from './json-tree-model.js';

/** Children shown at first under one node; more on request, so a 100,000-item array stays quick. */
const CHILDREN_PAGE = 200;

function isBranch(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null && !(value instanceof ExactNumber);
}

/** A leaf as JSON writes it: strings quoted and escaped, large integers with every digit. */
function Leaf({ value }: { value: unknown }) {
  if (value instanceof ExactNumber) return <span className="json-number">{value.source}</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  return <span className="json-literal">{String(value)}</span>;
}

/** One node: a key and its value; objects and arrays open and close. */
function JsonNode({ name, value, depth, isOpenAtStart }: { name: string; value: unknown; depth: number; isOpenAtStart: boolean }) {
  const t = useT();
  const [isOpen, setOpen] = useState(isOpenAtStart);
  const [shown, setShown] = useState(CHILDREN_PAGE);
  if (!isBranch(value)) {
    return (
      <li role="treeitem" aria-level={depth + 1} className="json-node">
        <span className="json-key">{name}</span>
        <span className="json-colon">: </span>
        <Leaf value={value} />
      </li>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const summary = Array.isArray(value) ? t('frameDetail:tree.items', { count: entries.length }) : t('frameDetail:tree.keys', { count: entries.length });
  return (
    <li role="treeitem" aria-level={depth + 1} aria-expanded={isOpen} className="json-node">
      <button type="button" className="json-toggle" onClick={() => setOpen(!isOpen)} aria-label={t(isOpen ? 'frameDetail:tree.collapse' : 'frameDetail:tree.expand', { name })}>
        {isOpen ? '▾' : '▸'}
      </button>
      <span className="json-key">{name}</span>
      <span className="json-colon">: </span>
      <span className="json-summary">{`${Array.isArray(value) ? '[' : '{'} ${summary} ${Array.isArray(value) ? ']' : '}'}`}</span>
      {isOpen && (
        <ul role="group" className="json-children">
          {entries.slice(0, shown).map(([key, child]) => (
            <JsonNode key={key} name={Array.isArray(value) ? key : JSON.stringify(key)} value={child} depth={depth + 1} isOpenAtStart={depth < 1} />
          ))}
          {entries.length > shown && (
            <li>
              <button type="button" className="link-button" onClick={() => setShown(shown + CHILDREN_PAGE * 5)}>
                {t('frameDetail:tree.more', { shown, total: entries.length })}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/**
 * The payload as a collapsible JSON tree, with an RFC 9535 JSONPath filter: with a query, the
 * matches are listed under their normalized paths. Large integers keep every digit.
 */
export function JsonTree({ bytes }: { bytes: Uint8Array }) {
  const t = useT();
  const text = useMemo(() => utf8DecodeLenient(bytes), [bytes]);
  const parsed = useMemo(() => parseForTree(text), [text]);
  const [query, setQuery] = useState('');
  const result = useMemo(() => (parsed.ok && query.trim() !== '' ? queryJsonPath(parsed, query.trim()) : null), [parsed, query]);
  if (!parsed.ok) return <div className="note warn">{t('frameDetail:tree.notJson', { message: parsed.message })}</div>;
  return (
    <div className="json-tree-view">
      <div className="toolbar">
        <input
          className="mono jsonpath"
          aria-label={t('frameDetail:tree.query')}
          aria-invalid={result?.ok === false}
          placeholder="$.items[*].id"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {result?.ok === false && <span className="error-text" role="alert">{t('frameDetail:tree.badQuery', { message: result.message })}</span>}
        {result?.ok === true && <span className="muted" aria-live="polite">{t('frameDetail:tree.matches', { count: result.matches.length })}</span>}
      </div>
      <ul role="tree" aria-label={t('frameDetail:tree.label')} className="json-tree">
        {result?.ok === true
          ? result.matches.map((match) => <JsonNode key={match.path} name={match.path} value={match.value} depth={0} isOpenAtStart />)
          : <JsonNode name="$" value={parsed.exact} depth={0} isOpenAtStart />}
      </ul>
    </div>
  );
}
