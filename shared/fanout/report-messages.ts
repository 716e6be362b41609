import type { ClientEvent, FanoutPhase, FanoutProgress, FanoutReport } from '../contract/fanout.js';
import { message, verbatim, type Message } from '../i18n/message.js';
import { visibleText } from '../text/visible-text.js';

/**
 * The sentences a fan-out run is told in, as messages: the CLI, the window and the HTML report
 * each render them in their reader's language, so each line is worded once.
 */

const phaseKeys = {
  connecting: 'fanout:phase.connecting',
  subscribing: 'fanout:phase.subscribing',
  sending: 'fanout:phase.sending',
  listening: 'fanout:phase.listening',
  draining: 'fanout:phase.draining',
  closing: 'fanout:phase.closing',
} as const satisfies Record<FanoutPhase, string>;

const outcomeKeys = {
  finished: 'fanout:outcome.finished',
  cancelled: 'fanout:outcome.cancelled',
  'time-limit': 'fanout:outcome.time-limit',
} as const satisfies Record<FanoutReport['outcome'], string>;

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** One progress line: phase, open clients, messages sent and delivered, elapsed time. */
export function progressMessage(progress: FanoutProgress): Message {
  return message('fanout:progress', {
    phase: message(phaseKeys[progress.phase]),
    open: progress.open,
    clients: progress.clients,
    failed: progress.failed,
    sent: progress.sent,
    toSend: progress.toSend,
    delivered: progress.delivered,
    reconnecting: progress.reconnecting,
    seconds: seconds(progress.elapsedMs),
  });
}

/** What the run was asked to do: clients, senders, messages and rate, or a server's own broadcast. */
export function settingsMessage(report: FanoutReport): Message {
  const { settings } = report;
  // The GraphQL variant is the subprotocol the server accepted (graphql-transport-ws, or the legacy graphql-ws).
  const subprotocols = settings.subprotocols !== undefined && settings.subprotocols.length > 0 ? message('fanout:settings.subprotocols', { names: settings.subprotocols.join(', ') }) : message('fanout:settings.noSubprotocol');
  if (settings.protocol === 'graphql-ws' && settings.mode === 'senders') return message('fanout:settings.graphqlSenders', { clients: settings.clients, subprotocols, senders: settings.senders, messages: settings.messages, rate: settings.ratePerSecond });
  if (settings.protocol === 'graphql-ws') return message('fanout:settings.graphql', { clients: settings.clients, subprotocols });
  return settings.mode === 'senders'
    ? message('fanout:settings.senders', { clients: settings.clients, senders: settings.senders, messages: settings.messages, rate: settings.ratePerSecond })
    : message('fanout:settings.broadcast', { clients: settings.clients });
}

/** How the run ended, after how long, having sent how much (for GraphQL clients without senders: how many distinct results the subscriptions gave). */
export function outcomeMessage(report: FanoutReport): Message {
  const keys = report.settings.protocol === 'graphql-ws' && report.settings.mode === 'broadcast' ? graphqlOutcomeKeys : outcomeKeys;
  return message(keys[report.outcome], { seconds: seconds(report.durationMs), sent: report.sent });
}

const graphqlOutcomeKeys = {
  finished: 'fanout:outcomeGraphql.finished',
  cancelled: 'fanout:outcomeGraphql.cancelled',
  'time-limit': 'fanout:outcomeGraphql.time-limit',
} as const satisfies Record<FanoutReport['outcome'], string>;

/** Where each client's backend was read from (the rules as the user wrote them, made visible). */
export function backendRulesMessage(report: FanoutReport): Message {
  return message('fanout:backendRules', { rules: report.settings.backendRules.map((rule) => visibleText(rule)).join(', ') });
}

/**
 * One line per direction in which GraphQL clients fell back from one subprotocol to the other
 * (the `fallback` events of their timelines), counting each client once per direction; none when
 * no client fell back.
 */
export function fallbackMessages(report: FanoutReport): Message[] {
  const directions = new Map<string, { readonly refused: string; readonly offered: string; readonly clients: Set<number> }>();
  for (const client of report.clients)
    for (const event of client.timeline) {
      const values = event.kind === 'fallback' ? event.detailText?.values : undefined;
      const refused = values?.['refused'];
      const offered = values?.['offered'];
      if (typeof refused !== 'string' || typeof offered !== 'string') continue;
      const direction = directions.get(`${refused} ${offered}`) ?? { refused, offered, clients: new Set<number>() };
      direction.clients.add(client.client);
      directions.set(`${refused} ${offered}`, direction);
    }
  return [...directions.values()].map(({ refused, offered, clients }) => message('fanout:fallbacks', { count: clients.size, refused, offered }));
}

/** Why a client failed, as a message: the one the run recorded, else its English words (reports from before messages). */
export function clientFailureMessage(client: { readonly failure: string | null; readonly failureText?: Message }): Message {
  return client.failureText ?? verbatim(client.failure ?? '');
}

/** Each moment in a client's life, by its kind. */
export const clientEventKeys = {
  dial: 'fanout:event.dial',
  open: 'fanout:event.open',
  failed: 'fanout:event.failed',
  fallback: 'fanout:event.fallback',
  subscribed: 'fanout:event.subscribed',
  backend: 'fanout:event.backend',
  'first-message': 'fanout:event.first-message',
  'last-message': 'fanout:event.last-message',
  completed: 'fanout:event.completed',
  killed: 'fanout:event.killed',
  closed: 'fanout:event.closed',
  reconnecting: 'fanout:event.reconnecting',
} as const satisfies Record<ClientEvent['kind'], string>;

/** One moment of a client's timeline as a line: when, what, and its note (the recorded English when it carries no message). */
export function clientEventMessage(event: ClientEvent): Message {
  const values = { atMs: event.atMs, event: message(clientEventKeys[event.kind]) };
  if (event.detailText === undefined && event.detail === undefined) return message('fanout:note.line', values);
  return message('fanout:note.lineWithDetail', { ...values, detail: event.detailText ?? verbatim(event.detail ?? '') });
}
