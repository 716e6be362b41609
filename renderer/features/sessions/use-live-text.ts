import { useEffect, useRef } from 'react';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { formatCount, formatElapsed } from '../../lib/format.js';
import { getAppStore } from '../../store/app-store.js';

/** When a session stopped: its close, or an imported capture's last record; null while it runs. */
export function sessionEnd(summary: SessionSummary): number | null {
  return summary.closed?.at ?? summary.endedAt ?? null;
}

/** Elapsed time and record count, written straight into the DOM (transient subscriptions, no re-render). */
export function useLiveText(summary: SessionSummary | undefined) {
  const elapsedRef = useRef<HTMLSpanElement>(null);
  const countRef = useRef<HTMLSpanElement>(null);
  const id = summary?.id;
  const openedAt = summary?.openedAt ?? 0;
  const end = summary ? sessionEnd(summary) : null;
  const isRunning = summary !== undefined && summary.state !== 'closed' && end === null;
  useEffect(() => {
    const writeElapsed = (): void => {
      if (elapsedRef.current) elapsedRef.current.textContent = formatElapsed((end ?? Date.now()) - openedAt);
    };
    writeElapsed();
    const timer = isRunning ? setInterval(writeElapsed, 1000) : undefined;
    return () => clearInterval(timer);
  }, [openedAt, end, isRunning]);
  const records = summary?.counts.records ?? 0;
  useEffect(() => {
    if (id === undefined) return undefined;
    const store = getAppStore();
    const write = (count: number): void => {
      if (countRef.current) countRef.current.textContent = formatCount(count);
    };
    write(store.getState().sessions.recordCounts[id] ?? records);
    return store.subscribe((state, previous) => {
      const count = state.sessions.recordCounts[id];
      if (count !== undefined && count !== previous.sessions.recordCounts[id]) write(count);
    });
  }, [id, records]);
  return { elapsedRef, countRef };
}
