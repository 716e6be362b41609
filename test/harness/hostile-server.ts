import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startProcessPeer } from './process-peer.js';
import { createTempDir } from './temp-dir.js';
import type { RunningPeer } from './running-peer.js';

/** What a hostile server answers to every upgrade request. */
export interface HostileScript {
  /** The response head, exactly; `{{accept}}` becomes the right Sec-WebSocket-Accept. */
  readonly head: Uint8Array | string;
  /** Bytes written right after the head (frames, or anything). */
  readonly frames?: readonly Uint8Array[];
  /** Close the connection after writing (default) or stay silent. */
  readonly then?: 'close' | 'wait';
}

/** A running hostile server. */
export interface HostileServerPeer extends RunningPeer {
  readonly url: string;
}

const entry = fileURLToPath(new URL('./hostile-server-process.ts', import.meta.url));

/**
 * A server process on loopback that answers upgrades with exactly the bytes a test scripts:
 * control characters in the reason and headers, invisible characters in frames, a head that
 * cannot be parsed. A separate process, so it behaves like a real peer on the wire.
 */
export async function startHostileServer(script: HostileScript): Promise<HostileServerPeer> {
  const toBase64 = (bytes: Uint8Array | string): string => Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes).toString('base64');
  const encoded = JSON.stringify({ head: toBase64(script.head), frames: (script.frames ?? []).map(toBase64), then: script.then ?? 'close' });
  // A command-line argument holds at most 128 KiB: a larger script (a megabyte frame) goes in a file.
  const folder = encoded.length > 64 * 1024 ? createTempDir('hostile-script') : null;
  if (folder) writeFileSync(folder.file('script.json'), encoded);
  const peer = await startProcessPeer({
    name: 'hostile server',
    command: process.execPath,
    args: ['--import', 'tsx', entry, ...(folder ? ['--script-file', folder.file('script.json')] : [encoded])],
    ready: { line: /READY port=(\d+)/ },
    startTimeoutMs: 20_000,
  }).finally(() => folder?.remove());
  const port = Number(peer.readyMatch?.[1]);
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/`, stop: peer.stop, logs: peer.logs };
}
