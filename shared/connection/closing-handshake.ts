import type { SenderRole } from '../protocol/frame-decoder-options.js';
import type { ClosedDetails, SocketEnd } from './closed-details.js';

/** The code and reason a close frame carried (§5.5.1); both absent for an empty close body. */
export interface CloseFrameSeen {
  readonly closeCode?: number;
  readonly closeReason?: string;
}

/**
 * Follows the closing handshake of one endpoint (§7.1.2–§7.1.4) and decides who ended the
 * connection and how. Whoever sent the first close frame started it (§7.1.5: its code is the
 * connection's close code); a connection that ends without any close frame was cut by the TCP
 * peer — the other endpoint's OS or an intermediary such as nginx or a load balancer — which the
 * record calls `path`, because from this side the two look the same.
 */
export class ClosingHandshake {
  private sent: CloseFrameSeen | undefined;
  private received: CloseFrameSeen | undefined;
  private firstSender: SenderRole | undefined;
  private readonly peer: SenderRole;

  constructor(private readonly role: SenderRole) {
    this.peer = role === 'client' ? 'server' : 'client';
  }

  /** True once we have written a close frame; §5.5.1: no data frame may follow it. */
  get hasSentClose(): boolean {
    return this.sent !== undefined;
  }

  /** True once the peer's close frame arrived. */
  get hasReceivedClose(): boolean {
    return this.received !== undefined;
  }

  /** §7.1.2–§7.1.3: the handshake started once a close frame was sent or received. */
  get isStarted(): boolean {
    return this.firstSender !== undefined;
  }

  /** §5.5.1: both close frames crossed, so the TCP connection is to be closed. */
  get isComplete(): boolean {
    return this.sent !== undefined && this.received !== undefined;
  }

  /** Notes a close frame we wrote. */
  closeSent(frame: CloseFrameSeen): void {
    this.sent ??= frame;
    this.firstSender ??= this.role;
  }

  /** Notes a close frame the peer wrote. */
  closeReceived(frame: CloseFrameSeen): void {
    this.received ??= frame;
    this.firstSender ??= this.peer;
  }

  /** The `closed` details once the socket has ended in the given way. */
  outcome(end: SocketEnd, message?: string): ClosedDetails {
    const details = this.describe(end);
    return message ? { ...details, message } : details;
  }

  private describe(end: SocketEnd): ClosedDetails {
    if (this.firstSender === this.role) {
      // Our close was answered, or we dropped the connection ourselves while waiting: either way a close-frame ending.
      const how = this.received || end === 'local' ? 'close-frame' : end;
      return { by: this.role, how, ...codeAndReason(this.sent) };
    }
    if (this.firstSender === this.peer) return { by: this.peer, how: 'close-frame', ...codeAndReason(this.received) };
    switch (end) {
      case 'fin':
      case 'rst':
      case 'error':
        return { by: 'path', how: end };
      case 'timeout':
        return { by: this.role, how: 'timeout' };
      case 'local':
        return { by: this.role, how: 'fin' };
    }
  }
}

function codeAndReason(frame: CloseFrameSeen | undefined): Pick<ClosedDetails, 'closeCode' | 'closeReason'> {
  if (!frame || frame.closeCode === undefined) return {};
  return frame.closeReason ? { closeCode: frame.closeCode, closeReason: frame.closeReason } : { closeCode: frame.closeCode };
}
