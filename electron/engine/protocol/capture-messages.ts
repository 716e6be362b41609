import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import { MessageAssembler } from '../../../shared/connection/message-assembler.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import type { CaptureLog } from '../capture/capture-log.js';

/** Records read per slice before yielding to the event loop, so a re-decode never holds main for long. */
const sliceRecords = 2048;
const noBytes = new Uint8Array(0);

/**
 * The data messages of a capture, reassembled from its frames as the connection core does live
 * (§5.4; a compressed message is its last frame's inflated bytes), from `fromSeq` up to the records
 * present at `toSeq` (exclusive). A message still in progress at the end is not yielded. Yields
 * slices of messages, waiting a turn between slices.
 */
export async function* captureMessages(capture: CaptureLog, toSeq = capture.count, fromSeq = 0): AsyncGenerator<CompletedMessage[]> {
  const assemblers = {
    in: new MessageAssembler('in', 'received', { maxFragments: 0, maxPayloadBytes: Number.MAX_SAFE_INTEGER }),
    out: new MessageAssembler('out', 'sent', { maxFragments: 0, maxPayloadBytes: Number.MAX_SAFE_INTEGER }),
  };
  for (let from = fromSeq; from < toSeq; from += sliceRecords) {
    const rows = capture.getRecords(from, Math.min(sliceRecords, toSeq - from), 0);
    const messages: CompletedMessage[] = [];
    for (const row of rows) {
      if (row.kind !== 'frame') continue;
      const inflated = row.isCompressed ? capture.getInflatedPayload(row.seq) : null;
      const frame: FrameRecord = {
        kind: 'frame',
        atMicros: row.atMicros,
        fin: row.fin,
        rsv1: row.rsv1,
        rsv2: row.rsv2,
        rsv3: row.rsv3,
        opcode: row.opcode,
        masked: row.masked,
        maskingKey: null,
        payloadLength: row.payloadLength,
        headerBytes: noBytes,
        payload: capture.getPayload(row.seq),
        payloadTruncated: row.payloadTruncated,
        messageId: row.messageId,
        fragment: row.fragment,
        ...(inflated !== null ? { inflatedPayload: inflated, inflatedLength: inflated.length } : {}),
        // The frames' violations stay on their rows; decoding a message does not read them.
        violations: [],
      };
      const message = assemblers[row.direction].add(frame, row.seq);
      if (message !== null) messages.push(message);
    }
    yield messages;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
