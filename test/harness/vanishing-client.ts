import { fileURLToPath } from 'node:url';
import { startProcessPeer, type ProcessPeer } from './process-peer.js';

/** A client process that can vanish without a FIN: frozen, its socket stays open and nothing answers. */
export interface VanishingClient {
  /** SIGSTOP: the kernel still holds (and acknowledges on) the socket; the program answers nothing, pings included. */
  freeze(): void;
  /** SIGKILL (works on a frozen process too), then waits until it is gone. */
  stop(): Promise<void>;
  logs(): string;
}

const entry = fileURLToPath(new URL('./vanishing/ws-client-process.ts', import.meta.url));

/** Starts a `ws` client process connected to `url` (it has sent "hello" when this resolves); `execPrefix` runs it elsewhere (`ip netns exec NAME`). */
export async function startVanishingClient(url: string, execPrefix: readonly string[] = []): Promise<VanishingClient> {
  const [command, ...prefixArgs] = [...execPrefix, process.execPath];
  const peer: ProcessPeer = await startProcessPeer({
    name: 'ws client',
    command: command!,
    args: [...prefixArgs, '--import', 'tsx', entry, url],
    ready: { line: /READY/ },
    startTimeoutMs: 20_000,
    stopTimeoutMs: 100,
  });
  return {
    freeze: () => process.kill(peer.pid, 'SIGSTOP'),
    stop: async () => {
      if (!peer.hasExited()) process.kill(peer.pid, 'SIGKILL');
      await peer.stop();
    },
    logs: () => peer.logs(),
  };
}
