import { useState } from 'react';
import type { FrameBytes } from './frame-bytes.js';

const BYTES_PER_LINE = 16;
const INITIAL_LIMIT = 4096;

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/** A classic offset / hex / ASCII dump with header, length, masking key and payload bytes coloured apart. */
export function HexDump({ frame, payloadLength }: { frame: FrameBytes; payloadLength: number }) {
  const [limit, setLimit] = useState(INITIAL_LIMIT);
  const shown = Math.min(frame.bytes.length, limit);
  const lines = [];
  for (let start = 0; start < shown; start += BYTES_PER_LINE) {
    const cells = [];
    const ascii = [];
    for (let offset = start; offset < start + BYTES_PER_LINE; offset += 1) {
      if (offset >= shown) {
        cells.push(<span key={offset} className="hex-byte">{'  '}</span>);
        continue;
      }
      const byte = frame.bytes[offset] ?? 0;
      const role = frame.roleAt(offset);
      cells.push(<span key={offset} className={`hex-byte role-${role}`}>{byte.toString(16).padStart(2, '0')}</span>);
      ascii.push(<span key={offset} className={`role-${role}`}>{printable(byte)}</span>);
    }
    lines.push(
      <div key={start} className="hex-line">
        <span className="hex-offset">{start.toString(16).padStart(8, '0')}</span>
        <span className="hex-bytes">{cells}</span>
        <span className="hex-ascii">{ascii}</span>
      </div>,
    );
  }
  const captured = frame.bytes.length - frame.headerLength;
  return (
    <div className="hex-dump" role="group" aria-label="Hex dump">
      <div className="hex-legend">
        <span className="role-header">header</span>
        <span className="role-length">extended length</span>
        <span className="role-key">masking key</span>
        <span className="role-payload">payload</span>
        {captured < payloadLength && <span className="muted">{`payload retained: ${captured} of ${payloadLength} bytes`}</span>}
      </div>
      <div className="hex-body">{lines}</div>
      {shown < frame.bytes.length && (
        <button type="button" onClick={() => setLimit(limit * 4)}>{`Show more (${shown} of ${frame.bytes.length} bytes shown)`}</button>
      )}
    </div>
  );
}
