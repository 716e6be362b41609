import { randomUUID } from 'node:crypto';
import type { ListenerInfo, ListenerOptions } from '../../../shared/contract/api-listen.js';
import { Listener } from '../listen/listener.js';
import { formatHostPort } from '../net/dial-target.js';
import type { EngineEmit } from './engine-events.js';
import type { AdoptCapture } from './live-source.js';

/**
 * The listeners a window started (issue "Listen mode": the UI tab). Every accepted connection is
 * adopted by the engine as a read-only session, so its request and frames show in the timeline.
 */
export class ListenerRegistry {
  private readonly listeners = new Map<string, { readonly listener: Listener; readonly info: ListenerInfo }>();

  constructor(private readonly adopt: AdoptCapture, private readonly emit: EngineEmit) {}

  /** Starts listening; rejects with the system's reason (address in use, no permission, unreadable PEM file). */
  async start(options: ListenerOptions): Promise<ListenerInfo> {
    const listener = new Listener({
      host: options.host,
      port: options.port,
      echo: options.echo,
      respondStatus: options.respondStatus,
      ...(options.tls ? { tls: options.tls } : {}),
    });
    const address = await listener.start();
    const listenerId = randomUUID();
    const info: ListenerInfo = { listenerId, host: address.host, port: address.port, url: address.url, echo: options.echo, respondStatus: options.respondStatus };
    this.listeners.set(listenerId, { listener, info });
    listener.onDidAccept((connection) => {
      const connectionNumber = connection.id;
      const sessionId = this.adopt({ url: address.url, capture: connection.capture, live: connection, origin: { kind: 'listen', listenerId, connection: connectionNumber, peer: formatHostPort(connection.peer.address, connection.peer.port) }, stop: () => connection.destroy() });
      this.emit('listenerAccepted', { listenerId, sessionId, connection: connectionNumber, peer: connection.peer });
    });
    return info;
  }

  async stop(listenerId: string): Promise<void> {
    const entry = this.listeners.get(listenerId);
    if (!entry) throw new Error(`no listener ${listenerId}`);
    this.listeners.delete(listenerId);
    await entry.listener.stop();
  }

  list(): ListenerInfo[] {
    return [...this.listeners.values()].map((entry) => entry.info);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((id) => this.stop(id)));
  }
}
