import type { ClosedBy, ClosedHow } from '../contract/records.js';

/** How the socket itself ended, as the endpoint saw it: `local` is our own drop (abort, listener stop). */
export type SocketEnd = 'fin' | 'rst' | 'timeout' | 'error' | 'local';

/** The details of the one `closed` event that ends every connection. */
export interface ClosedDetails {
  by: ClosedBy;
  how: ClosedHow;
  closeCode?: number;
  closeReason?: string;
  message?: string;
}
