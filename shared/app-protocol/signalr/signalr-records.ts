import { parseProblem, type ParseProblem } from '../parse-problem.js';
/** The JSON hub protocol's record separator (ASP.NET Core SignalR HubProtocol.md "JSON Encoding"). */
export const RECORD_SEPARATOR = 0x1e;

/** Splits text records on 0x1E; `rest` is what follows the last separator (empty when the message ends with one). */
export function splitTextRecords(bytes: Uint8Array): { records: Uint8Array[]; rest: Uint8Array } {
  const records: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== RECORD_SEPARATOR) continue;
    records.push(bytes.subarray(start, i));
    start = i + 1;
  }
  return { records, rest: bytes.subarray(start) };
}

/**
 * Splits binary records: each is prefixed with its length as a VarInt of up to five 7-bit groups,
 * least significant first (HubProtocol.md "MessagePack (MsgPack) encoding").
 */
export function splitBinaryRecords(bytes: Uint8Array): { records: Uint8Array[]; problem?: ParseProblem } {
  const records: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    let length = 0;
    let i = 0;
    for (;; i++) {
      const byte = bytes[offset + i];
      if (byte === undefined) return { records, problem: parseProblem('protocols:parser.signalr.prefixCut') };
      if (i >= 5) return { records, problem: parseProblem('protocols:parser.signalr.prefixTooLong') };
      length += (byte & 0x7f) * 128 ** i;
      if ((byte & 0x80) === 0) break;
    }
    const start = offset + i + 1;
    if (start + length > bytes.length) return { records, problem: parseProblem('protocols:parser.signalr.recordCut', { length, available: bytes.length - start }) };
    records.push(bytes.subarray(start, start + length));
    offset = start + length;
  }
  return { records };
}

/** The VarInt length prefix of a binary record. */
export function lengthPrefix(length: number): number[] {
  const out: number[] = [];
  let rest = length;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}
