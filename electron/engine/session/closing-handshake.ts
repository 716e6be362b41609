import type { ClosedBy, ClosedHow, EventText } from '../../../shared/contract/records.js';

/** How the socket itself ended, as the session saw it. */
export type SocketEnd = 'fin' | 'rst' | 'timeout' | 'error' | 'local';

/** The details of the one `closed` event that ends every session. */
export interface ClosedDetails {
  by: ClosedBy;
  how: ClosedHow;
  closeCode?: number;
  closeReason?: string;
  message?: string;
  /** `message` as a message, when it is a failure Frameline worded (shared/i18n/message.ts). */
  i18n?: EventText;
}

interface CloseFrameSeen {
  readonly closeCode?: number;
  readonly closeReason?: string;
}

/**
 * Follows the closing handshake (§7.1.2–§7.1.4) and decides who ended the connection and how.
 * Whoever sent the first close frame started it; a connection that ends without any close frame
 * was cut by the TCP peer — the server's OS or an intermediary such as nginx or a load balancer
 * — which the record calls `path`, because from the client's side the two look the same.
 */
export class ClosingHandshake {
  private sent: CloseFrameSeen | undefined;
  private received: CloseFrameSeen | undefined;
  private firstSender: 'client' | 'server' | undefined;

  /** True once we have written a close frame; §5.5.1: no data may follow it. */
  get hasSentClose(): boolean {
    return this.sent !== undefined;
  }

  /** True once the peer's close frame arrived. */
  get hasReceivedClose(): boolean {
    return this.received !== undefined;
  }

  /** Notes a close frame we wrote. */
  closeSent(frame: CloseFrameSeen): void {
    this.sent ??= frame;
    this.firstSender ??= 'client';
  }

  /** Notes a close frame the peer wrote. */
  closeReceived(frame: CloseFrameSeen): void {
    this.received ??= frame;
    this.firstSender ??= 'server';
  }

  /** The `closed` details once the socket has ended in the given way. */
  outcome(end: SocketEnd, message?: string): ClosedDetails {
    const withMessage = (details: ClosedDetails): ClosedDetails => (message ? { ...details, message } : details);
    if (this.firstSender === 'client') {
      const how: ClosedHow = this.received ? 'close-frame' : end === 'timeout' ? 'timeout' : end === 'local' ? 'close-frame' : end;
      return withMessage({ by: 'client', how, ...codeAndReason(this.sent) });
    }
    if (this.firstSender === 'server') {
      return withMessage({ by: 'server', how: 'close-frame', ...codeAndReason(this.received) });
    }
    switch (end) {
      case 'fin': return withMessage({ by: 'path', how: 'fin' });
      case 'rst': return withMessage({ by: 'path', how: 'rst' });
      case 'error': return withMessage({ by: 'path', how: 'error' });
      case 'timeout': return withMessage({ by: 'client', how: 'timeout' });
      case 'local': return withMessage({ by: 'client', how: 'fin' });
    }
  }
}

function codeAndReason(frame: CloseFrameSeen | undefined): Pick<ClosedDetails, 'closeCode' | 'closeReason'> {
  if (!frame || frame.closeCode === undefined) return {};
  return frame.closeReason ? { closeCode: frame.closeCode, closeReason: frame.closeReason } : { closeCode: frame.closeCode };
}
