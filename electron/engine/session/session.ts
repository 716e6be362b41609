import { isUtf8 } from 'node:buffer';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import { seqCounterFrom } from '../../../shared/connection/connection-options.js';
import type { Outgoing } from '../../../shared/connection/outgoing.js';
import { sendRefused } from '../../../shared/connection/send-refused-error.js';
import { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import type { SendRequest } from '../../../shared/contract/api-send.js';
import type { SessionState } from '../../../shared/contract/api-session.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import type { DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import type { Violation } from '../../../shared/protocol/violation.js';
import type { CaptureBudgetOptions } from '../capture/capture-budgets.js';
import { CaptureLog } from '../capture/capture-log.js';
import { ConnectionDriver } from '../connection/connection-driver.js';
import { outgoingOf } from '../connection/outgoing-request.js';
import { connectionDeflate } from '../deflate/connection-deflate.js';
import { dial } from '../net/dial.js';
import type { NetEvent } from '../net/net-event.js';
import { formatHostPort } from '../net/dial-target.js';
import { performHandshake } from './handshake-step.js';
import { MaskingKeySource } from './masking-keys.js';
import { summariseOptions } from './options-summary.js';
import { startSessionClock, type SessionClock } from './session-clock.js';
import { SessionStateCell } from './session-state.js';
import { unzeroedBytes } from '../connection/unzeroed-bytes.js';
import type { InflatePauseFigures } from '../../../shared/connection/inflate-pause-tally.js';
import { blankCaptureHeader } from '../capture/blank-header.js';

/** The session capture's budgets and where its payloads spill (capture-log.ts has the defaults). */
export type SessionStorageOptions = CaptureBudgetOptions;

/** What a session's owner may listen to besides the capture. */
export interface SessionHooks {
  /** Each data message once complete (§5.4), both directions; set only by owners that read messages (scenario runs, the protocol layer). */
  readonly onMessage?: (message: CompletedMessage) => void;
  /** Asked for each message of one frame: false skips it (see ConnectionOptions.isMessageWanted). */
  readonly isMessageWanted?: () => boolean;
}

/**
 * One live connection from the client side: dial, the opening handshake, then a
 * WebSocketConnection (shared/connection) driven over the socket, which decides everything after
 * the 101 — frames both ways, heartbeats, the closing handshake — and appends it to the capture.
 */
export class Session {
  readonly capture: CaptureLog;
  readonly clock: SessionClock;
  /** Resolves with the `closed` details once the session has ended, whatever the cause. */
  readonly ended: Promise<ClosedDetails>;
  private readonly stateCell = new SessionStateCell();
  private readonly keys = new MaskingKeySource();
  private socket: Duplex | null = null;
  private driver: ConnectionDriver | null = null;
  private isAborted = false;
  private closedValue: ClosedDetails | null = null;
  private resolveEnded!: (details: ClosedDetails) => void;

  constructor(readonly id: string, readonly options: SessionOptions, storage: SessionStorageOptions = {}, private readonly hooks: SessionHooks = {}) {
    this.clock = startSessionClock();
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.capture = new CaptureLog({
      ...storage,
      header: { ...blankCaptureHeader(this.clock.anchorEpochMicros, options.url), options: summariseOptions(options) },
    });
  }

  /** Where the session is in its life. */
  get state(): SessionState {
    return this.stateCell.current;
  }

  /** How the session ended, once it has. */
  get closed(): ClosedDetails | null {
    return this.closedValue;
  }

  /** Strict mode: the violation that made us fail the connection, or null. */
  get failure(): Violation | null {
    return this.driver?.connection.failure ?? null;
  }

  /** Frames received and sent so far. */
  get frameCounts(): { framesIn: number; framesOut: number } {
    return this.driver?.connection.frameCounts ?? { framesIn: 0, framesOut: 0 };
  }

  /** The inflate budget's pauses so far (issue 19), a running one counted up to now; null before reading first waited. */
  get inflatePauses(): InflatePauseFigures | null {
    return this.driver?.connection.inflatePausesAt(this.clock.nowMicros()) ?? null;
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onDidChangeState(listener: (state: SessionState) => void): () => void {
    return this.stateCell.onDidChange(listener);
  }

  /** Dials, handshakes and starts reading frames. Resolves once the session is open or has ended. */
  async start(): Promise<void> {
    const hooks = { nowMicros: () => this.clock.nowMicros(), onEvent: (event: NetEvent) => void this.capture.appendEvent(event) };
    const dialed = await dial(this.options, hooks);
    if (!dialed.ok) {
      const { stage, message, hint, code, i18n } = dialed.failure;
      this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'error', stage, message, hint, ...(code ? { code } : {}), i18n });
      const how = code === 'ETIMEDOUT' ? 'timeout' : 'error';
      return this.finish({ by: how === 'timeout' ? 'client' : 'path', how, message, i18n: { message: i18n.message } });
    }
    this.socket = dialed.socket;
    if (this.isAborted) return this.drop();
    (dialed.socket as Partial<Socket>).setNoDelay?.(true);
    this.capture.updateHeader({ endpoints: { local: dialed.local, remote: dialed.remote }, tls: dialed.tls ?? null });
    dialed.socket.on('error', () => undefined);

    const accepted = await performHandshake({
      socket: dialed.socket,
      options: this.options,
      capture: this.capture,
      clock: this.clock,
      peer: formatHostPort(dialed.remote.address, dialed.remote.port),
    });
    if (this.closedValue) return;
    if (!accepted.ok) {
      dialed.socket.destroy();
      return this.finish(accepted.closed);
    }
    if (this.isAborted) return this.drop();
    this.driver = new ConnectionDriver(dialed.socket, this.connectionFor(accepted.deflate), {
      capture: this.capture,
      clock: this.clock,
      state: this.stateCell,
      onClosed: (details) => this.settle(details),
      ...(this.hooks.onMessage ? { onMessage: this.hooks.onMessage } : {}),
    });
    this.driver.start(accepted.rest);
  }

  /** Sends one message or crafted frame. Throws SendRefusedError when the session cannot send. */
  send(request: SendRequest): void {
    if (!this.driver) throw sendRefused('session', this.stateCell.current);
    this.driver.send(outgoingOf(request));
  }

  /** Sends one message or crafted frame already as bytes (an application protocol's encoder wrote it). Throws SendRefusedError when the session cannot send. */
  sendOutgoing(outgoing: Outgoing): void {
    if (!this.driver) throw sendRefused('session', this.stateCell.current);
    this.driver.send(outgoing);
  }

  /**
   * Starts the closing handshake (§7.1.2), or, if one is under way or the session is still
   * connecting, drops the connection.
   */
  close(closeCode?: number, reason?: string): void {
    if (this.stateCell.current === 'closed') return;
    if (this.driver) return this.driver.close(closeCode, reason);
    this.isAborted = true;
    if (this.socket) this.drop();
  }

  /** Drops the connection now, with no closing handshake: a client that vanished (a fan-out storm's kill). */
  abort(message?: string): void {
    if (this.stateCell.current === 'closed') return;
    if (this.driver) return this.driver.abort(message);
    this.isAborted = true;
    if (this.socket) this.drop();
  }

  private connectionFor(deflate: DeflateAgreement | null): WebSocketConnection {
    const { limits, mode, heartbeat } = this.options;
    return new WebSocketConnection({
      role: 'client',
      mode,
      limits,
      autoPong: heartbeat.autoPong,
      autoPingIntervalMs: heartbeat.autoPingIntervalMs,
      nextMaskingKey: () => this.keys.next(),
      allocateBytes: unzeroedBytes,
      isUtf8,
      deflate: deflate ? connectionDeflate(deflate, 'client') : null,
      seqs: seqCounterFrom(this.capture.count),
      reportsMessages: this.hooks.onMessage !== undefined,
      ...(this.hooks.isMessageWanted ? { isMessageWanted: this.hooks.isMessageWanted } : {}),
      // The driver copies each frame into the capture as it carries out its record command.
      payloadViews: true,
    });
  }

  /** The user gave up before the connection opened. */
  private drop(): void {
    this.socket?.destroy();
    this.finish({ by: 'client', how: 'fin' });
  }

  /** Ends a session that never opened: the one `closed` record, then the capture is sealed. */
  private finish(details: ClosedDetails): void {
    if (this.closedValue) return;
    this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'closed', ...details });
    this.capture.seal();
    this.settle(details);
    this.stateCell.set('closed');
  }

  private settle(details: ClosedDetails): void {
    this.closedValue = details;
    this.resolveEnded(details);
  }
}
