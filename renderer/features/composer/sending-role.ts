import type { SessionSummary } from '../../../shared/contract/api-session.js';
import type { MaskChoice } from '../../../shared/contract/api-send.js';

/** Who the window speaks as on a session: the server on a listened connection, the client elsewhere. */
export type SendingRole = 'client' | 'server';

/** The role the window sends as on this session. */
export function sendingRole(summary: Pick<SessionSummary, 'origin'> | undefined): SendingRole {
  return summary?.origin?.kind === 'listen' ? 'server' : 'client';
}

/** How a frame is masked when nobody chose: a client masks with a fresh key, a server never masks (RFC 6455 §5.1). */
export function roleMask(role: SendingRole): MaskChoice {
  return role === 'server' ? 'none' : 'random';
}
