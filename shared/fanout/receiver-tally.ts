import { LatencyHistogram } from './latency-histogram.js';
import { SeqSet } from './seq-set.js';

/** How one arrival counted. */
export type ArrivalKind = 'in-order' | 'out-of-order' | 'duplicate';

interface Stream {
  readonly seqs: SeqSet;
  highestSeq: number;
  outOfOrder: number;
  duplicated: number;
}

/**
 * What one receiving client got, per sender stream: which numbers arrived, how many twice, how
 * many after a higher number from the same sender had already arrived (out of order), and the
 * delivery latency of each first arrival. Order is judged per sender: nothing promises an order
 * between two senders' messages.
 */
export class ReceiverTally {
  /** Latencies of first arrivals (duplicates are not deliveries). */
  readonly latency = new LatencyHistogram();
  /** Received messages that carried no numbered message (a welcome, a server's own event). */
  unmatched = 0;
  private readonly streams = new Map<number, Stream>();

  /** Counts one arrival of `seq` from `sender`; latency is null when it cannot be known. */
  receive(sender: number, seq: number, latencyMicros: number | null): ArrivalKind {
    let stream = this.streams.get(sender);
    if (!stream) {
      stream = { seqs: new SeqSet(), highestSeq: -Infinity, outOfOrder: 0, duplicated: 0 };
      this.streams.set(sender, stream);
    }
    if (!stream.seqs.add(seq)) {
      stream.duplicated += 1;
      return 'duplicate';
    }
    if (latencyMicros !== null) this.latency.record(latencyMicros);
    if (seq < stream.highestSeq) {
      stream.outOfOrder += 1;
      return 'out-of-order';
    }
    stream.highestSeq = seq;
    return 'in-order';
  }

  /** True when `seq` from `sender` arrived at least once. */
  has(sender: number, seq: number): boolean {
    return this.streams.get(sender)?.seqs.has(seq) ?? false;
  }

  /** Distinct messages that arrived from `sender`. */
  deliveredFrom(sender: number): number {
    return this.streams.get(sender)?.seqs.size ?? 0;
  }

  /** The senders heard from. */
  senders(): number[] {
    return [...this.streams.keys()];
  }

  /** Totals over every stream. */
  totals(): { delivered: number; duplicated: number; outOfOrder: number } {
    let delivered = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    for (const stream of this.streams.values()) {
      delivered += stream.seqs.size;
      duplicated += stream.duplicated;
      outOfOrder += stream.outOfOrder;
    }
    return { delivered, duplicated, outOfOrder };
  }
}
