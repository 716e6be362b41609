import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';
import type { AppState } from '../../store/types.js';

function activeSummary(state: AppState): SessionSummary | undefined {
  return state.sessions.byId[state.sessions.activeId ?? ''];
}

/**
 * The active session's inflate-budget pauses above its timeline (issue 19): how often and how long
 * reading has waited so far, from the summary main sends with each records batch (at most a few
 * dozen a second, however many pauses), and once closed the final figures the capture's warning
 * holds. The timeline itself keeps two records: the first crossing and that last word.
 */
export function InflatePausesBar() {
  const t = useT();
  // Each figure on its own: a new summary whose figures did not move re-renders nothing.
  const count = useApp((state) => activeSummary(state)?.inflatePauses?.count ?? 0);
  const totalMs = useApp((state) => activeSummary(state)?.inflatePauses?.totalMs ?? 0);
  const longestMs = useApp((state) => activeSummary(state)?.inflatePauses?.longestMs ?? 0);
  const limit = useApp((state) => activeSummary(state)?.inflatePauses?.limit ?? 0);
  const isClosed = useApp((state) => activeSummary(state)?.state === 'closed');
  if (count === 0) return null;
  const figures = { count, totalMs, longestMs, limit };
  return (
    <div className="note warn inflate-pauses" aria-label={t('timeline:inflatePauses.label')} title={t('timeline:inflatePauses.title')} data-testid="inflate-pauses">
      {isClosed ? t('capture:inflatePauses.summary', figures) : t('capture:inflatePauses.soFar', figures)}
    </div>
  );
}
