import type { SkippedMessage } from '../../../shared/app-protocol/protocol-tracker.js';
import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import type { LinkRelation, ProtocolLink, ProtocolMessage, ProtocolValue, ProtocolViolation } from '../../../shared/app-protocol/protocol-message.js';

/** Why a duty sent a message or a message was not decoded: English (captures and `--json`) and the message beside it. */
export type WordedReason = Pick<SkippedMessage, 'reason' | 'reasonText'>;

/** How much a store keeps before it lets the oldest messages go. */
export interface ProtocolStoreLimits {
  readonly maxMessages: number;
  /** Decoded trees kept for the newest messages; older ones are decoded again from the capture when asked for. */
  readonly treeWindow: number;
}

/** Enough for long sessions; the capture keeps every frame, and a re-decode rebuilds what was let go. */
export const DEFAULT_PROTOCOL_STORE_LIMITS: ProtocolStoreLimits = { maxMessages: 1_000_000, treeWindow: 2048 };

/** Reverse links kept per message (a subscription can have millions of messages). */
const maxLinkedFrom = 100;
/** Skip notes kept (large messages are rare; each note is a seq and a sentence). */
const maxSkipNotes = 10_000;
/** Kinds remembered for the kind filter (a decoder names a few dozen at most; garbage cannot grow it). */
const maxKinds = 100;
/** Messages scanned forward from a seq for ones that span it (an MQTT packet across messages, a Socket.IO binary event and its attachments). */
const spanScan = 64;

const flagIn = 1;
const flagControl = 2;
const noLinks: readonly ProtocolLink[] = Object.freeze([]);
const noViolations: readonly ProtocolViolation[] = Object.freeze([]);

/** A held message: everything a ProtocolMessage has, with its tree only while it is among the newest. */
export interface StoredMessage extends Omit<ProtocolMessage, 'tree'> {
  /** Undefined once the message left the tree window: `ProtocolLayer` decodes it again from the capture. */
  readonly tree: ProtocolValue | undefined;
}

/**
 * The protocol messages of one session, beside its capture: indexable by message index and by frame
 * seq (so a timeline row finds what its frame carried), with reverse links for navigation. Stored in
 * columns (one slot per message, numbers and the summary; links, violations, duty reasons and
 * multi-frame seqs in side tables) so a long session costs no object graph per message; decoded
 * trees are kept for the newest `treeWindow` messages only. Past `maxMessages` the oldest messages
 * are let go (`isEvictedSeq` tells a reader), never the capture's frames.
 */
export class ProtocolStore {
  private base = 0;
  private firstIndex = 1;
  private readonly firstSeq: number[] = [];
  private readonly lastSeq: number[] = [];
  private readonly atMicros: number[] = [];
  private readonly rttMicros: number[] = [];
  private readonly flags: number[] = [];
  private readonly kinds: string[] = [];
  private readonly summaries: string[] = [];
  private readonly protocols: AppProtocolId[] = [];
  private readonly seqsOf = new Map<number, readonly number[]>();
  private readonly linksOf = new Map<number, readonly ProtocolLink[]>();
  private readonly violationsOf = new Map<number, readonly ProtocolViolation[]>();
  private readonly dutyOf = new Map<number, WordedReason>();
  private readonly linkedFromOf = new Map<number, Array<{ readonly relation: LinkRelation; readonly fromIndex: number }>>();
  private readonly trees = new Map<number, ProtocolValue>();
  // Trees of older messages decoded again on request, the most recent requests first to go last.
  private readonly restored = new Map<number, ProtocolValue>();
  private readonly skipped = new Map<number, WordedReason>();
  private evictedCount = 0;
  private readonly kindsSeen = new Set<string>();

  constructor(private readonly limits: ProtocolStoreLimits = DEFAULT_PROTOCOL_STORE_LIMITS) {}

  /** The kinds decoded so far (at most 100), in the order they first came. */
  get kindsDecoded(): string[] {
    return [...this.kindsSeen];
  }

  /** Messages held now. */
  get size(): number {
    return this.lastSeq.length - this.base;
  }

  /** Messages stored since the start, including those let go. */
  get totalCount(): number {
    return this.size + this.evictedCount;
  }

  /** True once older messages were let go to stay within the limits. */
  get hasEvicted(): boolean {
    return this.evictedCount > 0;
  }

  /** The index the next message must have (messages arrive numbered from 1, in order). */
  get nextIndex(): number {
    return this.firstIndex + this.size;
  }

  /** Adds one decoded message (the next index); `duty` says why the duties sent it. */
  add(message: ProtocolMessage, duty?: WordedReason): void {
    const index = message.index;
    if (index !== this.nextIndex) return;
    const seqs = message.seqs;
    const first = seqs.length > 0 ? (seqs[0] as number) : -1;
    const last = seqs.length > 0 ? (seqs[seqs.length - 1] as number) : -1;
    this.firstSeq.push(first);
    this.lastSeq.push(last);
    this.atMicros.push(message.atMicros);
    this.rttMicros.push(message.rttMicros ?? -1);
    this.flags.push((message.direction === 'in' ? flagIn : 0) | (message.isControl ? flagControl : 0));
    this.kinds.push(message.kind);
    if (this.kindsSeen.size < maxKinds) this.kindsSeen.add(message.kind);
    this.summaries.push(message.summary);
    this.protocols.push(message.protocol);
    if (seqs.length > 1) this.seqsOf.set(index, seqs);
    if (message.violations.length > 0) this.violationsOf.set(index, message.violations);
    if (duty !== undefined) this.dutyOf.set(index, duty);
    const links = message.links;
    if (links.length > 0) {
      this.linksOf.set(index, links);
      for (let i = 0; i < links.length; i++) this.noteLinkedFrom((links[i] as ProtocolLink).toIndex, (links[i] as ProtocolLink).relation, index);
    }
    this.trees.set(index, message.tree);
    if (this.trees.size > this.limits.treeWindow) this.trees.delete(index - this.limits.treeWindow);
    if (this.size > this.limits.maxMessages) this.evictOldest();
  }

  /** Notes that a WebSocket message was not decoded, on each of its frames. */
  addSkipped(skipped: SkippedMessage): void {
    for (const seq of skipped.seqs) {
      if (this.skipped.size >= maxSkipNotes) {
        const oldest = this.skipped.keys().next();
        if (oldest.done !== true) this.skipped.delete(oldest.value);
      }
      this.skipped.set(seq, { reason: skipped.reason, reasonText: skipped.reasonText });
    }
  }

  /**
   * Puts back trees decoded again from the capture, for messages still held (at most `treeWindow`
   * of them: the `requested` ones go in last, after their neighbours nearest last, so those are the
   * last to go).
   */
  restoreTrees(trees: ReadonlyMap<number, ProtocolValue>, requested: readonly number[]): void {
    const distance = (index: number): number => Math.min(...requested.map((wanted) => Math.abs(wanted - index)));
    const neighbours = [...trees.keys()].filter((index) => !requested.includes(index)).sort((a, b) => distance(b) - distance(a));
    const order = [...neighbours, ...requested];
    for (const index of order) {
      const tree = trees.get(index);
      if (tree === undefined) continue;
      if (this.slot(index) < 0 || this.trees.has(index)) continue;
      this.restored.delete(index);
      this.restored.set(index, tree);
      if (this.restored.size > this.limits.treeWindow) this.restored.delete(this.restored.keys().next().value as number);
    }
  }

  /** The message with this index, while held. */
  message(index: number): StoredMessage | undefined {
    const slot = this.slot(index);
    if (slot < 0) return undefined;
    const flags = this.flags[slot] as number;
    const rtt = this.rttMicros[slot] as number;
    const first = this.firstSeq[slot] as number;
    return {
      protocol: this.protocols[slot] as AppProtocolId,
      index,
      direction: (flags & flagIn) !== 0 ? 'in' : 'out',
      atMicros: this.atMicros[slot] as number,
      seqs: this.seqsOf.get(index) ?? (first < 0 ? [] : [first]),
      kind: this.kinds[slot] as string,
      summary: this.summaries[slot] as string,
      isControl: (flags & flagControl) !== 0,
      tree: this.trees.get(index) ?? this.restored.get(index),
      links: this.linksOf.get(index) ?? noLinks,
      rttMicros: rtt < 0 ? undefined : rtt,
      violations: this.violationsOf.get(index) ?? noViolations,
    };
  }

  /** Why the duties sent this message, when they did. */
  duty(index: number): WordedReason | undefined {
    return this.dutyOf.get(index);
  }

  /** Later messages linking to this one, oldest first. */
  linkedFrom(index: number): ReadonlyArray<{ readonly relation: LinkRelation; readonly fromIndex: number }> {
    return this.linkedFromOf.get(index) ?? [];
  }

  /** The indexes of the messages a frame carries part or all of, in index order. */
  indexesAt(seq: number): number[] {
    const found: number[] = [];
    // lastSeq grows with the index (a message is decoded when its last frame arrives): the first
    // message that can hold `seq` is the first whose last frame is at or after it.
    let slot = this.firstSlotEndingAtOrAfter(seq);
    const end = Math.min(this.lastSeq.length, slot + spanScan);
    for (; slot < end; slot++) {
      const first = this.firstSeq[slot] as number;
      if (first > seq && this.lastSeq[slot] !== seq) continue;
      const index = this.firstIndex + slot - this.base;
      const seqs = this.seqsOf.get(index);
      if (seqs === undefined ? first === seq : seqs.includes(seq)) found.push(index);
    }
    return found;
  }

  /** The messages a frame carries part or all of, in index order. */
  messagesAt(seq: number): StoredMessage[] {
    return this.indexesAt(seq).map((index) => this.message(index) as StoredMessage);
  }

  /** True when the frame completes a message that `test` accepts (the timeline's protocol filters). */
  completesMessage(seq: number, test: (kind: string, isControl: boolean) => boolean): boolean {
    let slot = this.firstSlotEndingAtOrAfter(seq);
    for (; slot < this.lastSeq.length && this.lastSeq[slot] === seq; slot++) {
      if (test(this.kinds[slot] as string, ((this.flags[slot] as number) & flagControl) !== 0)) return true;
    }
    return false;
  }

  /** Why a frame's message was not decoded, if it was not. */
  skippedAt(seq: number): WordedReason | undefined {
    return this.skipped.get(seq);
  }

  /** The seq of the frame that completed a message (its last frame), while the message is held. */
  completingSeq(index: number): number | undefined {
    const slot = this.slot(index);
    if (slot < 0) return undefined;
    const last = this.lastSeq[slot] as number;
    return last < 0 ? undefined : last;
  }

  /** True when a frame this old may have carried messages that were let go. */
  isEvictedSeq(seq: number): boolean {
    if (this.evictedCount === 0) return false;
    if (this.size === 0) return true;
    return seq < (this.firstSeq[this.base] as number);
  }

  private slot(index: number): number {
    const offset = index - this.firstIndex;
    return offset < 0 || offset >= this.size ? -1 : this.base + offset;
  }

  private firstSlotEndingAtOrAfter(seq: number): number {
    let low = this.base;
    let high = this.lastSeq.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.lastSeq[middle] as number) < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private noteLinkedFrom(toIndex: number, relation: LinkRelation, fromIndex: number): void {
    if (this.slot(toIndex) < 0) return;
    let list = this.linkedFromOf.get(toIndex);
    if (list === undefined) {
      list = [];
      this.linkedFromOf.set(toIndex, list);
    }
    if (list.length >= maxLinkedFrom) list.shift();
    list.push({ relation, fromIndex });
  }

  private evictOldest(): void {
    const index = this.firstIndex;
    this.seqsOf.delete(index);
    this.linksOf.delete(index);
    this.violationsOf.delete(index);
    this.dutyOf.delete(index);
    this.linkedFromOf.delete(index);
    this.trees.delete(index);
    this.restored.delete(index);
    this.base += 1;
    this.firstIndex += 1;
    this.evictedCount += 1;
    // Columns are compacted once half of them is let go, so a long session's arrays stay bounded.
    if (this.base > 4096 && this.base * 2 > this.lastSeq.length) {
      for (const column of [this.firstSeq, this.lastSeq, this.atMicros, this.rttMicros, this.flags, this.kinds, this.summaries, this.protocols] as unknown[][]) column.splice(0, this.base);
      this.base = 0;
    }
  }
}
