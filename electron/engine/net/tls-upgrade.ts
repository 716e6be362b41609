import { readFile } from 'node:fs/promises';
import { isIP, type Socket } from 'node:net';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { recordedText } from '../../../shared/i18n/event-text.js';
import { message } from '../../../shared/i18n/message.js';
import { DialError } from './dial-failure.js';
import type { DialAttempt } from './dial-attempt.js';
import type { DialTlsOptions } from './dial-options.js';
import { toSystemError } from './system-error.js';
import { classifyCertificateError, classifyTlsFileError, classifyTlsHandshakeError } from './tls-failure.js';
import type { TlsSummary } from '../../../shared/contract/capture.js';
import { summariseTls } from './tls-summary.js';
import { waitForSocket } from './wait-for-socket.js';

/** PEM material read from the CA, certificate and key files. */
export interface TlsMaterial {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** Reads the CA, client certificate and key files before any network work, so a typo fails fast. */
export async function readTlsMaterial(options: DialTlsOptions): Promise<TlsMaterial> {
  const read = async (file: string | undefined, role: 'CA' | 'certificate' | 'key'): Promise<Buffer | undefined> => {
    if (file === undefined || file === '') return undefined;
    try {
      return await readFile(file);
    } catch (error) {
      throw new DialError(classifyTlsFileError(toSystemError(error), role, file));
    }
  };
  return { ca: await read(options.caFile, 'CA'), cert: await read(options.certFile, 'certificate'), key: await read(options.keyFile, 'key') };
}

/** The name certificates are checked against and, unless it is an IP, sent as SNI. */
export function tlsServerName(options: DialTlsOptions, urlHost: string): { expectedName: string; sni: string | null } {
  const expectedName = options.serverName !== undefined && options.serverName !== '' ? options.serverName : urlHost;
  // RFC 6066 §3: SNI carries host names only; Node refuses IP addresses there.
  return { expectedName, sni: isIP(expectedName) === 0 ? expectedName : null };
}

/**
 * Runs the TLS handshake over `socket` (TCP or a proxy tunnel). Verification is decided here,
 * after the handshake, rather than by `rejectUnauthorized`: that way a rejected certificate can
 * still be named in the failure (subject, expiry, SAN list), and `insecure` only changes the
 * verdict, never what is recorded. Nothing is written on the socket before the verdict.
 */
export async function upgradeToTls(attempt: DialAttempt, socket: Socket, options: DialTlsOptions, material: TlsMaterial, urlHost: string): Promise<{ socket: TLSSocket; summary: TlsSummary }> {
  const { expectedName, sni } = tlsServerName(options, urlHost);
  attempt.enter('tls', expectedName);
  const startedMicros = attempt.now();
  const connectOptions: ConnectionOptions = {
    socket,
    // Used by Node's host name check when there is no SNI (IP targets).
    host: expectedName,
    ALPNProtocols: [...(options.alpn ?? ['http/1.1'])],
    minVersion: options.minVersion,
    maxVersion: options.maxVersion,
    ca: material.ca,
    cert: material.cert,
    key: material.key,
    rejectUnauthorized: false,
  };
  if (sni !== null) connectOptions.servername = sni;
  let tlsSocket: TLSSocket;
  try {
    tlsSocket = attempt.track(connect(connectOptions));
    await waitForSocket(tlsSocket, 'secureConnect', attempt.signal);
  } catch (error) {
    if (error instanceof DialError || attempt.isTimedOut) throw error;
    throw new DialError(classifyTlsHandshakeError(toSystemError(error), expectedName));
  }
  // Leave the handshake callback before anything can destroy the socket: destroying a TLS socket
  // from inside OpenSSL's handshake-done processing (where promise continuations run) crashed
  // Node 20 with a segmentation fault in our tests.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const summary = summariseTls(tlsSocket, sni);
  if (!summary.isAuthorized) {
    const code = summary.authorizationError ?? 'UNKNOWN';
    if (options.insecure !== true) {
      throw new DialError(classifyCertificateError(code, { expectedName, leaf: summary.peerCertificates[0] }));
    }
  }
  attempt.emit({ name: 'tls-established', ...summary, durationMicros: attempt.now() - startedMicros });
  if (options.insecure === true) {
    const warning = summary.isAuthorized ? message('failure:tls.insecureWouldPass') : message('failure:tls.insecure', { error: summary.authorizationError ?? 'UNKNOWN' });
    attempt.emit({ name: 'warning', ...recordedText(warning, message('failure:tls.hint.insecure')) });
  }
  return { socket: tlsSocket, summary };
}
