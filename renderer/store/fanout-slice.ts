import type { EventPayload } from '../../shared/contract/api.js';
import { fanoutCaps, fanoutOptionsSchema } from '../../shared/contract/fanout.js';
import type { FanoutProgress, FanoutProtocol, FanoutReport } from '../../shared/contract/fanout.js';
import { isLanguage } from '../../shared/i18n/languages.js';
import { message } from '../../shared/i18n/message.js';
import type { Message } from '../../shared/i18n/message.js';
import { wholeNumber } from '../lib/whole-number.js';
import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';
import { FANOUT_FORM } from './settings-slice.js';

/** The Fan-out form; text fields keep what the user typed. */
export interface FanoutForm {
  readonly clients: string;
  readonly senders: string;
  readonly messages: string;
  readonly rate: string;
  readonly subscribe: string;
  /** One backend rule per line (`header:X-Served-By`, `cookie:SERVERID`, `field:node`, …). */
  readonly backendRules: string;
  /** Reconnect storm: percent of the listening clients to drop; empty for none. */
  readonly killPercent: string;
  readonly isReconnecting: boolean;
  /** What every client speaks: raw text messages, or an application protocol with its duties. */
  readonly protocol: FanoutProtocol;
  /** The Socket.IO event, MQTT topic or STOMP destination of the numbered messages. */
  readonly channel: string;
  /** The GraphQL subscription every graphql-ws client subscribes with. */
  readonly document: string;
  /** The GraphQL mutation graphql-ws senders run for each numbered message; empty for no senders. */
  readonly mutation: string;
  /** Seconds a legacy GraphQL client waits for the server once it has sent a `ka` (`--keepalive-timeout`); empty for the default. */
  readonly keepAliveTimeout: string;
}

/** One run as the view follows it. */
export interface FanoutRunView {
  readonly id: string;
  readonly url: string;
  readonly progress: FanoutProgress | null;
  /** null while running. */
  readonly outcome: EventPayload<'fanoutFinished'>['outcome'] | null;
  readonly report: FanoutReport | null;
  readonly message: string | null;
}

/** The Fan-out view's state. */
export interface FanoutSlice {
  readonly form: FanoutForm;
  readonly run: FanoutRunView | null;
  setForm(change: Partial<FanoutForm>): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  applyProgressed(event: EventPayload<'fanoutProgressed'>): void;
  applyFinished(event: EventPayload<'fanoutFinished'>): void;
  /** Opens one client's capture in the timeline. */
  openClient(client: number): Promise<void>;
  exportReport(format: 'html' | 'json', language: string): Promise<void>;
}

/** The Fan-out slice. */
export function createFanoutSlice(set: SetApp, get: GetApp): FanoutSlice {
  const patch = (value: Partial<FanoutSlice> | ((slice: FanoutSlice) => Partial<FanoutSlice>)): void => patchSlice(set, 'fanout', value);
  const patchRun = (id: string, change: (run: FanoutRunView) => Partial<FanoutRunView>): void =>
    patch((slice) => (slice.run?.id === id ? { run: { ...slice.run, ...change(slice.run) } } : {}));
  const fail = (text: Message): void => get().sessions.showNotice({ kind: 'error', message: text });

  return {
    form: { clients: '10', senders: '1', messages: '20', rate: '10', subscribe: '', backendRules: '', killPercent: '', isReconnecting: false, protocol: 'raw', channel: 'fanout', document: '', mutation: '', keepAliveTimeout: '' },
    run: null,

    setForm(change) {
      patch((slice) => ({ form: { ...slice.form, ...change } }));
    },

    async start() {
      const options = get().settings.validForm(FANOUT_FORM);
      if (!options) return;
      const { form } = get().fanout;
      // GraphQL clients send only by running a mutation; without one each subscription is the stream it counts.
      const isGraphql = form.protocol === 'graphql-ws';
      const hasMutation = isGraphql && form.mutation.trim() !== '';
      const clients = wholeNumber(form.clients, 1, fanoutCaps.clients);
      const senders = isGraphql && !hasMutation ? 0 : wholeNumber(form.senders, 1, clients ?? 1);
      const messages = wholeNumber(form.messages, 0, fanoutCaps.messagesPerSender);
      const rate = wholeNumber(form.rate, 1, fanoutCaps.ratePerSecond);
      const killPercent = form.killPercent.trim() === '' ? null : wholeNumber(form.killPercent, 0, 100);
      const keepAliveTimeoutMs = isGraphql ? keepAliveTimeoutField(form.keepAliveTimeout) : undefined;
      if (clients === null) return fail(message('fanout:view.invalid.clients', { max: fanoutCaps.clients }));
      if (senders === null) return fail(message('fanout:view.invalid.senders'));
      if (messages === null) return fail(message('fanout:view.invalid.messages', { max: fanoutCaps.messagesPerSender }));
      if (rate === null) return fail(message('fanout:view.invalid.rate', { max: fanoutCaps.ratePerSecond }));
      if (form.killPercent.trim() !== '' && killPercent === null) return fail(message('fanout:view.invalid.storm'));
      if (keepAliveTimeoutMs === null) return fail(message('fanout:view.invalid.keepAliveTimeout', { min: keepAliveTimeoutBounds.minValue! / 1000, max: keepAliveTimeoutBounds.maxValue! / 1000 }));
      try {
        const { fanoutId } = await get().api.runFanout(options, {
          clients,
          senders,
          messages,
          ratePerSecond: rate,
          subscribe: form.subscribe.trim() === '' ? null : form.subscribe,
          backendRules: form.backendRules.split('\n').map((line) => line.trim()).filter(Boolean),
          killFraction: killPercent === null ? null : killPercent / 100,
          reconnect: form.isReconnecting,
          protocol: form.protocol,
          channel: form.channel.trim() === '' ? 'fanout' : form.channel.trim(),
          ...(isGraphql ? { document: form.document } : {}),
          ...(hasMutation ? { mutation: form.mutation } : {}),
          ...(keepAliveTimeoutMs !== undefined ? { keepAliveTimeoutMs } : {}),
        });
        patch({ run: { id: fanoutId, url: options.url, progress: null, outcome: null, report: null, message: null } });
        get().sessions.showNotice(null);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async cancel() {
      const run = get().fanout.run;
      if (!run || run.outcome !== null) return;
      try {
        await get().api.cancelFanout(run.id);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    applyProgressed({ fanoutId, progress }) {
      patchRun(fanoutId, () => ({ progress }));
    },

    applyFinished({ fanoutId, outcome, report, message }) {
      patchRun(fanoutId, () => ({ outcome, report, message: message ?? null }));
    },

    async openClient(client) {
      const run = get().fanout.run;
      if (!run) return;
      try {
        const { sessionId } = await get().api.openFanoutClient(run.id, client);
        get().sessions.select(sessionId);
        get().workspace.showView('inspect');
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async exportReport(format, language) {
      const run = get().fanout.run;
      if (!run?.report) return;
      try {
        const result = await get().api.exportFanoutReport(run.id, { format, language: isLanguage(language) ? language : 'en' });
        if (result.kind === 'cancelled') return;
        if (result.kind === 'download') get().platform.download(result.downloadId, result.suggestedName);
        get().sessions.showNotice({ kind: 'info', message: result.kind === 'saved' ? result.fileName : result.suggestedName });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },
  };
}

/** The run options' own rule for the keep-alive timeout, the one `--keepalive-timeout` is checked by. */
const keepAliveTimeoutBounds = fanoutOptionsSchema.shape.keepAliveTimeoutMs.unwrap();

/** The keep-alive timeout field (seconds, as `--keepalive-timeout` takes them) in milliseconds: undefined when empty (the default), null when the schema refuses it. */
function keepAliveTimeoutField(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const parsed = keepAliveTimeoutBounds.safeParse(Math.round(Number(trimmed) * 1000));
  return parsed.success ? parsed.data : null;
}
