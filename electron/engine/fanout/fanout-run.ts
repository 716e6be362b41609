import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FanoutOptions, FanoutPhase, FanoutProgress, FanoutReport } from '../../../shared/contract/fanout.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { defaultBackendRules, describeBackendRule, parseBackendRule } from '../../../shared/fanout/backend-rule.js';
import { BroadcastLedger, sentMessages } from '../../../shared/fanout/expected-messages.js';
import { fanoutFigures } from '../../../shared/fanout/fanout-figures.js';
import { fillTemplate } from '../../../shared/fanout/message-template.js';
import { matcherFromRegExp, matcherFromTemplate, type SequenceMatch } from '../../../shared/fanout/sequence-matcher.js';
import { stormFigures } from '../../../shared/fanout/storm-figures.js';
import { clientSessionOptions, clientValues } from './client-options.js';
import { FanoutClient } from './fanout-client.js';
import { StormWatch } from './storm-watch.js';
import { delay, pool } from './run-timing.js';

/** What a caller may observe and control while a run goes. */
export interface FanoutHooks {
  /** Aborting ends the run at once with the partial report (`cancelled`). */
  readonly signal?: AbortSignal;
  /** A few times a second. */
  readonly onProgress?: (progress: FanoutProgress) => void;
  readonly progressIntervalMs?: number;
}

/** A finished run: its report, and every client's captures until `dispose`. */
export interface FanoutRun {
  readonly report: FanoutReport;
  readonly clients: readonly FanoutClient[];
  /** Frees every capture and the run's spill folder. */
  dispose(): void;
}

/** All clients together keep this much payload in memory before their captures spill to disk. */
const sharedCaptureBudgetBytes = 64 * 1024 * 1024;

/**
 * The fan-out probe (issue 18): N clients through the same connection settings, an optional
 * subscribe message on each, then K senders × M numbered messages at R/s (or the server's own
 * broadcast), every arrival matched on every receiver; optionally a reconnect storm. Ends with
 * figures per backend. Bounded: the options' caps, `maxDurationMs`, and the signal for Ctrl-C.
 */
export async function runFanout(base: SessionOptions, options: FanoutOptions, hooks: FanoutHooks = {}): Promise<FanoutRun> {
  const runId = randomBytes(4).toString('hex');
  const startedAt = Date.now();
  const origin = performance.now();
  const nowMicros = (): number => (performance.now() - origin) * 1000;
  const spillDirectory = mkdtempSync(join(tmpdir(), 'frameline-fanout-'));
  const rules = options.backendRules.length > 0 ? options.backendRules.map(parseBackendRule) : defaultBackendRules;
  const mode = options.senders > 0 ? 'senders' : 'broadcast';
  const isGraphql = options.protocol === 'graphql-ws';
  // GraphQL clients without senders number their own subscription's results; with senders they read the template back from them.
  const matcher = options.match !== null ? matcherFromRegExp(new RegExp(options.match)) : isGraphql && mode === 'broadcast' ? null : matcherFromTemplate(options.template, runId);
  const budget = options.captureBudgetBytes ?? Math.min(1024 * 1024, Math.max(16 * 1024, Math.floor(sharedCaptureBudgetBytes / options.clients)));

  // Send times by sender and seq (run clock), so latency needs no clock in the message.
  const sentAt = new Map<number, Float64Array>();
  const sentBySender = new Map<number, number>();
  const ledger = new BroadcastLedger();
  const arrived = (match: SequenceMatch, atMicros: number): number | null => {
    if (mode === 'broadcast') ledger.saw(match.sender, match.seq, atMicros);
    const sent = sentAt.get(match.sender)?.[match.seq];
    if (sent !== undefined && sent > 0) return atMicros - sent;
    if (match.sentAtEpochMs !== null) return (performance.timeOrigin + performance.now() - match.sentAtEpochMs) * 1000;
    return null;
  };
  const context = { runId, nowMicros, storage: { payloadMemoryBudgetBytes: budget, spillDirectory }, rules, matcher, arrived, attemptsKept: 4, protocol: options.protocol, channel: options.channel, mutation: isGraphql ? options.mutation : null, keepAliveTimeoutMs: options.keepAliveTimeoutMs };
  const clients = Array.from({ length: options.clients }, (_, index) => {
    const client = index + 1;
    return new FanoutClient(client, client <= options.senders, clientSessionOptions(base, clientValues(client, runId, options.variables)), context);
  });

  let phase: FanoutPhase = 'connecting';
  let outcome: FanoutReport['outcome'] = 'finished';
  const stopper = new AbortController();
  const stop = (why: FanoutReport['outcome']): void => {
    if (stopper.signal.aborted) return;
    outcome = why;
    stopper.abort();
  };
  // Handshakes in flight when the run stops are dropped, so a stop never waits out a handshake timeout.
  stopper.signal.addEventListener('abort', () => {
    for (const client of clients) if (client.session?.state === 'connecting') client.session.abort('the fan-out run stopped');
  });
  const onAbort = (): void => stop('cancelled');
  hooks.signal?.addEventListener('abort', onAbort, { once: true });
  if (hooks.signal?.aborted) stop('cancelled');
  const deadline = setTimeout(() => stop('time-limit'), options.maxDurationMs);
  // Stopping once stopped or closing: the run's own closes at the end must not bring clients back (with `reconnect`, into disposed captures).
  const storm = new StormWatch({ clients, nowMicros, isStopping: () => stopper.signal.aborted || phase === 'closing', reconnectAll: options.reconnect, resubscribe: (client) => subscribe(client) });
  const subscribe = (client: FanoutClient): void => {
    const values = clientValues(client.client, runId, options.variables);
    if (options.subscribe !== null) client.send(fillTemplate(options.subscribe, values));
    // Every GraphQL client subscribes in this one pass, so each is listening before any subscription's first result.
    const isSubscribed = isGraphql && options.document !== null ? client.subscribeDocument(fillTemplate(options.document, values)) : options.subscribe !== null;
    client.markListening(isSubscribed);
  };
  const toSend = options.senders * options.messages;
  const progress = (): FanoutProgress => ({
    phase,
    elapsedMs: Math.round(nowMicros() / 1000),
    clients: clients.length,
    open: clients.filter((client) => client.isOpen).length,
    failed: clients.filter((client) => client.attempts > 0 && !client.opened).length,
    sent: [...sentBySender.values()].reduce((total, count) => total + count, 0),
    toSend,
    delivered: clients.reduce((total, client) => total + client.tally.totals().delivered, 0),
    reconnecting: storm.reconnecting,
  });
  const ticker = setInterval(() => hooks.onProgress?.(progress()), hooks.progressIntervalMs ?? 250);

  try {
    await pool(clients, options.connectConcurrency, stopper.signal, async (client) => {
      if (await client.connect()) storm.watch(client);
    });
    phase = 'subscribing';
    for (const client of clients) if (client.isOpen) subscribe(client);
    await delay(options.settleMs, stopper.signal);
    if (mode === 'senders') {
      phase = 'sending';
      await sendAll(clients.slice(0, options.senders), options, { runId, sentAt, sentBySender, nowMicros, signal: stopper.signal, storm });
      phase = 'draining';
      await drain(clients, sentBySender, options.drainMs, stopper.signal);
    } else {
      phase = 'listening';
      if (options.killFraction !== null) setTimeout(() => storm.kill(options.killFraction!), options.killAtMs ?? options.listenMs / 2).unref();
      if (isGraphql) await listenUntilOver(clients, storm, options.listenMs, stopper.signal);
      else await delay(options.listenMs, stopper.signal);
    }
  } finally {
    phase = 'closing';
    clearTimeout(deadline);
    hooks.signal?.removeEventListener('abort', onAbort);
    storm.stop();
    const endMicros = nowMicros();
    for (const client of clients) {
      if (client.listeningUntilMicros === Infinity) client.listeningUntilMicros = endMicros;
      client.noteLastMessage();
    }
    await closeAll(clients);
    clearInterval(ticker);
  }

  const figures = fanoutFigures(
    clients.map((client) => ({
      client: client.client,
      isSender: client.isSender,
      backend: client.backend?.backend ?? null,
      backendSource: client.backend?.source ?? null,
      attempts: client.attempts,
      subprotocol: client.subprotocol,
      opened: client.opened,
      failure: client.failure,
      failureText: client.failureText,
      tally: client.tally,
      listeningFromMicros: client.listeningFromMicros,
      listeningUntilMicros: client.listeningUntilMicros,
      timeline: client.timeline,
    })),
    mode === 'senders' ? sentMessages(sentBySender) : ledger,
  );
  const report: FanoutReport = {
    url: base.url,
    runId,
    outcome,
    startedAt,
    durationMs: Math.round(nowMicros() / 1000),
    settings: {
      clients: options.clients,
      senders: options.senders,
      messages: options.messages,
      ratePerSecond: options.ratePerSecond,
      mode,
      template: mode === 'senders' ? options.template : null,
      subscribe: options.subscribe,
      match: options.match,
      backendRules: rules.map(describeBackendRule),
      killFraction: options.killFraction,
      reconnect: options.reconnect,
      protocol: options.protocol,
      document: isGraphql ? options.document : null,
      mutation: isGraphql && mode === 'senders' ? options.mutation : null,
      subprotocols: [...new Set(clients.flatMap((client) => client.subprotocol ?? []))],
    },
    sent: mode === 'senders' ? [...sentBySender.values()].reduce((total, count) => total + count, 0) : ledger.size,
    ...figures,
    storm: storm.drops.length > 0 ? stormFigures(storm.trigger, storm.drops, storm.failedAttempts) : null,
  };
  return {
    report,
    clients,
    dispose: () => {
      for (const client of clients) for (const session of client.sessions) session.capture.dispose();
      rmSync(spillDirectory, { recursive: true, force: true });
    },
  };
}

interface SendContext {
  readonly runId: string;
  readonly sentAt: Map<number, Float64Array>;
  readonly sentBySender: Map<number, number>;
  readonly nowMicros: () => number;
  readonly signal: AbortSignal;
  readonly storm: StormWatch;
}

// One timer for every sender: each tick sends what is due by now, so high rates need no timer per message.
const tickMs = 5;

/** Each sender sends `messages` numbered messages at `ratePerSecond`; a sender that is down sends its due messages when it is back. */
async function sendAll(senders: readonly FanoutClient[], options: FanoutOptions, context: SendContext): Promise<void> {
  for (const sender of senders) {
    context.sentAt.set(sender.client, new Float64Array(options.messages + 1));
    context.sentBySender.set(sender.client, 0);
  }
  const durationMs = (options.messages / options.ratePerSecond) * 1000;
  const killAtMs = options.killFraction !== null ? (options.killAtMs ?? durationMs / 2) : null;
  const startedMs = performance.now();
  let isKilled = false;
  while (!context.signal.aborted) {
    const elapsedMs = performance.now() - startedMs;
    if (killAtMs !== null && !isKilled && elapsedMs >= killAtMs) {
      isKilled = true;
      context.storm.kill(options.killFraction!);
    }
    const due = Math.min(options.messages, Math.floor((elapsedMs / 1000) * options.ratePerSecond) + 1);
    let isDone = true;
    for (const sender of senders) {
      let sent = context.sentBySender.get(sender.client)!;
      while (sent < due && sender.isOpen) {
        const seq = sent + 1;
        const sentAtMicros = context.nowMicros();
        const text = fillTemplate(options.template, { ...valuesFor(sender, context.runId, options), seq, sentAt: Math.round((performance.timeOrigin + performance.now()) * 10) / 10 });
        if (!sender.send(text)) break;
        context.sentAt.get(sender.client)![seq] = sentAtMicros;
        sent = seq;
      }
      context.sentBySender.set(sender.client, sent);
      if (sent < options.messages) isDone = false;
    }
    if (isDone && (killAtMs === null || isKilled)) return;
    // Every sender is gone for good: nothing more can be sent.
    if (senders.every((sender) => sender.session?.state === 'closed') && context.storm.reconnecting === 0) return;
    await delay(tickMs, context.signal);
  }
}

function valuesFor(sender: FanoutClient, runId: string, options: FanoutOptions): Record<string, string | number> {
  return clientValues(sender.client, runId, options.variables);
}

/** Waits until every open receiver has every message sent, or `drainMs` passes. */
async function drain(clients: readonly FanoutClient[], sentBySender: ReadonlyMap<number, number>, drainMs: number, signal: AbortSignal): Promise<void> {
  const expected = [...sentBySender.values()].reduce((total, count) => total + count, 0);
  const endsAt = performance.now() + drainMs;
  while (!signal.aborted && performance.now() < endsAt) {
    if (clients.every((client) => !client.isOpen || client.tally.totals().delivered >= expected)) return;
    await delay(20, signal);
  }
}

/** Listens for `listenMs`, or less once every subscription is over (each GraphQL client got `complete` or `error`, or is closed and not coming back). */
async function listenUntilOver(clients: readonly FanoutClient[], storm: StormWatch, listenMs: number, signal: AbortSignal): Promise<void> {
  const endsAt = performance.now() + listenMs;
  while (!signal.aborted && performance.now() < endsAt) {
    if (storm.reconnecting === 0 && clients.every((client) => client.isStreamOver)) return;
    await delay(20, signal);
  }
}

/** Closes every open attempt with 1000 and waits (bounded) for the closing handshakes; drops what is left. */
async function closeAll(clients: readonly FanoutClient[]): Promise<void> {
  const sessions = clients.flatMap((client) => (client.session && client.session.state !== 'closed' ? [client.session] : []));
  for (const session of sessions) session.close(1000, 'frameline fanout done');
  await Promise.race([Promise.all(sessions.map((session) => session.ended)), delay(3_000)]);
  for (const session of sessions) session.abort('the closing handshake did not finish');
  await Promise.all(sessions.map((session) => session.ended));
}
