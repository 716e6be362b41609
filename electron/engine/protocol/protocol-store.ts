import type { SkippedMessage } from '../../../shared/app-protocol/protocol-tracker.js';
import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import { ChunkedColumn, type NumberArray } from '../capture/chunked-column.js';
import { ChunkedList } from '../capture/chunked-list.js';
import { InternedColumn } from './interned-column.js';
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
// Codes of the inline link's relation; 0 is unused (no link is told by `linkTo` 0).
const relations: readonly (LinkRelation | undefined)[] = [undefined, 'answers', 'acknowledges', 'belongs-to', 'completes', 'continues'];
const relationCode = new Map(relations.flatMap((relation, code) => (relation === undefined ? [] : [[relation, code] as const])));
const noViolations: readonly ProtocolViolation[] = Object.freeze([]);

/** A held message: everything a ProtocolMessage has, with its tree only while it is among the newest. */
export interface StoredMessage extends Omit<ProtocolMessage, 'tree'> {
  /** Undefined once the message left the tree window: `ProtocolLayer` decodes it again from the capture. */
  readonly tree: ProtocolValue | undefined;
}

/**
 * The protocol messages of one session, beside its capture: indexable by message index and by frame
 * seq (so a timeline row finds what its frame carried), with reverse links for navigation. Stored in
 * chunked columns like the capture's: typed arrays for the numbers, the kind and the protocol as
 * 2-byte codes, a message's one link inline, and its summary; several links, violations, duty
 * reasons and multi-frame seqs in side tables. A million Socket.IO-like messages with a link each
 * held 329 MB of heap in arrays and a map per message, 130 MB so (docs/performance.md, "The
 * protocol store"). Decoded trees are kept for the newest `treeWindow` messages only. Past
 * `maxMessages` the oldest messages are let go (`isEvictedSeq` tells a reader), never the
 * capture's frames; the letting go frees whole column chunks, so nothing is compacted or copied.
 */
export class ProtocolStore {
  // Messages are numbered from 1; message `index` is at position `index - 1` of every column.
  private firstIndex = 1;
  private nextIndexValue = 1;
  // Seqs plus one, so 0 says "none" (a message with no frame).
  private readonly firstSeq = new ChunkedColumn(Uint32Array);
  private readonly lastSeq = new ChunkedColumn(Uint32Array);
  private readonly atMicros = new ChunkedColumn(Float64Array);
  // Round trips plus one, 0 for none: only pongs and answers have one.
  private readonly rttMicros = new ChunkedColumn(Float64Array, true);
  private readonly flags = new ChunkedColumn(Uint8Array);
  private readonly kinds = new InternedColumn<string>();
  private readonly protocols = new InternedColumn<AppProtocolId>();
  private readonly summaries = new ChunkedList<string>();
  // A message's one link inline (most have none or one: a MESSAGE to its SUBSCRIBE); several in `linksOf`.
  private readonly linkTo = new ChunkedColumn(Uint32Array, true);
  private readonly linkRelation = new ChunkedColumn(Uint8Array, true);
  private readonly numberColumns: readonly ChunkedColumn<NumberArray>[] = [this.firstSeq, this.lastSeq, this.atMicros, this.rttMicros, this.flags, this.linkTo, this.linkRelation];
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
    return this.nextIndexValue - this.firstIndex;
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
    return this.nextIndexValue;
  }

  /** Adds one decoded message (the next index); `duty` says why the duties sent it. */
  add(message: ProtocolMessage, duty?: WordedReason): void {
    const index = message.index;
    if (index !== this.nextIndex) return;
    const seqs = message.seqs;
    const at = index - 1;
    for (const column of this.numberColumns) column.reserve(at);
    this.firstSeq.set(at, seqs.length > 0 ? (seqs[0] as number) + 1 : 0);
    this.lastSeq.set(at, seqs.length > 0 ? (seqs[seqs.length - 1] as number) + 1 : 0);
    this.atMicros.set(at, message.atMicros);
    this.rttMicros.set(at, message.rttMicros === undefined ? 0 : message.rttMicros + 1);
    this.flags.set(at, (message.direction === 'in' ? flagIn : 0) | (message.isControl ? flagControl : 0));
    this.kinds.set(at, message.kind);
    if (this.kindsSeen.size < maxKinds) this.kindsSeen.add(message.kind);
    this.summaries.set(at, message.summary);
    this.protocols.set(at, message.protocol);
    this.nextIndexValue = index + 1;
    if (seqs.length > 1) this.seqsOf.set(index, seqs);
    if (message.violations.length > 0) this.violationsOf.set(index, message.violations);
    if (duty !== undefined) this.dutyOf.set(index, duty);
    const links = message.links;
    const only = links.length === 1 ? (links[0] as ProtocolLink) : null;
    const code = only === null ? undefined : relationCode.get(only.relation);
    if (only !== null && code !== undefined && only.toIndex >= 1 && only.toIndex < index) {
      this.linkTo.set(at, only.toIndex);
      this.linkRelation.set(at, code);
    } else if (links.length > 0) {
      this.linksOf.set(index, links);
    }
    for (let i = 0; i < links.length; i++) this.noteLinkedFrom((links[i] as ProtocolLink).toIndex, (links[i] as ProtocolLink).relation, index);
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
      if (!this.holds(index) || this.trees.has(index)) continue;
      this.restored.delete(index);
      this.restored.set(index, tree);
      if (this.restored.size > this.limits.treeWindow) this.restored.delete(this.restored.keys().next().value as number);
    }
  }

  /** The message with this index, while held. */
  message(index: number): StoredMessage | undefined {
    if (!this.holds(index)) return undefined;
    const at = index - 1;
    const flags = this.flags.get(at);
    const rtt = this.rttMicros.get(at);
    const first = this.firstSeq.get(at);
    return {
      protocol: this.protocols.get(at),
      index,
      direction: (flags & flagIn) !== 0 ? 'in' : 'out',
      atMicros: this.atMicros.get(at),
      seqs: this.seqsOf.get(index) ?? (first === 0 ? [] : [first - 1]),
      kind: this.kinds.get(at),
      summary: this.summaries.get(at) as string,
      isControl: (flags & flagControl) !== 0,
      tree: this.trees.get(index) ?? this.restored.get(index),
      links: this.linksAt(index),
      rttMicros: rtt === 0 ? undefined : rtt - 1,
      violations: this.violationsOf.get(index) ?? noViolations,
    };
  }

  private linksAt(index: number): readonly ProtocolLink[] {
    const to = this.linkTo.get(index - 1);
    if (to === 0) return this.linksOf.get(index) ?? noLinks;
    return [{ relation: relations[this.linkRelation.get(index - 1)] as LinkRelation, toIndex: to }];
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
    let index = this.firstIndexEndingAtOrAfter(seq);
    const end = Math.min(this.nextIndexValue, index + spanScan);
    for (; index < end; index++) {
      const first = this.firstSeq.get(index - 1) - 1;
      if (first > seq && this.lastSeq.get(index - 1) - 1 !== seq) continue;
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
    for (let index = this.firstIndexEndingAtOrAfter(seq); index < this.nextIndexValue && this.lastSeq.get(index - 1) - 1 === seq; index++) {
      if (test(this.kinds.get(index - 1), (this.flags.get(index - 1) & flagControl) !== 0)) return true;
    }
    return false;
  }

  /** Why a frame's message was not decoded, if it was not. */
  skippedAt(seq: number): WordedReason | undefined {
    return this.skipped.get(seq);
  }

  /** The seq of the frame that completed a message (its last frame), while the message is held. */
  completingSeq(index: number): number | undefined {
    if (!this.holds(index)) return undefined;
    const last = this.lastSeq.get(index - 1);
    return last === 0 ? undefined : last - 1;
  }

  /** True when a frame this old may have carried messages that were let go. */
  isEvictedSeq(seq: number): boolean {
    if (this.evictedCount === 0) return false;
    if (this.size === 0) return true;
    return seq < this.firstSeq.get(this.firstIndex - 1) - 1;
  }

  /**
   * Lets go of the held messages completed by a frame before `seq`, oldest first (a printer that
   * printed those frames and keeps no capture: `CaptureLog.releaseBefore`). A message that spans
   * a later frame stays, and the ones after it with it.
   */
  releaseCompletedBefore(seq: number): void {
    while (this.size > 0 && this.lastSeq.get(this.firstIndex - 1) - 1 < seq) this.evictOldest();
    for (const at of this.skipped.keys()) {
      if (at >= seq) break;
      this.skipped.delete(at);
    }
  }

  private holds(index: number): boolean {
    return index >= this.firstIndex && index < this.nextIndexValue;
  }

  private firstIndexEndingAtOrAfter(seq: number): number {
    let low = this.firstIndex;
    let high = this.nextIndexValue;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.lastSeq.get(middle - 1) - 1 < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private noteLinkedFrom(toIndex: number, relation: LinkRelation, fromIndex: number): void {
    if (!this.holds(toIndex)) return;
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
    this.firstIndex += 1;
    this.evictedCount += 1;
    // The columns free a whole chunk once every message in it is let go.
    const before = this.firstIndex - 1;
    for (const column of this.numberColumns) column.releaseBefore(before);
    this.kinds.releaseBefore(before);
    this.protocols.releaseBefore(before);
    this.summaries.releaseBefore(before);
  }
}
