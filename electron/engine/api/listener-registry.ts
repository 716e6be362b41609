import { randomUUID } from 'node:crypto';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message } from '../../../shared/i18n/message.js';
import type { ListenerInfo, ListenerOptions } from '../../../shared/contract/api-listen.js';
import { DEFAULT_HISTORY_LIMITS, FinishedHistory, type HistoryLimits } from '../listen/finished-history.js';
import type { ListenConnection } from '../listen/listen-connection.js';
import { Listener } from '../listen/listener.js';
import { formatHostPort } from '../net/dial-target.js';
import { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { EngineEmit } from './engine-events.js';
import type { AdoptCapture, ReleaseCapture } from './live-source.js';

/**
 * The listeners a window started (issue "Listen mode": the UI tab). Every accepted connection is
 * adopted by the engine as a session, so its request and frames show in the timeline; the window
 * can send on it as the server and close it.
 * Finished connections of all listeners share one bounded history: the oldest are released from
 * the engine, captures freed, once there are too many or they hold too much (issue 19).
 */
export class ListenerRegistry {
  private readonly listeners = new Map<string, { readonly listener: Listener; readonly info: ListenerInfo }>();
  private readonly finished: FinishedHistory<string>;
  /** Sessions the engine forgot while their connection was still open: they never enter the history. */
  private readonly forgotten = new Set<string>();

  constructor(
    private readonly adopt: AdoptCapture,
    private readonly release: ReleaseCapture,
    private readonly emit: EngineEmit,
    history: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {
    this.finished = new FinishedHistory(history);
  }

  /** Starts listening; rejects with the system's reason (address in use, no permission, unreadable PEM file). */
  async start(options: ListenerOptions): Promise<ListenerInfo> {
    const listener = new Listener({
      host: options.host,
      port: options.port,
      echo: options.echo,
      pingIntervalMs: options.pingIntervalMs,
      pongTimeoutMs: options.pongTimeoutMs,
      respondStatus: options.respondStatus,
      ...(options.tls ? { tls: options.tls } : {}),
      subprotocols: options.subprotocols,
      isDeflateAccepted: options.acceptDeflate,
    });
    const address = await listener.start();
    const listenerId = randomUUID();
    const info: ListenerInfo = { listenerId, host: address.host, port: address.port, url: address.url, echo: options.echo, respondStatus: options.respondStatus, subprotocols: options.subprotocols, acceptDeflate: options.acceptDeflate, pingIntervalMs: options.pingIntervalMs, pongTimeoutMs: options.pongTimeoutMs };
    this.listeners.set(listenerId, { listener, info });
    listener.onDidAccept((connection) => {
      const connectionNumber = connection.id;
      // Frameline is the server here: the protocol is read, never kept alive by us (the duties are a client's).
      const protocol = new ProtocolLayer(connection.capture, { choice: options.protocol, hasDuties: false, isDutiesEnabled: false });
      connection.onDidCompleteMessage((message) => protocol.receive(message));
      connection.onDidChangeState((state) => state === 'open' && protocol.prepare());
      const sessionId = this.adopt({ url: address.url, capture: connection.capture, live: connection, protocol, origin: { kind: 'listen', listenerId, connection: connectionNumber, peer: formatHostPort(connection.peer.address, connection.peer.port) }, sender: connection, stop: () => connection.destroy() });
      this.emit('listenerAccepted', { listenerId, sessionId, connection: connectionNumber, peer: connection.peer });
      void connection.ended.then(() => this.retire(sessionId, connection));
    });
    return info;
  }

  /** Stops one listener; its finished connections stay in the history. */
  async stop(listenerId: string): Promise<void> {
    const entry = this.listeners.get(listenerId);
    if (!entry) throw new MessageError(message('errors:missing.listener', { id: listenerId }));
    this.listeners.delete(listenerId);
    await entry.listener.stop();
  }

  /** The running listeners. */
  list(): ListenerInfo[] {
    return [...this.listeners.values()].map((entry) => entry.info);
  }

  /** Stops every listener (app quit). */
  async dispose(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((id) => this.stop(id)));
  }

  /** The engine forgot a listened session: a finished one leaves the history, an open one never enters it. */
  forget(sessionId: string): void {
    if (this.finished.has(sessionId)) this.finished.remove(sessionId);
    else this.forgotten.add(sessionId);
  }

  private retire(sessionId: string, connection: ListenConnection): void {
    if (this.forgotten.delete(sessionId)) return;
    const usage = connection.capture.memoryUsage();
    const bytes = usage.metadataBytes + usage.payloadBytesInMemory + usage.payloadBytesSpilled;
    for (const dropped of this.finished.add(sessionId, bytes)) this.release(dropped, 'listen-history');
  }
}
