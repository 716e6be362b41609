import type { WebSocket } from 'ws';
import { isCommandName } from '../../shared/contract/api.js';
import { bridgeCallSchema, toBridgeError, type BridgeServerMessage } from '../../shared/contract/bridge-protocol.js';
import type { FramelineEngine } from '../engine/api/engine.js';
import { holdRecordBatches } from '../engine/api/held-record-batches.js';

/** Bytes a tab may leave unread before its sessions' record batches are held back (see below). */
export const maxBridgeBufferedBytes = 4 * 1024 * 1024;

/**
 * One browser tab on the bridge: each call message runs one engine command and is answered once;
 * engine events are forwarded as they come. A malformed message gets an error answer (when it has
 * an id) and never closes the socket or reaches the engine; nothing a tab sends can throw out of
 * here (a failure to answer is logged, and the call gets an error answer instead).
 *
 * Back-pressure (issue 19): a tab that does not read (frozen, on a slow link) would make every
 * event wait in this process. While more than `maxBridgeBufferedBytes` wait unread, record batches
 * are held (`holdRecordBatches`: the newest per session) and sent once the tab has read what was
 * waiting. Answers and other events, which are few, go as they come.
 */
export function serveBridgeConnection(socket: WebSocket, engine: FramelineEngine, log: (line: string) => void): void {
  const events = holdRecordBatches(
    () => socket.bufferedAmount > maxBridgeBufferedBytes,
    (event, payload) => send({ type: 'event', event, payload }),
  );
  const send = (message: BridgeServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      log(`frameline ui: cannot send ${message.type === 'event' ? `event ${message.event}` : `the answer to call ${message.id}`}: ${describe(error)}`);
      if (message.type === 'result') send({ type: 'error', id: message.id, error: { message: 'the answer could not be encoded' } });
      return;
    }
    // Each write the tab's TCP has taken may have made room for what is held.
    socket.send(text, () => events.caughtUp());
  };
  const unsubscribe = engine.onEvent((event, payload) => events.offer(event, payload));
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    const call = bridgeCallSchema.safeParse(message);
    if (!call.success) {
      const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
      if (typeof id === 'number') send({ type: 'error', id, error: toBridgeError(call.error) });
      return;
    }
    const { id, command, args } = call.data;
    if (!isCommandName(command)) return;
    engine.run(command, args).then(
      (result) => send({ type: 'result', id, result }),
      (error: unknown) => send({ type: 'error', id, error: toBridgeError(error) }),
    );
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
