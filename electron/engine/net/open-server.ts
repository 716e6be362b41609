import { readFileSync } from 'node:fs';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

/** Where and how a listening server (listen mode, relay mode) accepts connections. */
export interface ServerAddressOptions {
  /** Default 127.0.0.1: listening on other interfaces is the user's explicit choice. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** PEM files: accept TLS (wss://, terminated here); HTTP/1.1 is the only ALPN protocol offered. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string } | null;
}

/** A server that listens, with the address it got. */
export interface OpenServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  /** `host:port` as a URL writes it (an IPv6 host in brackets). */
  readonly authority: string;
}

/** Starts listening; rejects with the system error (EADDRINUSE, EACCES) when the address cannot be had. */
export async function openServer(options: ServerAddressOptions, onSocket: (socket: Socket) => void): Promise<OpenServer> {
  const tls = options.tls;
  const server = tls
    ? createTlsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile), ALPNProtocols: ['http/1.1'] }, onSocket)
    : createTcpServer(onSocket);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return { server, host, port, authority: `${host.includes(':') ? `[${host}]` : host}:${port}` };
}
