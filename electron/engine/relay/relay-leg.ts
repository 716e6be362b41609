import { isUtf8 } from 'node:buffer';
import type { Duplex } from 'node:stream';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { ConnectionRecord } from '../../../shared/connection/connection-command.js';
import type { SeqCounter } from '../../../shared/connection/connection-options.js';
import type { Outgoing } from '../../../shared/connection/outgoing.js';
import { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import type { RelayLeg as LegName } from '../../../shared/contract/records.js';
import type { SessionLimits } from '../../../shared/contract/session-options.js';
import type { DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { ConnectionDriver } from '../connection/connection-driver.js';
import { connectionDeflate } from '../deflate/connection-deflate.js';
import { MaskingKeySource } from '../session/masking-keys.js';
import type { SessionClock } from '../session/session-clock.js';
import { SessionStateCell } from '../session/session-state.js';
import { unzeroedBytes } from '../connection/unzeroed-bytes.js';

/** What one leg reports to its relay session. */
export interface LegEvents {
  readonly onRecord: (leg: LegName, seq: number, record: ConnectionRecord) => void;
  readonly onApplied: () => void;
  readonly onClosed: (leg: LegName, details: ClosedDetails) => void;
  /** The leg's socket drained its write buffer. */
  readonly onDrain: () => void;
}

/** How a leg is set up. */
export interface LegSetup {
  readonly name: LegName;
  readonly socket: Duplex;
  readonly capture: CaptureLog;
  readonly clock: SessionClock;
  readonly seqs: SeqCounter;
  readonly limits: SessionLimits;
  readonly deflate: DeflateAgreement | null;
}

/**
 * One of a relay session's two connections: a WebSocketConnection in the role the relay plays on
 * it (the client's server on the `client` leg, the server's client on the `server` leg) driven
 * over its socket. Neither role answers pings or closes by itself: the relay forwards them and
 * the real peer answers. Reading can be paused for back-pressure.
 */
export class RelayLegConnection {
  readonly name: LegName;
  readonly state = new SessionStateCell();
  private readonly driver: ConnectionDriver;
  private readonly socket: Duplex;
  private isReadingPaused = false;
  private closedValue: ClosedDetails | null = null;

  constructor(setup: LegSetup, events: LegEvents) {
    this.name = setup.name;
    this.socket = setup.socket;
    const role = setup.name === 'client' ? 'server' : 'client';
    const keys = new MaskingKeySource();
    const connection = new WebSocketConnection({
      role,
      mode: 'observe',
      // Forwarding needs every payload whole, so a leg keeps what it reads up to the size limit.
      limits: { ...setup.limits, payloadRetentionBytes: Math.max(setup.limits.payloadRetentionBytes, setup.limits.maxPayloadBytes) },
      autoPong: false,
      autoCloseReply: false,
      autoPingIntervalMs: 0,
      nextMaskingKey: () => keys.next(),
      allocateBytes: unzeroedBytes,
      isUtf8,
      deflate: setup.deflate ? connectionDeflate(setup.deflate, role) : null,
      seqs: setup.seqs,
    });
    this.driver = new ConnectionDriver(setup.socket, connection, {
      capture: setup.capture,
      clock: setup.clock,
      state: this.state,
      onClosed: (details) => {
        this.closedValue = details;
        events.onClosed(this.name, details);
      },
      relay: { leg: setup.name, onRecord: (seq, record) => events.onRecord(this.name, seq, record), onApplied: events.onApplied },
    });
    setup.socket.on('drain', events.onDrain);
  }

  /** The connection after the opening handshake. */
  get connection(): WebSocketConnection {
    return this.driver.connection;
  }

  /** How the leg ended, once it has. */
  get closed(): ClosedDetails | null {
    return this.closedValue;
  }

  /** Bytes written but not yet taken by the peer's TCP window. */
  get writableLength(): number {
    return this.socket.writableLength;
  }

  /** Starts reading; `head` is frame bytes that came with the handshake. */
  start(head: Uint8Array): void {
    this.driver.start(head);
  }

  /** Writes on this leg; `links` are the seqs the written frames came from. Throws SendRefusedError when the leg cannot take it. */
  send(outgoing: Outgoing, links: readonly number[] = []): void {
    this.driver.send(outgoing, links);
  }

  /** Starts the closing handshake with `closeCode`, or drops the leg if it has started. */
  close(closeCode?: number, reason?: string): void {
    this.driver.close(closeCode, reason);
  }

  /** Drops the leg now. */
  abort(message?: string): void {
    this.driver.abort(message);
  }

  /** Stops or restarts reading from the peer (TCP then pushes back on it). */
  setReading(isReading: boolean): void {
    if (isReading === !this.isReadingPaused) return;
    this.isReadingPaused = !isReading;
    // The driver also pauses while it inflates a message in steps; it resumes only when neither holds.
    this.driver.setReading(isReading);
  }

  /** True while reading is paused for back-pressure. */
  get isPaused(): boolean {
    return this.isReadingPaused;
  }
}
