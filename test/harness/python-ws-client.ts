import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';

/** One line the python3-websockets client printed. */
export type PythonClientEvent =
  | { readonly event: 'open'; readonly subprotocol: string | null; readonly extensions: string | null }
  | { readonly event: 'message'; readonly text?: string; readonly binary?: string }
  | { readonly event: 'close'; readonly code: number; readonly reason: string }
  | { readonly event: 'error'; readonly type: string; readonly message: string };

/** What the client offers, sends, and when it closes. */
export interface PythonClientOptions {
  readonly subprotocols?: readonly string[];
  /** Offer permessage-deflate (websockets' default offer); default true. */
  readonly deflate?: boolean;
  /** Messages sent once the connection is open: strings as text, bytes as binary. */
  readonly send?: ReadonlyArray<string | Uint8Array>;
  /** Close with 1000 once this many messages came back; absent: stay connected until the server closes. */
  readonly closeAfterReplies?: number;
  readonly timeoutSeconds?: number;
}

/** A running python3-websockets client and the events it has printed so far. */
export interface PythonWsClient {
  readonly events: readonly PythonClientEvent[];
  /** Resolves with every event once the client has exited. */
  readonly exited: Promise<readonly PythonClientEvent[]>;
  /** Anything it wrote to stderr, for failure messages. */
  stderr(): string;
}

const script = fileURLToPath(new URL('./python/ws_client.py', import.meta.url));

/**
 * python3-websockets as the client, every event kept as it happens: it stays connected while the
 * test drives the server, or closes itself after `closeAfterReplies` messages. A client nobody here
 * wrote: it checks the server's handshake answer by its own rules (a subprotocol or extension it
 * did not offer fails it) and its permessage-deflate output and inflater check what goes through
 * Frameline. Bounded by `timeoutSeconds` inside the script and a kill a little later.
 */
export function startPythonWsClient(url: string, options: PythonClientOptions = {}): PythonWsClient {
  const timeoutSeconds = options.timeoutSeconds ?? 20;
  const send = (options.send ?? []).map((message) => (typeof message === 'string' ? { text: message } : { binary: Buffer.from(message).toString('base64') }));
  const args = ['-u', script, '--url', url, '--timeout', String(timeoutSeconds), '--send', JSON.stringify(send)];
  for (const name of options.subprotocols ?? []) args.push('--subprotocol', name);
  if (options.deflate === false) args.push('--no-deflate');
  if (options.closeAfterReplies !== undefined) args.push('--close-after', String(options.closeAfterReplies));
  const child = spawn(peerPath('python-websockets'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: PythonClientEvent[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
      events.push(JSON.parse(buffered.slice(0, newline)) as PythonClientEvent);
      buffered = buffered.slice(newline + 1);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), (timeoutSeconds + 5) * 1000);
  const exited = new Promise<readonly PythonClientEvent[]>((resolve) =>
    child.once('close', () => {
      clearTimeout(killer);
      resolve(events);
    }),
  );
  return { events, exited, stderr: () => stderr };
}

/** What the client saw in a send-and-wait run. */
export interface PythonClientResult {
  /** The Sec-WebSocket-Extensions the client got in the 101. */
  readonly extensions: string;
  /** Messages received, in order: strings for text, Buffers for binary. */
  readonly received: Array<string | Buffer>;
  readonly closeCode: number | null;
  /** Every event and stderr, for failure messages. */
  readonly output: string;
}

/** Sends `messages`, waits for as many back, closes with 1000, and resolves with what the client saw. */
export async function runPythonWsClient(url: string, messages: ReadonlyArray<string | Uint8Array>, options: { deflate?: boolean; timeoutSeconds?: number } = {}): Promise<PythonClientResult> {
  const client = startPythonWsClient(url, { ...options, send: messages, closeAfterReplies: messages.length });
  const events = await client.exited;
  const open = events.find((event) => event.event === 'open');
  const close = events.find((event) => event.event === 'close');
  return {
    extensions: open?.extensions ?? '',
    received: events.flatMap((event) => (event.event !== 'message' ? [] : [event.text !== undefined ? event.text : Buffer.from(event.binary ?? '', 'base64')])),
    closeCode: close?.code ?? null,
    output: [...events.map((event) => JSON.stringify(event)), client.stderr()].join('\n'),
  };
}
