import type { BackendFigures, ClientEvent, ClientFigures, DeliveryFigures, LatencyFigures } from '../contract/fanout.js';
import type { Message } from '../i18n/message.js';
import type { ExpectedMessages } from './expected-messages.js';
import { chartEdges, LatencyHistogram } from './latency-histogram.js';
import type { ReceiverTally } from './receiver-tally.js';

/** What the runner knows about one client when the run ends. */
export interface ReceiverRecord {
  readonly client: number;
  readonly isSender: boolean;
  readonly backend: string | null;
  readonly backendSource: string | null;
  readonly attempts: number;
  /** The subprotocol the server accepted on its newest attempt; null when none was. */
  readonly subprotocol: string | null;
  readonly opened: boolean;
  readonly failure: string | null;
  readonly failureText: Message | null;
  readonly tally: ReceiverTally;
  /** Run-clock window in which it was subscribed and listening (broadcast expectations use it). */
  readonly listeningFromMicros: number;
  readonly listeningUntilMicros: number;
  readonly timeline: readonly ClientEvent[];
}

/** The report's figures: all clients, each backend, each client, on common histogram edges. */
export interface FanoutFigures {
  readonly totals: BackendFigures;
  readonly backends: BackendFigures[];
  readonly clients: ClientFigures[];
  readonly histogramEdgesMs: number[];
}

const histogramBins = 24;

/**
 * Turns per-client tallies into the report's figures, grouped by backend (sorted by name, clients
 * whose backend nothing named last), so "clients on node B lose 3 % and see reordering" is one row.
 */
export function fanoutFigures(receivers: readonly ReceiverRecord[], expected: ExpectedMessages): FanoutFigures {
  const perClient = receivers.map((receiver) => ({ receiver, figures: deliveryOf([receiver], expected) }));
  const all = mergedLatency(receivers);
  const summary = all.summary();
  const edgesMicros = summary ? chartEdges(summary.minMicros, summary.maxMicros, histogramBins) : [];
  const group = (backend: string | null, members: readonly ReceiverRecord[]): BackendFigures => ({
    backend,
    clients: members.length,
    opened: members.filter((member) => member.opened).length,
    failed: members.filter((member) => !member.opened).length,
    ...sumFigures(perClient.filter((each) => members.includes(each.receiver)).map((each) => each.figures), mergedLatency(members)),
    histogram: { counts: edgesMicros.length > 0 ? mergedLatency(members).countsBetween(edgesMicros) : [] },
  });
  const byBackend = new Map<string | null, ReceiverRecord[]>();
  for (const receiver of receivers) byBackend.set(receiver.backend, [...(byBackend.get(receiver.backend) ?? []), receiver]);
  const names = [...byBackend.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en', { numeric: true })));
  return {
    totals: group(null, receivers),
    backends: names.map((name) => group(name, byBackend.get(name)!)),
    clients: perClient.map(({ receiver, figures }) => ({
      ...figures,
      client: receiver.client,
      backend: receiver.backend,
      backendSource: receiver.backendSource,
      attempts: receiver.attempts,
      subprotocol: receiver.subprotocol,
      isSender: receiver.isSender,
      opened: receiver.opened,
      failure: receiver.failure,
      ...(receiver.failureText !== null ? { failureText: receiver.failureText } : {}),
      timeline: [...receiver.timeline],
    })),
    histogramEdgesMs: edgesMicros.map((edge) => round(edge / 1000)),
  };
}

/** Percentiles of a histogram, in milliseconds to the microsecond. */
export function latencyFigures(histogram: LatencyHistogram): LatencyFigures {
  const summary = histogram.summary();
  const ms = (micros: number | null): number | null => (micros === null ? null : round(micros / 1000));
  return {
    count: histogram.count,
    p50Ms: ms(histogram.percentile(50)),
    p95Ms: ms(histogram.percentile(95)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(summary?.maxMicros ?? null),
    minMs: ms(summary?.minMicros ?? null),
    meanMs: ms(summary?.meanMicros ?? null),
  };
}

function deliveryOf(receivers: readonly ReceiverRecord[], expected: ExpectedMessages): DeliveryFigures {
  const [receiver] = receivers;
  const { tally } = receiver!;
  const owed = expected.expectedFor(tally, receiver!.listeningFromMicros, receiver!.listeningUntilMicros);
  const totals = tally.totals();
  return {
    expected: owed.expected,
    delivered: totals.delivered,
    lost: owed.lost,
    duplicated: totals.duplicated,
    outOfOrder: totals.outOfOrder,
    unmatched: tally.unmatched,
    lossPercent: percent(owed.lost, owed.expected),
    latency: latencyFigures(tally.latency),
  };
}

function sumFigures(figures: readonly DeliveryFigures[], latency: LatencyHistogram): DeliveryFigures {
  const sum = (key: 'expected' | 'delivered' | 'lost' | 'duplicated' | 'outOfOrder' | 'unmatched'): number => figures.reduce((total, each) => total + each[key], 0);
  const expected = sum('expected');
  const lost = sum('lost');
  return {
    expected,
    delivered: sum('delivered'),
    lost,
    duplicated: sum('duplicated'),
    outOfOrder: sum('outOfOrder'),
    unmatched: sum('unmatched'),
    lossPercent: percent(lost, expected),
    latency: latencyFigures(latency),
  };
}

function mergedLatency(receivers: readonly { readonly tally: ReceiverTally }[]): LatencyHistogram {
  const merged = new LatencyHistogram();
  for (const receiver of receivers) merged.merge(receiver.tally.latency);
  return merged;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : round((part / whole) * 100, 2);
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
