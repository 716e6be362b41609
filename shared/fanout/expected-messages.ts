import type { ReceiverTally } from './receiver-tally.js';

/**
 * Which numbered messages each receiver should have got, so what it lacks is lost. With our own
 * senders, every message a sender sent (numbers 1..sent) is expected everywhere. With the server's
 * own broadcast, a message is expected by every receiver that was listening when someone first saw
 * it: the union of what all receivers saw is the broadcast.
 */
export interface ExpectedMessages {
  /** How many messages `tally` should have and which of them it lacks, within its listening window. */
  expectedFor(tally: ReceiverTally, listeningFromMicros: number, listeningUntilMicros: number): { expected: number; lost: number };
}

/** Expected messages when our senders numbered them: sender → how many it sent. */
export function sentMessages(sentBySender: ReadonlyMap<number, number>): ExpectedMessages {
  return {
    expectedFor(tally) {
      let expected = 0;
      let lost = 0;
      for (const [sender, sent] of sentBySender) {
        expected += sent;
        let got = 0;
        for (let seq = 1; seq <= sent; seq++) if (tally.has(sender, seq)) got += 1;
        lost += sent - got;
      }
      return { expected, lost };
    },
  };
}

/** The server's own broadcast: each (sender, seq) with the time anyone first saw it. */
export class BroadcastLedger implements ExpectedMessages {
  private readonly firstSeen = new Map<number, Map<number, number>>();

  /** Notes that `seq` from `sender` was seen at `atMicros` (only the first sighting is kept). */
  saw(sender: number, seq: number, atMicros: number): void {
    let stream = this.firstSeen.get(sender);
    if (!stream) {
      stream = new Map();
      this.firstSeen.set(sender, stream);
    }
    if (!stream.has(seq)) stream.set(seq, atMicros);
  }

  /** Distinct broadcast messages seen by anyone. */
  get size(): number {
    let size = 0;
    for (const stream of this.firstSeen.values()) size += stream.size;
    return size;
  }

  expectedFor(tally: ReceiverTally, fromMicros: number, untilMicros: number): { expected: number; lost: number } {
    let expected = 0;
    let lost = 0;
    for (const [sender, stream] of this.firstSeen) {
      for (const [seq, atMicros] of stream) {
        if (atMicros < fromMicros || atMicros > untilMicros) continue;
        expected += 1;
        if (!tally.has(sender, seq)) lost += 1;
      }
    }
    return { expected, lost };
  }
}
