import { randomUUID } from 'node:crypto';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message } from '../../../shared/i18n/message.js';
import type { ListedRelay, PausedMessageInfo, RelayCaInfo, RelayInfo, RelayOptions } from '../../../shared/contract/api-relay.js';
import type { HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import type { RelayInterception } from '../../../shared/contract/relay-interception.js';
import type { EngineEmit } from '../api/engine-events.js';
import type { AdoptCapture, ReleaseCapture } from '../api/live-source.js';
import { DEFAULT_HISTORY_LIMITS, FinishedHistory, type HistoryLimits } from '../listen/finished-history.js';
import { CertificateAuthority } from './certificate-authority.js';
import { HttpExchangeStore } from './http-exchange-store.js';
import { RelayServer } from './relay-server.js';
import type { RelaySession } from './relay-session.js';

/** Where the registry keeps what relays make. */
export interface RelayRegistryOptions {
  /** The local CA's folder. */
  readonly caDirectory: string;
  /** Where capture payloads spill. */
  readonly spillDirectory?: string;
  readonly history?: HistoryLimits;
}

interface RunningRelay {
  readonly server: RelayServer;
  readonly info: RelayInfo;
  /** The newest passed-through HTTP exchanges, at most `maxHttpExchangesPerRelay`. */
  readonly exchanges: HttpExchangeStore;
}

/** What a stopped relay leaves: its exchanges, listed and exported until the history lets them go. */
interface StoppedRelay {
  readonly info: RelayInfo;
  readonly exchanges: HttpExchangeStore;
}

/** What the finished history holds: a relayed client's capture, or a stopped relay's HTTP exchanges. */
type Finished = { readonly kind: 'session'; readonly sessionId: string } | { readonly kind: 'http-exchanges'; readonly relayId: string };

/**
 * The relays a window started (issue 14: the Relay view). Every relayed client is adopted by the
 * engine as a read-only session with both legs, and its paused queue is pushed to windows as it
 * changes. Finished sessions share one bounded history, like listened connections; a stopped
 * relay's HTTP exchanges join it as one more item, so they stay listed and exportable (a bug
 * report is filed after the stop) until the history lets them go as it lets the relay's captures go.
 */
export class RelayRegistry {
  private readonly relays = new Map<string, RunningRelay>();
  private readonly stopped = new Map<string, StoppedRelay>();
  private readonly sessions = new Map<string, RelaySession>();
  private readonly finished: FinishedHistory<Finished>;

  constructor(
    private readonly adopt: AdoptCapture,
    private readonly release: ReleaseCapture,
    private readonly emit: EngineEmit,
    private readonly options: RelayRegistryOptions,
  ) {
    this.finished = new FinishedHistory(options.history ?? DEFAULT_HISTORY_LIMITS);
  }

  /** Starts a relay; rejects with the system's reason (address in use, unreadable PEM file). */
  async start(options: RelayOptions, interception: RelayInterception): Promise<RelayInfo> {
    const server = new RelayServer({
      host: options.host,
      port: options.port,
      upstreamUrl: options.upstreamUrl,
      mode: options.mode,
      upstream: options.connection,
      interception,
      tls: options.tls,
      caDirectory: this.options.caDirectory,
      ...(this.options.spillDirectory ? { storage: { spillDirectory: this.options.spillDirectory } } : {}),
    });
    const address = await server.start();
    const relayId = randomUUID();
    const info: RelayInfo = { relayId, host: address.host, port: address.port, url: options.upstreamUrl === null ? address.proxyUrl : address.url, upstreamUrl: options.upstreamUrl, mode: options.mode };
    const exchanges = new HttpExchangeStore();
    this.relays.set(relayId, { server, info, exchanges });
    server.onDidObserveHttp((exchange, removedValues) => {
      for (const reported of exchanges.put(exchange, removedValues)) this.emit('relayHttpExchange', { relayId, exchange: reported });
    });
    server.onDidCreateCa((ca) => this.emit('relayCaCreated', ca));
    // Before the answer: the window that started it hears of it as every other window does.
    this.emit('relayStarted', info);
    server.onDidAccept((session) => {
      const sessionId = this.adopt({ url: session.upstreamUrl, capture: session.capture, live: session, origin: { kind: 'relay', relayId, connection: session.connection, peer: session.peer, upstreamUrl: session.upstreamUrl } });
      this.sessions.set(sessionId, session);
      this.emit('relayAccepted', { relayId, sessionId, connection: session.connection, peer: session.peer, upstreamUrl: session.upstreamUrl });
      session.onDidChangePaused((paused) => this.emit('relayPausedChanged', { sessionId, paused }));
      void session.ended.then(() => this.retire(sessionId, session));
    });
    return info;
  }

  /** Stops one relay and drops its open sessions; their captures and its HTTP exchanges stay in the history. */
  async stop(relayId: string): Promise<void> {
    const relay = this.relays.get(relayId);
    if (!relay) throw new MessageError(message('errors:missing.relay', { id: relayId }));
    this.relays.delete(relayId);
    await relay.server.stop();
    // After the stop: pass-throughs it ended have reported how they ended.
    const isKept = relay.exchanges.size > 0;
    if (isKept) this.stopped.set(relayId, { info: relay.info, exchanges: relay.exchanges });
    // Every window learns it stopped, with what it keeps, before the history may let that go.
    this.emit('relayStopped', { relayId, isKept });
    if (isKept) this.keep({ kind: 'http-exchanges', relayId }, relay.exchanges.approximateBytes);
  }

  /**
   * The running relays, then the stopped ones whose exchanges the history still keeps (oldest stop
   * first): a window that reloads lists those as the one that stopped them does.
   */
  list(): ListedRelay[] {
    const running = [...this.relays.values()].map((relay) => ({ ...relay.info, isStopped: false }));
    return [...running, ...[...this.stopped.values()].map((relay) => ({ ...relay.info, isStopped: true }))];
  }

  /** A running or stopped relay's passed-through HTTP exchanges, oldest first, as windows see them. */
  httpExchanges(relayId: string): HttpExchange[] {
    return this.observed(relayId).exchanges.list();
  }

  /** A running or stopped relay and its exchanges as recorded, for a HAR export (which blanks `exchanges.removedValues()` itself). */
  observed(relayId: string): StoppedRelay {
    const relay = this.relays.get(relayId) ?? this.stopped.get(relayId);
    if (!relay) throw new MessageError(message('errors:missing.relay', { id: relayId }));
    return relay;
  }

  /** New interception for a running relay and its open sessions. */
  setInterception(relayId: string, interception: RelayInterception): void {
    const relay = this.relays.get(relayId);
    if (!relay) throw new MessageError(message('errors:missing.relay', { id: relayId }));
    relay.server.setInterception(interception);
  }

  /** An open relay session by its engine session id. */
  session(sessionId: string): RelaySession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new MessageError(message('errors:missing.relaySession', { id: sessionId }));
    return session;
  }

  /** The paused queue of a session (empty once it is over). */
  paused(sessionId: string): PausedMessageInfo[] {
    return this.sessions.get(sessionId)?.pausedMessages() ?? [];
  }

  /** The local CA, made now if there is none. */
  async certificateAuthority(): Promise<RelayCaInfo> {
    return (await CertificateAuthority.open(this.options.caDirectory)).info;
  }

  /** Stops every relay (app quit). */
  async dispose(): Promise<void> {
    await Promise.all([...this.relays.keys()].map((id) => this.stop(id)));
  }

  private retire(sessionId: string, session: RelaySession): void {
    this.sessions.delete(sessionId);
    const usage = session.capture.memoryUsage();
    this.keep({ kind: 'session', sessionId }, usage.metadataBytes + usage.payloadBytesInMemory + usage.payloadBytesSpilled);
  }

  private keep(item: Finished, bytes: number): void {
    for (const dropped of this.finished.add(item, bytes)) {
      if (dropped.kind === 'session') {
        this.release(dropped.sessionId, 'relay-history');
      } else {
        this.stopped.delete(dropped.relayId);
        this.emit('relayHttpExchangesReleased', { relayId: dropped.relayId });
      }
    }
  }
}
