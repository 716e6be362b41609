import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';
import type { AppState } from '../../store/types.js';

/**
 * A wait this long is said on its own: a flood of short waits (a few dozen milliseconds each)
 * shows in the count, and saying each one would blink with every summary.
 */
const LONG_WAIT_MS = 1_000;

function activeSummary(state: AppState): SessionSummary | undefined {
  return state.sessions.byId[state.sessions.activeId ?? ''];
}

/**
 * The active session's inflate-budget pauses above its timeline (issue 19): how often and how long
 * reading has waited so far and a long wait still running, from the summary main sends with each records
 * batch and, when they moved with no batch, once a second (a few dozen a second at most, however many pauses),
 * and once closed the final figures the capture's warning holds. The timeline itself keeps two
 * records: the first crossing and that last word.
 */
export function InflatePausesBar() {
  const t = useT();
  // Each figure on its own: a new summary whose figures did not move re-renders nothing.
  const count = useApp((state) => activeSummary(state)?.inflatePauses?.count ?? 0);
  const totalMs = useApp((state) => activeSummary(state)?.inflatePauses?.totalMs ?? 0);
  const longestMs = useApp((state) => activeSummary(state)?.inflatePauses?.longestMs ?? 0);
  const limit = useApp((state) => activeSummary(state)?.inflatePauses?.limit ?? 0);
  const waitingMs = useApp((state) => activeSummary(state)?.inflatePauses?.waitingMs ?? 0);
  const isClosed = useApp((state) => activeSummary(state)?.state === 'closed');
  if (count === 0) return null;
  const figures = { count, totalMs, longestMs, limit };
  return (
    <div className="note warn inflate-pauses" aria-label={t('timeline:inflatePauses.label')} title={t('timeline:inflatePauses.title')} data-testid="inflate-pauses">
      {isClosed ? t('capture:inflatePauses.summary', figures) : t('capture:inflatePauses.soFar', figures)}
      {waitingMs >= LONG_WAIT_MS && !isClosed && <strong className="inflate-waiting">{t('timeline:inflatePauses.waiting', { waitingMs })}</strong>}
    </div>
  );
}
