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

/** Who ended a session, in words. */
export const CLOSED_BY_WORDS = {
  client: 'sessions:closedBy.client',
  server: 'sessions:closedBy.server',
  path: 'sessions:closedBy.path',
} as const satisfies Record<NonNullable<SessionSummary['closed']>['by'], string>;

/** How a session ended, in words. */
export const CLOSED_HOW_WORDS = {
  'close-frame': 'sessions:closedHow.close-frame',
  fin: 'sessions:closedHow.fin',
  rst: 'sessions:closedHow.rst',
  timeout: 'sessions:closedHow.timeout',
  error: 'sessions:closedHow.error',
} as const satisfies Record<NonNullable<SessionSummary['closed']>['how'], string>;
