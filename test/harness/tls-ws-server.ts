import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';
import type { PerMessageDeflateOptions } from 'ws';
import type { CertificateFiles, CertificateSet } from './certificates.js';
import { LogBuffer } from './log-buffer.js';
import { listenOnLoopback } from './loopback-server.js';
import { applyWsBehaviour } from './ws-behaviour.js';
import type { ServerReceivedMessage, WsBehaviourOptions } from './ws-behaviour.js';
import { describeRequest } from './ws-server.js';
import type { UpgradeRequest, WsServerPeer } from './ws-server.js';

/** Which certificate of a `CertificateSet` the server presents. */
export type ServerCertificateChoice = 'server' | 'expired' | 'wrong-name' | 'self-signed';

/** Options for `startTlsWsServer`. */
export interface TlsWsServerOptions extends WsBehaviourOptions {
  readonly certificates: CertificateSet;
  /** Default 'server' (valid for 127.0.0.1 and localhost, signed by the test CA). */
  readonly certificate?: ServerCertificateChoice;
  /** Demand a client certificate signed by the test CA; the TLS handshake fails without one. */
  readonly isClientCertRequired?: boolean;
  readonly perMessageDeflate?: boolean | PerMessageDeflateOptions;
}

/** A running wss:// server; `clientCertificateSubjects` lists the CNs of client certificates seen. */
export interface TlsWsServerPeer extends WsServerPeer {
  clientCertificateSubjects(): readonly string[];
}

/** A `ws` echo server behind Node's TLS, presenting a chosen test certificate. */
export async function startTlsWsServer(options: TlsWsServerOptions): Promise<TlsWsServerPeer> {
  const log = new LogBuffer();
  const upgradeRequests: UpgradeRequest[] = [];
  const received: ServerReceivedMessage[] = [];
  const subjects: string[] = [];
  const files = pickCertificate(options.certificates, options.certificate ?? 'server');
  const isClientCertRequired = options.isClientCertRequired ?? false;
  const https = createServer(
    {
      cert: readFileSync(files.cert),
      key: readFileSync(files.key),
      ...(isClientCertRequired ? { ca: readFileSync(options.certificates.caCert), requestCert: true, rejectUnauthorized: true } : {}),
    },
    (_request, response) => {
      // Same answer as ws's own server gives a request without Upgrade.
      response.writeHead(426, { 'Content-Type': 'text/plain' });
      response.end('Upgrade Required');
    },
  );
  https.on('tlsClientError', (error) => log.append(`[tls] client error ${error.message}\n`));
  const wss = new WebSocketServer({ server: https, perMessageDeflate: options.perMessageDeflate ?? false });
  wss.on('connection', (socket, request) => {
    upgradeRequests.push(describeRequest(request));
    const subject = (request.socket as TLSSocket).getPeerCertificate().subject?.CN;
    if (subject !== undefined) subjects.push(String(subject));
    log.append(`[wss] connection ${request.url ?? ''}\n`);
    applyWsBehaviour(socket, options, log, received);
  });
  const listening = await listenOnLoopback(https);
  return {
    host: '127.0.0.1',
    port: listening.port,
    url: `wss://127.0.0.1:${listening.port}/`,
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await listening.close();
    },
    logs: () => log.toString(),
    upgradeRequests: () => upgradeRequests,
    receivedMessages: () => received,
    clientCertificateSubjects: () => subjects,
  };
}

function pickCertificate(set: CertificateSet, choice: ServerCertificateChoice): CertificateFiles {
  switch (choice) {
    case 'server':
      return set.server;
    case 'expired':
      return set.expired;
    case 'wrong-name':
      return set.wrongName;
    case 'self-signed':
      return set.selfSigned;
  }
}
