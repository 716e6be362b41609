import { isIP } from 'node:net';
import type { ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import type { RecordJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import type { CaptureLog } from '../capture/capture-log.js';
import type { Session } from '../session/session.js';
import { allRecords } from './capture-scan.js';
import { connectContext, connectProbes, type ConnectContext } from './connect-probes.js';
import { openProbeSession, type ProbeHooks } from './probe-session.js';

/**
 * How many of DNS, TCP and TLS (in that order) the dial is past, so that no later record can
 * change their probes: DNS once the name is resolved (at once for an address), TCP once connected,
 * TLS once its handshake is done. Through a proxy, DNS and TCP wait for the tunnel, because a
 * SOCKS proxy may need a second lookup and a refused tunnel fails the TCP probe. The end of the
 * dial (the handshake sent, an error, the session closed) settles all three.
 */
export function settledConnectSteps(records: readonly RecordJson[], context: ConnectContext): 0 | 1 | 2 | 3 {
  const names = new Set(records.flatMap((record) => (record.kind === 'event' ? [record.name] : [])));
  const isDialOver = records.some((record) => record.kind === 'handshake') || names.has('handshake-sent') || names.has('error') || names.has('closed');
  if (isDialOver) return 3;
  const isTcpSettled = names.has(context.isProxied ? 'proxy-tunnel-established' : 'tcp-connected');
  if (isTcpSettled) return !context.isSecure || names.has('tls-established') ? 3 : 2;
  return !context.isProxied && (names.has('dns') || isIP(context.dialHost) !== 0) ? 1 : 0;
}

/**
 * A session's connect probes reported one by one as its dial passes each step, instead of all
 * together once the handshake is answered: `watch` the capture before the session dials, then
 * `settle` once it is open or has ended.
 */
export class ConnectProbeStream {
  private readonly reported: ProbeResult[] = [];
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly context: ConnectContext, private readonly onProbe: (probe: ProbeResult) => void) {}

  /** Starts following `capture`; reports at once what is already settled (DNS for an address). */
  watch(capture: CaptureLog): void {
    this.unsubscribe();
    this.unsubscribe = capture.onDidAppend(() => this.report(allRecords(capture), false));
    this.report(allRecords(capture), false);
  }

  /** Reports the probes not reported yet from the whole capture, stops following it, and returns all three. */
  settle(capture: CaptureLog): ProbeResult[] {
    this.report(allRecords(capture), true);
    return [...this.reported];
  }

  private report(records: readonly RecordJson[], isOver: boolean): void {
    const count = isOver ? 3 : settledConnectSteps(records, this.context);
    if (count <= this.reported.length) return;
    for (const probe of connectProbes(records, this.context).slice(this.reported.length, count)) {
      this.reported.push(probe);
      this.onProbe(probe);
    }
    if (this.reported.length === 3) this.unsubscribe();
  }
}

/** A probe session being dialled with its connect probes streamed, and the stream that settles them. */
export interface StreamedProbeSession {
  readonly session: Session;
  readonly connecting: ConnectProbeStream;
}

/**
 * Opens the session whose handshake the Doctor judges (no pings of its own, pongs answered), with
 * its DNS, TCP and TLS probes passed to `onProbe` as the dial gets past each, and `onAwaitingUpgrade`
 * called once TLS is reported while the upgrade is still unanswered. `settle` the stream afterwards.
 */
export async function openStreamedProbeSession(probe: ProbeId, options: SessionOptions, hooks: ProbeHooks, onProbe: (result: ProbeResult) => void, onAwaitingUpgrade: () => void): Promise<StreamedProbeSession> {
  let isAnswered = false;
  const connecting = new ConnectProbeStream(connectContext(options), (result) => {
    onProbe(result);
    if (result.id === 'tls' && !isAnswered) onAwaitingUpgrade();
  });
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
