import { useLayoutEffect, useState } from 'react';
import { useT } from '../../lib/use-t.js';
import type { FrameBytes } from './frame-bytes.js';

const INITIAL_LIMIT = 4096;
/** Below this width a line holds 8 bytes instead of 16, so offset, hex and ASCII fit a narrow pane. */
const NARROW_PX = 480;

/** 16 bytes a line, or 8 when the dump's own width is narrow (the side pane at 1024 px). */
function useBytesPerLine(element: HTMLElement | null): number {
  const [perLine, setPerLine] = useState(16);
  useLayoutEffect(() => {
    if (!element) return undefined;
    const measure = (): void => setPerLine(element.clientWidth < NARROW_PX ? 8 : 16);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return perLine;
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/** A classic offset / hex / ASCII dump with header, length, masking key and payload bytes coloured apart; `label` names bytes that are not a frame's. */
export function HexDump({ frame, payloadLength, label }: { frame: FrameBytes; payloadLength: number; label?: string }) {
  const t = useT();
  const [limit, setLimit] = useState(INITIAL_LIMIT);
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const bytesPerLine = useBytesPerLine(host);
  const shown = Math.min(frame.bytes.length, limit);
  const lines = [];
  for (let start = 0; start < shown; start += bytesPerLine) {
    const cells = [];
    const ascii = [];
    for (let offset = start; offset < start + bytesPerLine; offset += 1) {
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
    <div ref={setHost} className={`hex-dump${bytesPerLine === 8 ? ' narrow' : ''}`} role="group" aria-label={label ?? t('frameDetail:hex.label')}>
      {frame.headerLength > 0 && (
        <div className="hex-legend">
          <span className="role-header">{t('frameDetail:hex.header')}</span>
          <span className="role-length">{t('frameDetail:hex.extendedLength')}</span>
          <span className="role-key">{t('frameDetail:hex.maskingKey')}</span>
          <span className="role-payload">{t('frameDetail:hex.payload')}</span>
        </div>
      )}
      {captured < payloadLength && <div className="muted">{t('frameDetail:hex.retained', { captured, total: payloadLength })}</div>}
      <div className="hex-body" translate="no">{lines}</div>
      {shown < frame.bytes.length && (
        <button type="button" onClick={() => setLimit(limit * 4)}>{t('frameDetail:hex.more', { shown, total: frame.bytes.length })}</button>
      )}
    </div>
  );
}
