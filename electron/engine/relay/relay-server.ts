import type { Server, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { RelayConnectionOptions } from '../../../shared/contract/api-relay.js';
import type { CaptureEndpoints, RelayReachedBy } from '../../../shared/contract/capture.js';
import type { HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import type { RelayInterception } from '../../../shared/contract/relay-interception.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { getHeaderList } from '../../../shared/protocol/header-list.js';
import type { RequestHead } from '../../../shared/protocol/http-request-parser.js';
import type { MessageClassifier, RelayMode } from '../../../shared/relay/relay-core.js';
import { passThroughUrlFor, relayTarget, tunnelUrl, upstreamUrlFor } from '../../../shared/relay/relay-target.js';
import { openServer, type ServerAddressOptions } from '../net/open-server.js';
import type { SessionStorageOptions } from '../session/session.js';
import { startSessionClock, type SessionClock } from '../session/session-clock.js';
import { CertificateAuthority, type CertificateAuthorityInfo } from './certificate-authority.js';
import { badRequestBytes } from './client-answer.js';
import { HttpExchangeRecorder } from './http-exchange-recorder.js';
import { originFormHead, passThrough } from './pass-through.js';
import { readRequestHead } from './request-head-reader.js';
import { RelaySession } from './relay-session.js';

/** How a relay is set up (`frameline relay [HOST:]PORT --to URL …`). */
export interface RelayServerOptions extends ServerAddressOptions {
  /** Where clients that point at the relay go; null: the relay is only an HTTP proxy. */
  readonly upstreamUrl: string | null;
  readonly mode: RelayMode;
  readonly upstream: RelayConnectionOptions;
  readonly interception: RelayInterception;
  /** Where the local CA lives; it is made on the first TLS tunnel. */
  readonly caDirectory: string;
  readonly storage?: SessionStorageOptions;
  /** Default 30 s. */
  readonly requestTimeoutMs?: number;
  readonly maxHeldBytes?: number;
  readonly maxWriteBufferBytes?: number;
  readonly classify?: MessageClassifier;
}

/** Where a relay listens and what clients point at. */
export interface RelayAddress {
  readonly host: string;
  readonly port: number;
  /** The URL a client points at (with the upstream's path), or the proxy address without an upstream. */
  readonly url: string;
  /** `http://host:port`, for a browser's `--proxy-server` or an app's HTTP proxy setting. */
  readonly proxyUrl: string;
}

interface AcceptContext {
  readonly clock: SessionClock;
  readonly endpoints: CaptureEndpoints;
}

/**
 * The relay's listening side (DESIGN.md "relay/"): accepts clients and finds where each one is
 * going — the upstream URL for clients that point at the relay, or, as an HTTP proxy, the target
 * of a `CONNECT` (plain, or TLS terminated with a certificate from the local CA) or of an
 * absolute-form request. A WebSocket upgrade becomes a RelaySession; anything else passes through
 * to its host, observed as an HTTP exchange (an Engine.IO long-poll, a SignalR negotiate, a page a
 * browser using the relay as its proxy loads).
 */
export class RelayServer {
  private server: Server | null = null;
  private nextConnection = 1;
  private nextExchange = 1;
  private interception: RelayInterception;
  private authority: Promise<CertificateAuthority> | null = null;
  private readonly sessions = new Set<RelaySession>();
  private readonly sockets = new Set<Duplex>();
  /** Pass-throughs under way: a stop waits for them to report how they ended. */
  private readonly passes = new Set<Promise<void>>();
  private readonly acceptListeners = new Set<(session: RelaySession) => void>();
  private readonly caListeners = new Set<(info: CertificateAuthorityInfo) => void>();
  private readonly exchangeListeners = new Set<(exchange: HttpExchange, removedValues: readonly string[]) => void>();

  constructor(private readonly options: RelayServerOptions) {
    this.interception = options.interception;
  }

  /** Calls `listener` for every relayed WebSocket, before it dials upstream. */
  onDidAccept(listener: (session: RelaySession) => void): () => void {
    this.acceptListeners.add(listener);
    return () => this.acceptListeners.delete(listener);
  }

  /** Calls `listener` when the local CA is first made, so the user can be told how to trust it. */
  onDidCreateCa(listener: (info: CertificateAuthorityInfo) => void): () => void {
    this.caListeners.add(listener);
    return () => this.caListeners.delete(listener);
  }

  /**
   * Calls `listener` when a passed-through HTTP exchange begins (`end.kind` `open`) and when it is
   * over, with the values its redaction took out of the URL and heads (for `HttpExchangeStore`).
   */
  onDidObserveHttp(listener: (exchange: HttpExchange, removedValues: readonly string[]) => void): () => void {
    this.exchangeListeners.add(listener);
    return () => this.exchangeListeners.delete(listener);
  }

  /** The local CA, made now if there is none yet. */
  certificateAuthority(): Promise<CertificateAuthority> {
    this.authority ??= CertificateAuthority.open(this.options.caDirectory).then((authority) => {
      if (authority.info.isNew) for (const listener of this.caListeners) listener(authority.info);
      return authority;
    });
    return this.authority;
  }

  /** New breakpoints, rules and shaping for open sessions and those to come. */
  setInterception(interception: RelayInterception): void {
    this.interception = interception;
    for (const session of this.sessions) session.setInterception(interception);
  }

  /** Starts listening; rejects with the system error (EADDRINUSE, EACCES) when the address cannot be had. */
  async start(): Promise<RelayAddress> {
    const { server, host, port, authority } = await openServer(this.options, (socket) => void this.accept(socket));
    this.server = server;
    const upstream = this.options.upstreamUrl;
    const path = upstream === null ? '/' : (/^wss?:\/\/[^/?#]+([/?][^#]*)?/i.exec(upstream)?.[1] ?? '/');
    return { host, port, url: `${this.options.tls ? 'wss' : 'ws'}://${authority}${path.startsWith('/') ? path : `/${path}`}`, proxyUrl: `http://${authority}` };
  }

  /** Stops accepting and drops open sessions and tunnels; captures stay with their owners. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const session of this.sessions) session.abort();
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all([...this.sessions].map((session) => session.ended));
    // A pass-through still dialing ends with its dial (its timeout); the stop does not wait that long.
    await Promise.race([Promise.all(this.passes), new Promise((resolve) => setTimeout(resolve, passStopWaitMs).unref())]);
  }

  private async accept(socket: Socket): Promise<void> {
    const context: AcceptContext = {
      clock: startSessionClock(),
      endpoints: { local: { address: socket.localAddress ?? '', port: socket.localPort ?? 0 }, remote: { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 } },
    };
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    this.track(socket);
    const outcome = await readRequestHead(socket, this.timeoutMs());
    if (outcome.kind === 'unreadable') return void socket.end(badRequestBytes(`unreadable request head: ${outcome.message}`));
    if (outcome.kind === 'ended') return void socket.destroy();
    const { head, rest } = outcome;
    const target = relayTarget(head);
    switch (target.kind) {
      case 'invalid':
        return void socket.end(badRequestBytes(`cannot tell where "${head.requestLine}" goes`));
      case 'connect':
        return this.tunnel(socket, target.host, target.port, rest, context);
      case 'absolute-form':
        if (isUpgrade(head)) return this.relay(socket, head, rest, target.url, 'proxy-absolute-form', context, []);
        return this.pass(socket, head, rest, target.url, originFormHead(head, target.target, rest), context);
      case 'origin-form': {
        const upstream = this.options.upstreamUrl;
        if (upstream === null) return void socket.end(badRequestBytes('this relay has no upstream URL (--to); use it as an HTTP proxy, or start it with --to'));
        if (!isUpgrade(head)) return this.pass(socket, head, rest, passThroughUrlFor(upstream, target.target), originFormHead(head, target.target, rest, new URL(upstream).host), context);
        return this.relay(socket, head, rest, upstreamUrlFor(upstream, target.target), 'url', context, []);
      }
    }
  }

  /** RFC 9110 §9.3.6: after `200`, the tunnel carries the client's bytes; TLS (a handshake record, 0x16) is terminated here. */
  private async tunnel(socket: Socket, host: string, port: number, rest: Uint8Array, context: AcceptContext): Promise<void> {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const first = rest.length > 0 ? rest : await firstChunk(socket, this.timeoutMs());
    if (first === null) return void socket.destroy();
    socket.unshift(Buffer.from(first));
    const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const preamble: Message[] = [message('relay:preamble.connect', { target: authority })];
    if (first[0] !== 0x16) return this.insideTunnel(socket, host, port, false, context, preamble);
    const secured = await this.terminateTls(socket, host);
    if (secured === null) return void socket.destroy();
    preamble.push(message('relay:preamble.tls', { name: secured.servername || host, protocol: secured.getProtocol() ?? '' }));
    return this.insideTunnel(secured, host, port, true, context, preamble);
  }

  private async insideTunnel(socket: Duplex, host: string, port: number, isTls: boolean, context: AcceptContext, preamble: Message[]): Promise<void> {
    const outcome = await readRequestHead(socket, this.timeoutMs());
    if (outcome.kind !== 'head') return void socket.destroy();
    const { head, rest } = outcome;
    const url = tunnelUrl(host, port, isTls, head.target.startsWith('/') ? head.target : '/');
    if (!isUpgrade(head)) return this.pass(socket, head, rest, url, originFormHead(head, head.target, rest), context);
    const servername = isTls ? (socket as TLSSocket).servername || host : null;
    return this.relay(socket, head, rest, url, 'proxy-connect', context, preamble, servername);
  }

  /** The client's TLS, with a leaf certificate for the name it asks for (SNI) or the CONNECT host. */
  private async terminateTls(socket: Socket, host: string): Promise<TLSSocket | null> {
    try {
      const authority = await this.certificateAuthority();
      const leaf = await authority.leafFor(host);
      const secured = new TLSSocket(socket, {
        isServer: true,
        key: leaf.key,
        cert: leaf.chain,
        ALPNProtocols: ['http/1.1'],
        SNICallback: (name, done) => {
          authority.leafFor(name).then((named) => done(null, createSecureContext({ key: named.key, cert: named.chain })), (error: Error) => done(error));
        },
      });
      secured.on('error', () => undefined);
      this.track(secured);
      const isSecure = await new Promise<boolean>((resolve) => {
        secured.once('secure', () => resolve(true));
        secured.once('error', () => resolve(false));
        secured.once('close', () => resolve(false));
      });
      return isSecure ? secured : null;
    } catch {
      return null;
    }
  }

  private relay(socket: Duplex, head: RequestHead, rest: Uint8Array, upstreamUrl: string, reachedBy: RelayReachedBy, context: AcceptContext, preamble: Message[], servername: string | null = null): Promise<void> {
    const session = new RelaySession(socket, head, rest, {
      connection: this.nextConnection++,
      mode: this.options.mode,
      upstreamUrl,
      upstream: this.options.upstream,
      interception: this.interception,
      reachedBy,
      clientTlsServername: servername,
      clock: context.clock,
      clientEndpoints: context.endpoints,
      preamble,
      ...(this.options.storage ? { storage: this.options.storage } : {}),
      ...(this.options.maxHeldBytes !== undefined ? { maxHeldBytes: this.options.maxHeldBytes } : {}),
      ...(this.options.maxWriteBufferBytes !== undefined ? { maxWriteBufferBytes: this.options.maxWriteBufferBytes } : {}),
      ...(this.options.classify ? { classify: this.options.classify } : {}),
    });
    this.sessions.add(session);
    void session.ended.then(() => this.sessions.delete(session));
    for (const listener of this.acceptListeners) listener(session);
    return session.start();
  }

  private async pass(socket: Duplex, head: RequestHead, rest: Uint8Array, url: string, upstreamHead: Uint8Array, context: AcceptContext): Promise<void> {
    const remote = context.endpoints.remote;
    const recorder = new HttpExchangeRecorder(this.nextExchange++, `${remote.address}:${remote.port}`, head, url.replace(/^ws/i, 'http'), rest);
    const tell = (isFinished: boolean): void => {
      const exchange = recorder.exchange(isFinished);
      const removedValues = recorder.removedValues();
      for (const listener of this.exchangeListeners) listener(exchange, removedValues);
    };
    tell(false);
    const passing = passThrough(socket, url, upstreamHead, this.options.upstream, recorder);
    this.passes.add(passing);
    await passing;
    this.passes.delete(passing);
    tell(true);
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 30_000;
  }
}

/** How long a stop waits for pass-throughs to end once their client sockets are gone. */
const passStopWaitMs = 2000;

/** §4.2.1: a WebSocket opening handshake asks to upgrade to `websocket`. */
function isUpgrade(head: RequestHead): boolean {
  return getHeaderList(head.headers, 'upgrade').some((token) => token.toLowerCase() === 'websocket');
}

/** The first bytes through a tunnel, or null when none come in time. */
function firstChunk(socket: Socket, timeoutMs: number): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    const finish = (chunk: Uint8Array | null): void => {
      clearTimeout(timer);
      socket.pause();
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(chunk);
    };
    const onData = (data: Buffer): void => finish(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const onClose = (): void => finish(null);
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.resume();
  });
}
