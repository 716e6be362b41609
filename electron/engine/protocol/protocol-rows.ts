import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import { protocolValueToJson } from '../../../shared/app-protocol/protocol-json.js';
import { protocolSummaryMessage } from '../../../shared/app-protocol/protocol-violation-text.js';
import type { FrameProtocol, ProtocolMessageJson, ProtocolRow } from '../../../shared/contract/api-protocol.js';
import type { RecordRow } from '../../../shared/contract/record-row.js';
import type { ProtocolStore, StoredMessage, WordedReason } from './protocol-store.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { message } from '../../../shared/i18n/message.js';

/** What a timeline row shows of a frame's protocol messages, or undefined when it carries none. */
export function protocolRowAt(store: ProtocolStore, protocol: AppProtocolId, seq: number): ProtocolRow | undefined {
  const messages = store.messagesAt(seq);
  if (messages.length === 0) {
    const skipped = store.skippedAt(seq);
    if (skipped === undefined) return undefined;
    const summaryText = message('protocols:skipped.summary', { protocol, reason: skipped.reasonText });
    return { protocol, summary: englishText(summaryText), summaryText, kind: 'not-decoded', isControl: false, count: 0, isComplete: true, links: [], violationCount: 1 };
  }
  const first = messages[0] as StoredMessage;
  const links: ProtocolRow['links'] = [];
  let isControl = true;
  let isComplete = false;
  let violationCount = 0;
  let rttMicros: number | undefined;
  let duty: WordedReason | undefined;
  for (const message of messages) {
    isControl &&= message.isControl;
    if (message.seqs[message.seqs.length - 1] === seq) isComplete = true;
    violationCount += message.violations.length;
    rttMicros ??= message.rttMicros;
    duty ??= store.duty(message.index);
    for (const link of message.links) {
      const toSeq = store.completingSeq(link.toIndex);
      if (toSeq !== undefined) links.push({ relation: link.relation, toSeq });
    }
  }
  return {
    protocol,
    summary: messages.length > 1 ? `${first.summary} +${messages.length - 1}` : first.summary,
    // An invalid message's summary is its violation's sentence, worded in the reader's language.
    ...(messages.length === 1 && first.kind === 'invalid' ? { summaryText: protocolSummaryMessage(first) } : {}),
    kind: first.kind,
    isControl,
    count: messages.length,
    isComplete,
    links,
    ...(rttMicros !== undefined ? { rttMicros } : {}),
    violationCount,
    ...(duty !== undefined ? { duty: duty.reason, dutyText: duty.reasonText } : {}),
  };
}

/** Rows with the protocol summary of each frame added (other rows unchanged). */
export function withProtocolRows(rows: RecordRow[], store: ProtocolStore, protocol: AppProtocolId): RecordRow[] {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RecordRow;
    if (row.kind !== 'frame') continue;
    const summary = protocolRowAt(store, protocol, row.seq);
    if (summary !== undefined) rows[i] = { ...row, protocol: summary };
  }
  return rows;
}

/** One message with its tree as JSON (null when it was not decoded again) and its links resolved to frame seqs, both ways. */
export function protocolMessageJson(store: ProtocolStore, message: StoredMessage): ProtocolMessageJson {
  const duty = store.duty(message.index);
  return {
    protocol: message.protocol,
    index: message.index,
    direction: message.direction,
    atMicros: message.atMicros,
    seqs: [...message.seqs],
    kind: message.kind,
    summary: message.summary,
    isControl: message.isControl,
    tree: message.tree === undefined ? null : protocolValueToJson(message.tree),
    links: message.links.map((link) => {
      const toSeq = store.completingSeq(link.toIndex);
      return { relation: link.relation, toIndex: link.toIndex, ...(toSeq !== undefined ? { toSeq } : {}) };
    }),
    linkedFrom: store.linkedFrom(message.index).flatMap((link) => {
      const fromSeq = store.completingSeq(link.fromIndex);
      return fromSeq === undefined ? [] : [{ relation: link.relation, fromIndex: link.fromIndex, fromSeq }];
    }),
    ...(message.rttMicros !== undefined ? { rttMicros: message.rttMicros } : {}),
    violations: message.violations.map((violation) => ({ ...violation })),
    ...(duty !== undefined ? { duty: duty.reason, dutyText: duty.reasonText } : {}),
  };
}

/** The protocol view of one frame, or null when it carries nothing of the protocol. */
export function frameProtocolAt(store: ProtocolStore, protocol: AppProtocolId, seq: number): FrameProtocol | null {
  const messages = store.messagesAt(seq);
  const skipped = store.skippedAt(seq);
  const isEvicted = store.isEvictedSeq(seq);
  if (messages.length === 0 && skipped === undefined && !isEvicted) return null;
  return {
    protocol,
    messages: messages.map((message) => protocolMessageJson(store, message)),
    ...(skipped !== undefined ? { skipped: skipped.reason, skippedText: skipped.reasonText } : {}),
    isEvicted,
  };
}
