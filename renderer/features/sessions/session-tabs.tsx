import { memo, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { visibleText } from '../../../shared/text/visible-text.js';
import { formatCount, formatElapsed } from '../../lib/format.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { ViewSwitch } from '../workspace/view-switch.js';

/** A short label for a session: host and path of its URL. */
function sessionLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url;
  }
}

/** Elapsed time and record count, written straight into the DOM (transient subscriptions, no re-render). */
function useLiveText(summary: SessionSummary) {
  const elapsedRef = useRef<HTMLSpanElement>(null);
  const countRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const writeElapsed = (): void => {
      const end = summary.closed?.at ?? Date.now();
      if (elapsedRef.current) elapsedRef.current.textContent = formatElapsed(end - summary.openedAt);
    };
    writeElapsed();
    const timer = summary.state === 'closed' ? undefined : setInterval(writeElapsed, 1000);
    return () => clearInterval(timer);
  }, [summary.openedAt, summary.closed?.at, summary.state]);
  useEffect(() => {
    const store = getAppStore();
    const write = (count: number): void => {
      if (countRef.current) countRef.current.textContent = formatCount(count);
    };
    write(store.getState().sessions.recordCounts[summary.id] ?? summary.counts.records);
    return store.subscribe((state, previous) => {
      const count = state.sessions.recordCounts[summary.id];
      if (count !== undefined && count !== previous.sessions.recordCounts[summary.id]) write(count);
    });
  }, [summary.id, summary.counts.records]);
  return { elapsedRef, countRef };
}

/** Where a session came from, when not from Connect. */
function OriginBadge({ summary }: { summary: SessionSummary }) {
  const origin = summary.origin;
  if (origin?.kind === 'doctor') return <span className="badge">doctor · {origin.probe}</span>;
  if (origin?.kind === 'listen') return <span className="badge">listen #{origin.connection}</span>;
  if (origin?.kind === 'relay') return <span className="badge">relay #{origin.connection}</span>;
  if (origin?.kind === 'fanout') return <span className="badge">fan-out · {origin.client}</span>;
  if (origin?.kind === 'conformance') return <span className="badge">conformance · {origin.caseId}</span>;
  return summary.readOnly ? <span className="badge">imported</span> : null;
}

const SessionTab = memo(function SessionTab({ id, isActive }: { id: string; isActive: boolean }) {
  const summary = useApp((state) => state.sessions.byId[id]);
  const { elapsedRef, countRef } = useLiveText(summary ?? { id, url: '', state: 'closed', openedAt: 0, counts: { records: 0, framesIn: 0, framesOut: 0 }, statusCode: null, readOnly: false });
  if (!summary) return null;
  const isFailed = summary.statusCode !== null && summary.statusCode !== 101;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={isActive}
      className={`session-tab state-${summary.state}${isFailed ? ' failed' : ''}`}
      onClick={() => getAppStore().getState().sessions.select(id)}
      title={`${visibleText(summary.url)}\n${summary.state}${summary.closed?.message ? ` · ${visibleText(summary.closed.message)}` : ''}\nframes: ${summary.counts.framesOut} sent, ${summary.counts.framesIn} received`}
    >
      <span className="state-dot" aria-hidden="true" />
      <span className="tab-label">{visibleText(sessionLabel(summary.url))}</span>
      {isFailed && <span className="status-pill bad">{summary.statusCode}</span>}
      <OriginBadge summary={summary} />
      <span className="tab-meta">
        <span className="visually-hidden">{summary.state}</span>
        <span ref={elapsedRef} />
        {' · '}
        <span ref={countRef} />
      </span>
    </button>
  );
});

/** Doctor probes, conformance cases and fan-out clients stay out of the tabs (their views link to them) unless one is being shown. */
function isProbeSession(summary: SessionSummary | undefined): boolean {
  const kind = summary?.origin?.kind;
  return kind === 'doctor' || kind === 'conformance' || kind === 'fanout';
}

/**
 * Sessions side by side as tabs, each with state, elapsed time and record count; closed ones
 * stay. A diagnosis opens several probe sessions: they stay out of the tabs (the Doctor links to
 * them) unless one is being shown.
 */
export function SessionTabs() {
  const activeId = useApp((state) => state.sessions.activeId);
  // Shallow-compared, so count updates (every records batch) do not re-render the tab list.
  const shown = useApp(useShallow((state) => state.sessions.order.filter((id) => id === state.sessions.activeId || !isProbeSession(state.sessions.byId[id]))));
  return (
    <nav className="session-tabs" aria-label="Sessions">
      <ViewSwitch />
      <div role="tablist" aria-label="Sessions" className="tablist">
        {shown.map((id) => <SessionTab key={id} id={id} isActive={id === activeId} />)}
        {shown.length === 0 && <span className="muted tab-empty">No sessions yet: enter a ws:// or wss:// URL and press Connect.</span>}
      </div>
    </nav>
  );
}
