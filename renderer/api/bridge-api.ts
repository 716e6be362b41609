import { commandNames } from '../../shared/contract/api.js';
import type { CommandName, EventName, EventPayload, FramelineApi } from '../../shared/contract/api.js';
import { bridgePaths, bridgeServerMessageSchema } from '../../shared/contract/bridge-protocol.js';
import type { BridgeCall } from '../../shared/contract/bridge-protocol.js';
import { CommandError } from './command-error.js';
import { obtainBridgeToken, type TokenSources } from './bridge-token.js';

/**
 * The browser transport for `frameline ui`: the same `FramelineApi` over one WebSocket to the
 * loopback host that served the page. The page gets its token by trading a launch link's
 * one-time code (bridge-token.ts); it is sent as the `token` query parameter of the bridge socket.
 */

/** A call with no answer after this long fails, so a button never waits forever. */
export const CALL_TIMEOUT_MS = 30_000;
const RECONNECT_MIN_MS = 500;
const REFUSED_MESSAGE = "Frameline refused this page: open the newest link `frameline ui` printed (each works once), or restart it";
const RECONNECT_MAX_MS = 5_000;

/** The link to the host: shown in the status bar, and used to re-sync after a reconnect. */
export type BridgeStatus = 'connecting' | 'open' | 'reconnecting' | 'unauthorised';

interface PendingCall {
  readonly command: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** The bridge client plus its link status. */
export interface BridgeClient {
  readonly api: FramelineApi;
  onStatus(listener: (status: BridgeStatus) => void): () => void;
}

/**
 * Whether the host refuses this token: true on a 403 from the check path, false when it accepts
 * it or cannot be reached (then the host is down, and reconnecting is the right thing to do).
 */
async function isTokenRefused(checkUrl: string): Promise<boolean> {
  try {
    const response = await fetch(checkUrl, { cache: 'no-store' });
    return response.status === 403;
  } catch {
    return false;
  }
}

/** The page's own location, history, session storage and fetch. */
function pageTokenSources(): TokenSources {
  return { location: window.location, history: window.history, storage: window.sessionStorage, fetch: (input, init) => window.fetch(input, init) };
}

/** Gets this tab's token, then opens (and keeps re-opening) the bridge socket to the page's own host. */
export function createBridgeClient(sources: TokenSources = pageTokenSources()): BridgeClient {
  const { location } = sources;
  let socketUrl = '';
  let checkUrl = '';
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const statusListeners = new Set<(status: BridgeStatus) => void>();
  const outbox: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let reconnectDelayMs = RECONNECT_MIN_MS;
  let hasOpened = false;
  let isRefused = false;

  const setStatus = (status: BridgeStatus): void => statusListeners.forEach((listener) => listener(status));

  const failAll = (message: string): void => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.reject(new Error(`${call.command}: ${message}`));
      pending.delete(id);
    }
  };

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') return;
    const parsed = bridgeServerMessageSchema.safeParse(JSON.parse(data));
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'event') {
      listeners.get(message.event)?.forEach((listener) => listener(message.payload as never));
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.type === 'result') call.resolve(message.result);
    else call.reject(new CommandError(call.command, message.error));
  };

  // Retrying cannot help: every later call fails at once instead of waiting for a socket that never opens.
  const refuse = (): void => {
    isRefused = true;
    outbox.length = 0;
    failAll(REFUSED_MESSAGE);
    setStatus('unauthorised');
  };

  const connect = (): void => {
    setStatus(hasOpened ? 'reconnecting' : 'connecting');
    const ws = new WebSocket(socketUrl);
    socket = ws;
    ws.addEventListener('open', () => {
      hasOpened = true;
      reconnectDelayMs = RECONNECT_MIN_MS;
      setStatus('open');
      for (const text of outbox.splice(0)) ws.send(text);
    });
    ws.addEventListener('message', (event) => onMessage(event.data));
    ws.addEventListener('close', (event) => {
      socket = null;
      failAll('the connection to Frameline was lost');
      // 1008 (policy violation): the host refused the token; retrying cannot help.
      if (event.code === 1008) {
        refuse();
        return;
      }
      setStatus('reconnecting');
      // A refused upgrade (403) reaches the page as 1006, like a host that is down; ask which it was.
      void isTokenRefused(checkUrl).then((isTokenWrong) => {
        if (isTokenWrong) {
          refuse();
          return;
        }
        setTimeout(connect, reconnectDelayMs);
        reconnectDelayMs = Math.min(reconnectDelayMs * 2, RECONNECT_MAX_MS);
      });
    });
  };

  const call = (command: CommandName, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (isRefused) {
        reject(new Error(`${command}: ${REFUSED_MESSAGE}`));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${command}: no answer from Frameline after ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, { command, resolve, reject, timer });
      const message: BridgeCall = { type: 'call', id, command, args };
      const text = JSON.stringify(message);
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
    });

  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  };

  const commands = Object.fromEntries(commandNames.map((name) => [name, (...args: unknown[]) => call(name, args)]));
  const api = { ...commands, on } as unknown as FramelineApi;
  setStatus('connecting');
  void obtainBridgeToken(sources).then((outcome) => {
    if ('refused' in outcome) return refuse();
    const token = encodeURIComponent(outcome.token);
    socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${bridgePaths.socket}?token=${token}`;
    checkUrl = `${location.protocol}//${location.host}${bridgePaths.check}?token=${token}`;
    connect();
  });
  return {
    api,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}
