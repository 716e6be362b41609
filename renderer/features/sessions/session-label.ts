import type { SessionSummary } from '../../../shared/contract/api-session.js';

/** A tab's label: the name the user gave it, else the host and path of its URL. */
export function sessionLabel(summary: Pick<SessionSummary, 'url' | 'name'>): string {
  if (summary.name) return summary.name;
  try {
    const parsed = new URL(summary.url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return summary.url;
  }
}

/** The words for each session state, as catalogue keys. */
export const SESSION_STATE_WORDS = {
  connecting: 'sessions:state.connecting',
  open: 'sessions:state.open',
  closing: 'sessions:state.closing',
  closed: 'sessions:state.closed',
} as const;
