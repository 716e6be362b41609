import { subprotocolSchema, type ListenerInfo } from '../../shared/contract/api-listen.js';
import type { Text } from '../lib/text.js';
import { typedHeartbeat } from './listen-heartbeat.js';
import { wholeNumber } from '../lib/whole-number.js';
import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** The listener form as typed. */
export interface ListenForm {
  readonly host: string;
  readonly port: string;
  readonly echo: boolean;
  /** Empty: upgrade normally; a status (426, 502…) answers every request with it instead. */
  readonly respondStatus: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** Subprotocols to accept, preferred first, separated by commas or spaces. */
  readonly subprotocols: string;
  readonly acceptDeflate: boolean;
  /** The server's heartbeat in ms as typed (empty or 0: off), checked against the contract's limits on start. */
  readonly pingIntervalMs: string;
  readonly pongTimeoutMs: string;
}

/** The subprotocols typed in the form, or null when one is not a token (RFC 6455 §4.1). */
export function typedSubprotocols(text: string): string[] | null {
  const names = text.split(/[\s,]+/).filter((name) => name !== '');
  return names.every((name) => subprotocolSchema.safeParse(name).success) ? names : null;
}

/**
 * The Listen view's state: the form and the running listeners. The connections they accepted are
 * sessions (origin `listen`), so they survive a reload and show in the session list like any other.
 */
export interface ListenSlice {
  readonly form: ListenForm;
  readonly listeners: readonly ListenerInfo[];
  setForm(change: Partial<ListenForm>): void;
  start(): Promise<void>;
  stop(listenerId: string): Promise<void>;
  refresh(): Promise<void>;
  /** Shows a connection's request and frames in the Inspect view. */
  open(sessionId: string): void;
  /** Closes an accepted connection as its server would (§7.1.2), with `closeCode` in our close frame. */
  closeConnection(sessionId: string, closeCode: number): Promise<void>;
}

/** The listen slice. */
export function createListenSlice(set: SetApp, get: GetApp): ListenSlice {
  const patch = (value: Partial<ListenSlice> | ((slice: ListenSlice) => Partial<ListenSlice>)): void => patchSlice(set, 'listen', value);
  const problem = (message: Text): void => get().sessions.showNotice({ kind: 'error', message });

  return {
    form: { host: '127.0.0.1', port: '9000', echo: true, respondStatus: '', certFile: '', keyFile: '', subprotocols: '', acceptDeflate: false, pingIntervalMs: '0', pongTimeoutMs: '0' },
    listeners: [],

    setForm(change) {
      patch((slice) => ({ form: { ...slice.form, ...change } }));
    },

    async start() {
      const { form } = get().listen;
      const port = wholeNumber(form.port, 0, 65535);
      if (port === null) return problem((t) => t('listen:problem.port'));
      const isUpgrading = form.respondStatus.trim() === '';
      const respondStatus = isUpgrading ? null : wholeNumber(form.respondStatus, 100, 599);
      if (!isUpgrading && respondStatus === null) return problem((t) => t('listen:problem.status'));
      const hasTls = form.certFile.trim() !== '' || form.keyFile.trim() !== '';
      if (hasTls && (form.certFile.trim() === '' || form.keyFile.trim() === '')) return problem((t) => t('listen:problem.tls'));
      const subprotocols = typedSubprotocols(form.subprotocols);
      if (subprotocols === null) return problem((t) => t('listen:problem.subprotocol'));
      const heartbeat = typedHeartbeat(form);
      if ('problem' in heartbeat) return problem(heartbeat.problem);
      try {
        const info = await get().api.startListener({
          host: form.host.trim() || '127.0.0.1',
          port,
          echo: form.echo,
          respondStatus,
          tls: hasTls ? { certFile: form.certFile.trim(), keyFile: form.keyFile.trim() } : null,
          subprotocols,
          acceptDeflate: form.acceptDeflate,
          pingIntervalMs: heartbeat.pingIntervalMs,
          pongTimeoutMs: heartbeat.pongTimeoutMs,
        });
        patch((slice) => ({ listeners: [...slice.listeners, info] }));
        get().sessions.showNotice({ kind: 'info', message: (t) => t('listen:listening', { url: info.url }) });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async stop(listenerId) {
      try {
        await get().api.stopListener(listenerId);
        patch((slice) => ({ listeners: slice.listeners.filter((listener) => listener.listenerId !== listenerId) }));
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async refresh() {
      try {
        const listeners = await get().api.listListeners();
        patch({ listeners });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    open(sessionId) {
      get().sessions.select(sessionId);
      get().workspace.showView('inspect');
    },

    async closeConnection(sessionId, closeCode) {
      try {
        await get().api.closeSession(sessionId, { code: closeCode });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },
  };
}
