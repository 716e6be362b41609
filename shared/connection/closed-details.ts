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
  /** Strict mode (§7.1.7): the rule that failed the connection and the seq of the record that broke it. */
  strictFailure?: StrictFailure;
}

/** Which received record made strict mode fail the connection, and by which rule. */
export interface StrictFailure {
  readonly seq: number;
  readonly rule: string;
}
