import WebSocket from 'ws';
import { bridgeCredentials } from './bridge-credentials.js';
import type { FramelineUiProcess } from './frameline-ui.js';

/** The bridge of a running `frameline ui`, as the page uses it: commands by name, answers by id. */
export interface BridgeClient {
  /** Calls `command` with `args`; rejects with the host's error message, or after 10 s without an answer (with the host's logs). */
  call<T>(command: string, args: unknown[]): Promise<T>;
  /** The payloads of every `event` of this name received so far, in order. */
  events(event: string): unknown[];
  close(): void;
}

/** Opens the bridge of `ui` with the token its printed link trades for. */
export async function connectBridge(ui: FramelineUiProcess): Promise<BridgeClient> {
  const origin = new URL(ui.printedUrl).origin;
  const { token } = await bridgeCredentials(ui);
  const socket = new WebSocket(`ws://127.0.0.1:${ui.port}/bridge?token=${encodeURIComponent(token)}`, { headers: { Origin: origin } });
  const waiting = new Map<number, (answer: { result?: unknown; error?: { message: string } }) => void>();
  const received: { event: string; payload: unknown }[] = [];
  let nextId = 1;
  socket.on('message', (data) => {
    const parsed = JSON.parse(data.toString()) as { id?: number; type?: string; event?: string; payload?: unknown };
    if (parsed.id !== undefined) waiting.get(parsed.id)?.(parsed as never);
    else if (parsed.type === 'event') received.push({ event: parsed.event ?? '', payload: parsed.payload });
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
    events: (event) => received.filter((each) => each.event === event).map((each) => each.payload),
    close: () => socket.close(),
  };
}
