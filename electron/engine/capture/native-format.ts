import type { CaptureHeader } from '../../../shared/contract/capture.js';

/**
 * The line layout of a `.frameline.json` file (docs/capture-format.md): one JSON document that is
 * also line-oriented, so a reader can validate one record per line instead of parsing a gigabyte
 * at once, and any JSON tool still reads the whole thing.
 *
 *   {"format":"frameline-capture","version":1,…header fields…,
 *   "records":[
 *   {record 0},
 *   {record 1}
 *   ],
 *   "wire":[
 *   [atMicros,"out",byteLength],
 *   [atMicros,"in",byteLength]
 *   ]}
 */
export const NativeLayout = {
  recordsOpen: '"records":[',
  recordsClose: '],',
  wireOpen: '"wire":[',
  documentClose: ']}',
} as const;

/** The first line: the header object left open with a trailing comma, so `records` follows as a member. */
export function headerLine(header: CaptureHeader): string {
  const json = JSON.stringify(header);
  return `${json.slice(0, -1)},`;
}

/** The header object inside a first line, or null when the line is not one (a different layout). */
export function parseHeaderLine(line: string): unknown {
  if (!line.startsWith('{') || !line.endsWith(',')) return null;
  try {
    return JSON.parse(`${line.slice(0, -1)}}`);
  } catch {
    return null;
  }
}
