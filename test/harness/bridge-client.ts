import WebSocket from 'ws';
import { bridgeCredentials } from './bridge-credentials.js';
import type { FramelineUiProcess } from './frameline-ui.js';

/** The bridge of a running `frameline ui`, as the page uses it: commands by name, answers by id. */
export interface BridgeClient {
  /** Calls `command` with `args`; rejects with the host's error message, or after 10 s without an answer (with the host's logs). */
  call<T>(command: string, args: unknown[]): Promise<T>;
  close(): void;
}

/** Opens the bridge of `ui` with the token its printed link trades for. */
export async function connectBridge(ui: FramelineUiProcess): Promise<BridgeClient> {
  const origin = new URL(ui.printedUrl).origin;
  const { token } = await bridgeCredentials(ui);
  const socket = new WebSocket(`ws://127.0.0.1:${ui.port}/bridge?token=${encodeURIComponent(token)}`, { headers: { Origin: origin } });
  const waiting = new Map<number, (answer: { result?: unknown; error?: { message: string } }) => void>();
  let nextId = 1;
  socket.on('message', (data) => {
    const parsed = JSON.parse(data.toString()) as { id?: number };
    if (parsed.id !== undefined) waiting.get(parsed.id)?.(parsed as never);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    async call<T>(command: string, args: unknown[]): Promise<T> {
      const id = nextId++;
      const answer = await new Promise<{ result?: unknown; error?: { message: string } }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${command}: no answer within 10 s\n${ui.process.logs()}`)), 10_000);
        waiting.set(id, (value) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(value);
        });
        socket.send(JSON.stringify({ type: 'call', id, command, args }));
      });
      if (answer.error) throw new Error(`${command}: ${answer.error.message}`);
      return answer.result as T;
    },
    close: () => socket.close(),
  };
}
