import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import type { AppProtocol, DutyOptions, ProtocolSessionContext } from '../../shared/app-protocol/app-protocol.js';
import type { DutyCommand } from '../../shared/app-protocol/protocol-duties.js';
import type { ProtocolMessage } from '../../shared/app-protocol/protocol-message.js';
import type { EncodedMessage, WireMessage } from '../../shared/app-protocol/wire-message.js';

/** How the server ended the connection, as the `ws` client saw it. */
export interface SessionEnd {
  readonly code: number;
  readonly reason: string;
  /** Milliseconds after the socket opened. */
  readonly afterMs: number;
}

/** A live session driven by an app-protocol layer over a raw `ws` connection. */
export interface ProtocolSession<Input> {
  /** Every decoded message, both directions, in order. */
  readonly messages: ProtocolMessage[];
  /** Duty `send` commands carried out, with their reasons. */
  readonly dutySends: string[];
  readonly context: ProtocolSessionContext;
  /** Encodes composer input with the decoder's current facts and sends it. */
  send(input: Input): void;
  /** Sends messages exactly as given (hand-made or malformed). */
  sendEncoded(messages: readonly EncodedMessage[]): void;
  setDutiesEnabled(isEnabled: boolean): void;
  /** Resolves with the first decoded message (from `fromIndex` on) matching `test`; rejects after `timeoutMs`. */
  waitFor(test: (message: ProtocolMessage) => boolean, timeoutMs?: number, fromIndex?: number): Promise<ProtocolMessage>;
  /** Resolves once the connection has ended, or with undefined when it is still open after `withinMs`. */
  endedWithin(withinMs: number): Promise<SessionEnd | undefined>;
  isOpen(): boolean;
  close(): Promise<void>;
}

/**
 * Opens a WebSocket with the `ws` library as a plain byte carrier and puts an app-protocol layer on
 * top, as a Frameline session will: each message goes through the protocol's decoder (incoming and
 * outgoing alike), each decoded message through its duty machine, whose timers are real timers
 * here and whose sends go out on the socket. The test then checks what the decoder saw.
 */
export async function openProtocolSession<Input>(
  protocol: AppProtocol<Input>,
  url: string,
  options: { readonly subprotocols?: readonly string[]; readonly duties?: DutyOptions; readonly openTimeoutMs?: number } = {},
): Promise<ProtocolSession<Input>> {
  const socket = new WebSocket(url, [...(options.subprotocols ?? [])], { handshakeTimeout: options.openTimeoutMs ?? 10_000 });
  const messages: ProtocolMessage[] = [];
  const dutySends: string[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  let seq = 0;
  let openedAt = 0;
  // Times count from the dial, so messages that arrive with the 101 get a time too.
  const dialledAtMs = performance.now();
  const micros = (): number => Math.round((performance.now() - dialledAtMs) * 1000);
  let end: SessionEnd | undefined;
  const ready = new Promise<ProtocolSessionContext>((resolve, reject) => {
    socket.once('open', () => resolve({ url, offeredSubprotocols: options.subprotocols ?? [], ...(socket.protocol ? { acceptedSubprotocol: socket.protocol } : {}) }));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`handshake answered ${response.statusCode ?? '?'}`)));
  });
  // Messages may arrive with the 101; queue them until the protocol layer exists.
  const early: WireMessage[] = [];
  let feed: (message: WireMessage) => void = (message) => early.push(message);
  socket.on('message', (data: RawData, isBinary: boolean) => feed(wire('in', toBytes(data), !isBinary)));
  socket.once('close', (code: number, reason: Buffer) => {
    end = { code, reason: reason.toString(), afterMs: Date.now() - openedAt };
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    for (const wake of waiters) wake();
  });
  const context = await ready;
  openedAt = Date.now();
  const decoder = protocol.createDecoder(context);
  const duties = protocol.createDuties(context, options.duties);

  function wire(direction: 'in' | 'out', bytes: Uint8Array, isText: boolean): WireMessage {
    return { direction, atMicros: micros(), isText, bytes, seqs: [++seq] };
  }
  function run(commands: readonly DutyCommand[]): void {
    for (const command of commands) {
      if (command.kind === 'send') {
        dutySends.push(command.reason);
        write([command.message]);
      } else if (command.kind === 'cancel-timer') {
        clearTimeout(timers.get(command.timer));
        timers.delete(command.timer);
      } else {
        clearTimeout(timers.get(command.timer));
        timers.set(command.timer, setTimeout(() => {
          timers.delete(command.timer);
          run(duties.onTimer(command.timer, micros()));
        }, command.delayMs));
      }
    }
  }
  function take(message: WireMessage): void {
    for (const decoded of decoder.push(message)) {
      messages.push(decoded);
      run(duties.onMessage(decoded));
    }
    for (const wake of waiters) wake();
  }
  function write(encoded: readonly EncodedMessage[]): void {
    for (const message of encoded) {
      if (socket.readyState !== WebSocket.OPEN) return;
      socket.send(message.bytes, { binary: !message.isText });
      take(wire('out', message.bytes, message.isText));
    }
  }
  feed = take;
  for (const message of early.splice(0)) take(message);

  const waitUntil = <T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(what()));
      }, timeoutMs);
      const wake = (): void => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          clearTimeout(timer);
          waiters.delete(wake);
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(value);
      };
      waiters.add(wake);
      wake();
    });

  return {
    messages,
    dutySends,
    context,
    send: (input) => {
      const result = protocol.encode(input, decoder.facts());
      if (!Array.isArray(result)) throw new Error(`cannot encode: ${result.reason}`);
      write(result);
    },
    sendEncoded: write,
    setDutiesEnabled: (isEnabled) => run(duties.setEnabled(isEnabled)),
    waitFor: (test, timeoutMs = 10_000, fromIndex = 0) =>
      waitUntil(
        () => messages.slice(fromIndex).find(test) ?? (end ? failEnded(end) : undefined),
        timeoutMs,
        () => `no matching message within ${timeoutMs} ms; decoded so far:\n${messages.map((message) => `  ${message.direction} ${message.summary}`).join('\n')}`,
      ),
    endedWithin: (withinMs) => waitUntil<{ value: SessionEnd | undefined }>(() => (end ? { value: end } : undefined), withinMs, () => '').then(
      (found) => found.value,
      () => undefined,
    ),
    isOpen: () => end === undefined,
    close: async () => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      if (end === undefined) {
        socket.terminate();
      }
    },
  };
}

function failEnded(end: SessionEnd): never {
  throw new Error(`the connection ended (code ${end.code} ${end.reason}) after ${end.afterMs} ms`);
}

function toBytes(data: RawData): Uint8Array {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  return Uint8Array.from(buffer);
}
