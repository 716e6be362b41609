import type { SkippedMessage } from '../../../shared/app-protocol/protocol-tracker.js';
import type { LinkRelation, ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';

/** How much a store keeps before it lets the oldest messages go. */
export interface ProtocolStoreLimits {
  readonly maxMessages: number;
  /** An estimate: the wire bytes of each message plus a fixed overhead for its tree and entries. */
  readonly maxBytes: number;
}

/** Enough for long sessions; the capture keeps every frame, and a re-decode rebuilds what was let go. */
export const DEFAULT_PROTOCOL_STORE_LIMITS: ProtocolStoreLimits = { maxMessages: 200_000, maxBytes: 128 * 1024 * 1024 };

/** The fixed cost counted per message besides its wire bytes (objects, map entries, summary). */
const overheadBytesPerMessage = 400;
/** Reverse links kept per message (a subscription can have millions of messages). */
const maxLinkedFrom = 100;
/** Skip notes kept (large messages are rare; each note is a seq and a sentence). */
const maxSkipNotes = 10_000;

interface Entry {
  readonly message: ProtocolMessage;
  readonly costBytes: number;
  duty?: string;
  linkedFrom?: Array<{ readonly relation: LinkRelation; readonly fromIndex: number }>;
}

/**
 * The protocol messages of one session, beside its capture: indexable by message index and by frame
 * seq (so a timeline row finds what its frame carried), with reverse links for navigation. Bounded:
 * past its limits the oldest messages are let go (`isEvicted` tells a reader), never the capture's
 * frames.
 */
export class ProtocolStore {
  private readonly entries = new Map<number, Entry>();
  // seq → one message index, or several (STOMP frames sharing a message, MQTT packets spanning messages).
  private readonly bySeq = new Map<number, number | number[]>();
  private readonly skipped = new Map<number, string>();
  private bytes = 0;
  private evictedCount = 0;

  constructor(private readonly limits: ProtocolStoreLimits = DEFAULT_PROTOCOL_STORE_LIMITS) {}

  /** Messages held now. */
  get size(): number {
    return this.entries.size;
  }

  /** Messages stored since the start, including those let go. */
  get totalCount(): number {
    return this.entries.size + this.evictedCount;
  }

  /** True once older messages were let go to stay within the limits. */
  get hasEvicted(): boolean {
    return this.evictedCount > 0;
  }

  /** True when a frame this old may have carried messages that were let go. */
  isEvictedSeq(seq: number): boolean {
    if (this.evictedCount === 0) return false;
    const oldest = this.entries.values().next();
    if (oldest.done === true) return true;
    return seq < (oldest.value.message.seqs[0] ?? 0);
  }

  /** Adds one decoded message; `wireBytes` is the size of the WebSocket message(s) it came from. */
  add(message: ProtocolMessage, wireBytes: number, duty?: string): void {
    const entry: Entry = { message, costBytes: wireBytes + overheadBytesPerMessage };
    if (duty !== undefined) entry.duty = duty;
    this.entries.set(message.index, entry);
    this.bytes += entry.costBytes;
    const seqs = message.seqs;
    for (let i = 0; i < seqs.length; i++) this.indexSeq(seqs[i] as number, message.index);
    const links = message.links;
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      const target = this.entries.get(link.toIndex);
      if (target === undefined) continue;
      target.linkedFrom ??= [];
      if (target.linkedFrom.length >= maxLinkedFrom) target.linkedFrom.shift();
      target.linkedFrom.push({ relation: link.relation, fromIndex: message.index });
    }
    while (this.entries.size > this.limits.maxMessages || (this.bytes > this.limits.maxBytes && this.entries.size > 1)) this.evictOldest();
  }

  /** Notes that a WebSocket message was not decoded, on each of its frames. */
  addSkipped(skipped: SkippedMessage): void {
    for (const seq of skipped.seqs) {
      if (this.skipped.size >= maxSkipNotes) {
        const oldest = this.skipped.keys().next();
        if (oldest.done !== true) this.skipped.delete(oldest.value);
      }
      this.skipped.set(seq, skipped.reason);
    }
  }

  /** The message with this index, while held. */
  message(index: number): ProtocolMessage | undefined {
    return this.entries.get(index)?.message;
  }

  /** Why the duties sent this message, when they did. */
  dutyOf(index: number): string | undefined {
    return this.entries.get(index)?.duty;
  }

  /** Later messages linking to this one, oldest first. */
  linkedFrom(index: number): ReadonlyArray<{ readonly relation: LinkRelation; readonly fromIndex: number }> {
    return this.entries.get(index)?.linkedFrom ?? [];
  }

  /** The messages a frame carries part or all of, in index order. */
  messagesAt(seq: number): ProtocolMessage[] {
    const indexes = this.bySeq.get(seq);
    if (indexes === undefined) return [];
    if (typeof indexes === 'number') {
      const message = this.entries.get(indexes)?.message;
      return message === undefined ? [] : [message];
    }
    const messages: ProtocolMessage[] = [];
    for (const index of indexes) {
      const message = this.entries.get(index)?.message;
      if (message !== undefined) messages.push(message);
    }
    return messages;
  }

  /** Why a frame's message was not decoded, if it was not. */
  skippedAt(seq: number): string | undefined {
    return this.skipped.get(seq);
  }

  /** The seq of the frame that completed a message (its last frame), while the message is held. */
  completingSeq(index: number): number | undefined {
    const seqs = this.entries.get(index)?.message.seqs;
    return seqs === undefined || seqs.length === 0 ? undefined : seqs[seqs.length - 1];
  }

  private indexSeq(seq: number, index: number): void {
    const existing = this.bySeq.get(seq);
    if (existing === undefined) this.bySeq.set(seq, index);
    else if (typeof existing === 'number') {
      if (existing !== index) this.bySeq.set(seq, [existing, index]);
    } else if (!existing.includes(index)) existing.push(index);
  }

  private evictOldest(): void {
    const oldest = this.entries.entries().next();
    if (oldest.done === true) return;
    const [index, entry] = oldest.value;
    this.entries.delete(index);
    this.bytes -= entry.costBytes;
    this.evictedCount += 1;
    for (const seq of entry.message.seqs) {
      const indexes = this.bySeq.get(seq);
      if (indexes === index) this.bySeq.delete(seq);
      else if (Array.isArray(indexes)) {
        const left = indexes.filter((each) => each !== index);
        if (left.length === 0) this.bySeq.delete(seq);
        else this.bySeq.set(seq, left.length === 1 ? (left[0] as number) : left);
      }
    }
  }
}
