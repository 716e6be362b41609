import type { WebSocket } from 'ws';
import { isCommandName } from '../../shared/contract/api.js';
import { bridgeCallSchema, toBridgeError, type BridgeServerMessage } from '../../shared/contract/bridge-protocol.js';
import type { FramelineEngine } from '../engine/api/engine.js';

/**
 * One browser tab on the bridge: each call message runs one engine command and is answered once;
 * engine events are forwarded as they come. A malformed message gets an error answer (when it has
 * an id) and never closes the socket or reaches the engine; nothing a tab sends can throw out of
 * here (a failure to answer is logged, and the call gets an error answer instead).
 */
export function serveBridgeConnection(socket: WebSocket, engine: FramelineEngine, log: (line: string) => void): void {
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
    socket.send(text);
  };
  const unsubscribe = engine.onEvent((event, payload) => send({ type: 'event', event, payload }));
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
