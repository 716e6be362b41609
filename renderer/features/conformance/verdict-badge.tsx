import type { Verdict } from '../../../shared/conformance/verdict.js';
import { verdictLabelKeys } from '../../../shared/conformance/verdict.js';
import { useT } from '../../lib/use-t.js';

/** The CSS class of each verdict's colour. */
export const verdictClass: Readonly<Record<Verdict, string>> = { OK: 'ok', 'NON-STRICT': 'non-strict', INFORMATIONAL: 'info', UNIMPLEMENTED: 'unimpl', FAILED: 'failed' };

/** A verdict as a coloured label, in the window's language. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const t = useT();
  return <span className={`verdict-badge ${verdictClass[verdict]}`}>{t(verdictLabelKeys[verdict] as 'conformance:verdict.ok')}</span>;
}
