import { isIP } from 'node:net';
import type { ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { describeProxy } from '../net/proxy-failure.js';
import { socks5Methods } from '../net/socks5-messages.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import type { Session } from '../session/session.js';
import { allRecords } from './capture-scan.js';
import { connectProbes } from './connect-probes.js';
import { connectContext, connectStepIds, type ConnectContext, type ConnectStepId } from './connect-step.js';
import { openProbeSession, type ProbeHooks } from './probe-session.js';

/**
 * How many of the connect steps (`connectStepIds`, in order) the dial is past, so that no later
 * record can change their probes: DNS once the name is resolved (at once for an address), TCP once
 * connected, TLS once its handshake is done. Through a proxy, DNS and TCP are the proxy's own lookup
 * and connection, settled as they happen, and the proxy step once the proxy has answered (the
 * tunnel is up). The end of the dial (the handshake sent, an error, the session closed) settles all.
 */
export function settledConnectSteps(records: readonly RecordJson[], context: ConnectContext): number {
  const steps = connectStepIds(context);
  const events = records.filter((record): record is EventRecordJson => record.kind === 'event');
  const has = (name: EventRecordJson['name'], peer?: 'proxy'): boolean => events.some((event) => event.name === name && (peer === undefined || event['peer'] === peer));
  const isDialOver = records.some((record) => record.kind === 'handshake') || has('handshake-sent') || has('error') || has('closed');
  if (isDialOver) return steps.length;
  const proxy = context.proxy;
  const isSettled: Readonly<Record<ConnectStepId, () => boolean>> = {
    dns: () => (proxy ? has('dns', 'proxy') || isIP(proxy.host) !== 0 : has('dns') || isIP(context.dialHost) !== 0),
    tcp: () => has('tcp-connected', proxy ? 'proxy' : undefined),
    proxy: () => has('proxy-tunnel-established'),
    tls: () => !context.isSecure || has('tls-established'),
  };
  const firstOpen = steps.findIndex((step) => !isSettled[step]());
  return firstOpen === -1 ? steps.length : firstOpen;
}

/**
 * A session's connect probes reported one by one as its dial passes each step, instead of all
 * together once the handshake is answered: `watch` the capture before the session dials, then
 * `settle` once it is open or has ended.
 */
export class ConnectProbeStream {
  private readonly reported: ProbeResult[] = [];
  private unsubscribe: () => void = () => undefined;
  private readonly steps: number;
  private proxyPartsSeen = 0;

  /** `onProxyPart` is told each part of a SOCKS exchange (a `socks-step` event) as the dial records it, before the proxy step settles. */
  constructor(
    private readonly context: ConnectContext,
    private readonly onProbe: (probe: ProbeResult) => void,
    private readonly onProxyPart: (part: EventRecordJson) => void = () => undefined,
  ) {
    this.steps = connectStepIds(context).length;
  }

  /** Starts following `capture`; reports at once what is already settled (DNS for an address). */
  watch(capture: CaptureLog): void {
    this.unsubscribe();
    this.unsubscribe = capture.onDidAppend(() => this.report(allRecords(capture), false));
    this.report(allRecords(capture), false);
  }

  /** Reports the probes not reported yet from the whole capture, stops following it, and returns them all. */
  settle(capture: CaptureLog): ProbeResult[] {
    this.report(allRecords(capture), true);
    return [...this.reported];
  }

  private report(records: readonly RecordJson[], isOver: boolean): void {
    if (!isOver) this.reportProxyParts(records);
    const count = isOver ? this.steps : settledConnectSteps(records, this.context);
    if (count <= this.reported.length) return;
    for (const probe of connectProbes(records, this.context).slice(this.reported.length, count)) {
      this.reported.push(probe);
      this.onProbe(probe);
    }
    if (this.reported.length === this.steps) this.unsubscribe();
  }

  private reportProxyParts(records: readonly RecordJson[]): void {
    const parts = records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'socks-step');
    for (const part of parts.slice(this.proxyPartsSeen)) this.onProxyPart(part);
    this.proxyPartsSeen = parts.length;
  }
}

/** A probe session being dialled with its connect probes streamed, and the stream that settles them. */
export interface StreamedProbeSession {
  readonly session: Session;
  readonly connecting: ConnectProbeStream;
}

/** What the run says while the dial waits between steps (the proxy's answer, then the upgrade). */
export interface AwaitingProgress {
  /** The probe and sentence for a dial that is done (TLS reported) while the upgrade is unanswered. */
  readonly upgrade: { readonly probe: ProbeId; readonly text: Message };
  /** Told each wait as it starts, until the upgrade is answered or a step has failed. */
  readonly onProgress: (probe: ProbeId, text: Message) => void;
}

/**
 * Opens the session whose handshake the Doctor judges (no pings of its own, pongs answered), with
 * its connect probes passed to `onProbe` as the dial gets past each, and `awaiting` told what comes
 * next while it waits (the proxy's answer, then the upgrade), unless a step has failed. `settle` the stream afterwards.
 */
export async function openStreamedProbeSession(probe: ProbeId, options: SessionOptions, hooks: ProbeHooks, onProbe: (result: ProbeResult) => void, awaiting: AwaitingProgress): Promise<StreamedProbeSession> {
  let isAnswered = false;
  let hasFailed = false;
  const context = connectContext(options);
  const connecting = new ConnectProbeStream(
    context,
    (result) => {
      onProbe(result);
      hasFailed ||= result.status === 'fail';
      if (isAnswered || hasFailed) return;
      if (result.id === 'tcp' && context.proxy) awaiting.onProgress('proxy', message('doctor:progress.proxyAnswer', { proxy: describeProxy(context.proxy), target: context.dialAddress }));
      if (result.id === 'tls') awaiting.onProgress(awaiting.upgrade.probe, awaiting.upgrade.text);
    },
    (part) => {
      if (isAnswered || hasFailed || !context.proxy || part['outcome'] !== 'ok') return;
      awaiting.onProgress('proxy', nextSocksPartProgress(part, context));
    },
  );
  const session = await openProbeSession(probe, { ...options, heartbeat: { autoPingIntervalMs: 0, autoPong: true } }, {
    ...hooks,
    onSession: (id, opened) => {
      hooks.onSession?.(id, opened);
      connecting.watch(opened.capture);
    },
  });
  isAnswered = true;
  return { session, connecting };
}

/**
 * While a SOCKS proxy holds the rest of its exchange: what it answered last, and what is awaited
 * next (the RFC 1929 answer after it chose username/password, else its reply to the request).
 */
function nextSocksPartProgress(part: EventRecordJson, context: ConnectContext): Message {
  const values = { proxy: describeProxy(context.proxy!), answered: eventMessage(part, 'message'), target: context.dialAddress };
  const isAuthNext = part['step'] === 'method' && part['chosenMethod'] === socks5Methods.usernamePassword;
  return message(isAuthNext ? 'doctor:progress.socksAuthAnswer' : 'doctor:progress.socksReply', values);
}
