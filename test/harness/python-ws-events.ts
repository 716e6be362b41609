import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';

/** One line the python3-websockets client printed. */
export type PythonClientEvent =
  | { readonly event: 'open'; readonly subprotocol: string | null; readonly extensions: string | null }
  | { readonly event: 'message'; readonly text?: string; readonly binary?: string }
  | { readonly event: 'close'; readonly code: number; readonly reason: string }
  | { readonly event: 'error'; readonly type: string; readonly message: string };

/** What the client offers and sends. */
export interface PythonClientOptions {
  readonly subprotocols?: readonly string[];
  /** Offer permessage-deflate (websockets' default offer); default true. */
  readonly deflate?: boolean;
  /** Texts sent once the connection is open. */
  readonly send?: readonly string[];
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

const script = fileURLToPath(new URL('./python/ws_events_client.py', import.meta.url));

/**
 * python3-websockets as a client that stays connected while the test drives the server (unlike
 * `python-ws-client.ts`, which sends, waits for replies and closes itself): every event is kept as
 * it happens. A client nobody here wrote: it checks the server's handshake answer by its
 * own rules (a subprotocol or extension it did not offer fails it) and inflates what the server
 * deflates. Bounded by `timeoutSeconds` inside the script and a kill a little later.
 */
export function startPythonWsClient(url: string, options: PythonClientOptions = {}): PythonWsClient {
  const timeoutSeconds = options.timeoutSeconds ?? 20;
  const args = ['-u', script, '--url', url, '--timeout', String(timeoutSeconds)];
  for (const name of options.subprotocols ?? []) args.push('--subprotocol', name);
  if (options.deflate === false) args.push('--no-deflate');
  for (const text of options.send ?? []) args.push('--send', text);
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
