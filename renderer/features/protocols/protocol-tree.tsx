import { isJsonBytes } from '../../../shared/app-protocol/protocol-json.js';
import { base64ToBytes, bytesToHex } from '../../lib/bytes.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';

/** Bytes shown in a tree leaf before "…". */
const hexPreviewBytes = 48;

/** A scalar as it reads in the tree: strings quoted and made visible, bytes as a count and hex. */
function Leaf({ value }: { value: unknown }) {
  const t = useT();
  if (isJsonBytes(value)) {
    const bytes = base64ToBytes(value.$bytes);
    const hex = bytesToHex(bytes.subarray(0, hexPreviewBytes), ' ');
    return <span className="tree-bytes">{`${t('protocols:tree.bytes', { count: bytes.length })} ${hex}${bytes.length > hexPreviewBytes ? ' …' : ''}`}</span>;
  }
  if (typeof value === 'string') return <span className="tree-string">"<VisibleText text={value} />"</span>;
  return <span className={`tree-${value === null ? 'null' : typeof value}`}>{String(value)}</span>;
}

/** True for a value the tree opens (an object or list that is not a byte string). */
function isBranch(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null && !isJsonBytes(value);
}

/**
 * One node of a protocol message's decoded structure: objects and lists open and close (the first
 * levels open), scalars inline. Keys and strings came from a peer, so they are shown visible.
 */
export function TreeNode({ name, value, depth = 0 }: { name: string; value: unknown; depth?: number }) {
  if (!isBranch(value)) {
    return (
      <li className="tree-leaf">
        <span className="tree-key"><VisibleText text={name} /></span>: <Leaf value={value} />
      </li>
    );
  }
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  return (
    <li>
      <details open={depth < 3}>
        <summary>
          <span className="tree-key"><VisibleText text={name} /></span>
          <span className="muted">{Array.isArray(value) ? ` [${entries.length}]` : ` {${entries.length}}`}</span>
        </summary>
        <ul className="tree">
          {entries.map(([key, item]) => <TreeNode key={key} name={key} value={item} depth={depth + 1} />)}
        </ul>
      </details>
    </li>
  );
}
