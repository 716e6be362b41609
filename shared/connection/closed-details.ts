import type { ClosedBy, ClosedHow, EventText } from '../contract/records.js';

/** How the socket itself ended, as the endpoint saw it: `local` is our own drop (abort, listener stop). */
export type SocketEnd = 'fin' | 'rst' | 'timeout' | 'error' | 'local';

/** The details of the one `closed` event that ends every connection. */
export interface ClosedDetails {
  by: ClosedBy;
  how: ClosedHow;
  closeCode?: number;
  closeReason?: string;
  message?: string;
  /** `message` as a message, when it is a failure Frameline worded (shared/i18n/message.ts). */
  i18n?: EventText;
}
