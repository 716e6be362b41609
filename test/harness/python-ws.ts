import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** permessage-deflate parameters the Python server accepts (RFC 7692 §7.1). */
export interface PythonDeflateOptions {
  readonly serverNoContextTakeover?: boolean;
  readonly clientNoContextTakeover?: boolean;
  readonly serverMaxWindowBits?: number;
  readonly clientMaxWindowBits?: number;
}

/** Options for `startPythonWs`. */
export interface PythonWsOptions {
  /** true (default) accepts permessage-deflate with websockets' defaults; false disables it. */
  readonly perMessageDeflate?: boolean | PythonDeflateOptions;
  /** Sent to every client on connect (string = text, bytes = binary), before echoing starts. */
  readonly messagesOnConnect?: ReadonlyArray<string | Uint8Array>;
  /**
   * After those: `count` text messages of `bytes` each, made by the server itself: "message <n> "
   * repeated (a thousand to one compressed), or with `isIncompressible` base64 of random bytes, so
   * the flood spans many socket reads.
   */
  readonly flood?: { readonly count: number; readonly bytes: number; readonly isIncompressible?: boolean };
  readonly startTimeoutMs?: number;
  /** Print a line for every TCP connection accepted (`acceptedConnections` counts them). */
  readonly logsAccepts?: boolean;
}

/** A running python3-websockets echo server. */
export interface PythonWsPeer extends RunningPeer {
  readonly url: string;
  /** The websockets module version, e.g. "10.4". */
  readonly websocketsVersion: string;
  /** TCP connections accepted so far (with `logsAccepts`; always 0 without). */
  acceptedConnections(): number;
}

const script = fileURLToPath(new URL('./python/ws_server.py', import.meta.url));

/**
 * python3-websockets as a second, independent implementation: its permessage-deflate output is
 * what Frameline's inflater must decode byte for byte.
 */
export async function startPythonWs(options: PythonWsOptions = {}): Promise<PythonWsPeer> {
  const python = peerPath('python-websockets');
  const flood = options.flood ? ['--flood', `${options.flood.count},${options.flood.bytes}`, ...(options.flood.isIncompressible ? ['--flood-incompressible'] : [])] : [];
  const args = [script, ...deflateArgs(options.perMessageDeflate ?? true), '--send', JSON.stringify(sendList(options)), ...flood, ...(options.logsAccepts ? ['--log-accepts'] : [])];
  const peer = await startProcessPeer({
    name: 'python-websockets',
    command: python,
    args: ['-u', ...args],
    ready: { line: /READY port=(\d+) websockets=(\S+)/ },
    startTimeoutMs: options.startTimeoutMs ?? 15_000,
  });
  const port = Number(peer.readyMatch?.[1]);
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/`,
    websocketsVersion: peer.readyMatch?.[2] ?? 'unknown',
    stop: peer.stop,
    logs: peer.logs,
    acceptedConnections: () => peer.logs().split('\n').filter((line) => line.trim() === 'ACCEPTED').length,
  };
}

function deflateArgs(deflate: boolean | PythonDeflateOptions): string[] {
  if (deflate === false) return ['--no-deflate'];
  if (deflate === true) return [];
  return [
    ...(deflate.serverNoContextTakeover ? ['--server-no-context-takeover'] : []),
    ...(deflate.clientNoContextTakeover ? ['--client-no-context-takeover'] : []),
    ...(deflate.serverMaxWindowBits !== undefined ? ['--server-max-window-bits', String(deflate.serverMaxWindowBits)] : []),
    ...(deflate.clientMaxWindowBits !== undefined ? ['--client-max-window-bits', String(deflate.clientMaxWindowBits)] : []),
  ];
}

function sendList(options: PythonWsOptions): Array<{ text: string } | { binary: string }> {
  return (options.messagesOnConnect ?? []).map((message) =>
    typeof message === 'string' ? { text: message } : { binary: Buffer.from(message).toString('base64') },
  );
}
