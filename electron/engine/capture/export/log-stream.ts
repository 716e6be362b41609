import type { WireChunkJson } from '../../../../shared/contract/capture.js';
import type { Direction } from '../../../../shared/protocol/frame-record.js';
import type { CaptureLog } from '../capture-log.js';
import { directionOf, kindOf } from '../record-flags.js';
import type { CapturedRecord } from '../captured-record.js';
import { FrameScratch } from '../frame-scratch.js';
import type { CaptureStream } from './capture-stream.js';

// About 2 ms of work per slice at export speed, so an export never holds the event loop for long.
const recordsPerSlice = 2048;
const chunksPerSlice = 8192;

/**
 * A log as an export reads it: the records and wire chunks present when called (a live session
 * may append more; every pass sees the same ones), in slices, yielding to the event loop between
 * slices, so an export of a million records keeps main responsive and holds one slice at a time.
 */
export function logStream(log: CaptureLog, sliceSize = recordsPerSlice): CaptureStream {
  const records = log.count;
  const chunks = log.wireChunkCount;
  return {
    header: log.header,
    records: (direction) => recordSlices(log, records, sliceSize, direction),
    wireChunks: () => wireChunkSlices(log, chunks),
  };
}

// Each pass refills one slice array and one scratch frame per slice position (frame-scratch.ts), so
// exporting a million frames builds no frame object, header or key per record: a profile of the
// HAR export had 29 % of its time in collecting those (capture-stream.ts says how long they last).
async function* recordSlices(log: CaptureLog, end: number, sliceSize: number, direction: Direction | undefined): AsyncGenerator<CapturedRecord[]> {
  const slice: CapturedRecord[] = [];
  const scratches: FrameScratch[] = [];
  for (let from = 0; from < end; from += sliceSize) {
    slice.length = 0;
    for (let seq = from; seq < Math.min(end, from + sliceSize); seq += 1) {
      const flags = log.flagsAt(seq);
      // Frames of the other direction are skipped on their flags, before anything is read.
      if (direction !== undefined && kindOf(flags) === 'frame' && directionOf(flags) !== direction) continue;
      const scratch = scratches[slice.length] ?? (scratches[slice.length] = new FrameScratch());
      slice.push(log.readRecord(seq, scratch));
    }
    yield slice;
    await nextTurn();
  }
}

async function* wireChunkSlices(log: CaptureLog, end: number): AsyncGenerator<WireChunkJson[]> {
  for (let from = 0; from < end; from += chunksPerSlice) {
    const slice: WireChunkJson[] = [];
    for (let index = from; index < Math.min(end, from + chunksPerSlice); index += 1) slice.push(log.getWireChunk(index));
    yield slice;
    await nextTurn();
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
