/** Display formatting shared by the panels. */
import { renderMessage } from '../../shared/i18n/message.js';
import { closeCodeMessage } from '../../shared/protocol/close-code.js';
import type { Translate } from './text.js';

/** Wall-clock `HH:MM:SS.mmm` of a session-relative time. */
export function formatClock(openedAtMs: number, atMicros: number): string {
  const date = new Date(openedAtMs + atMicros / 1000);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A short duration from microseconds: `850 µs`, `12.4 ms`, `3.21 s`. */
export function formatMicros(micros: number): string {
  const abs = Math.abs(micros);
  if (abs < 1000) return `${Math.round(micros)} µs`;
  if (abs < 1_000_000) return `${(micros / 1000).toFixed(abs < 10_000 ? 2 : 1)} ms`;
  return `${(micros / 1_000_000).toFixed(2)} s`;
}

/** Elapsed time as `m:ss` or `h:mm:ss`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * Byte counts in human units: `512 B`, `1.5 KiB`, `1.0 MiB`. A value that rounds to 1024 of one
 * unit is written in the next (1 048 575 bytes is `1.0 MiB`, never `1024.0 KiB`).
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (unit < BYTE_UNITS.length - 1 && Number(value.toFixed(1)) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** Time since the session started: `+12.345 s`, `+1:02.345` past a minute. */
export function formatSinceStart(atMicros: number): string {
  const totalMs = Math.max(0, Math.floor(atMicros / 1000));
  const seconds = Math.floor(totalMs / 1000);
  const fraction = String(totalMs % 1000).padStart(3, '0');
  if (seconds < 60) return `+${seconds}.${fraction} s`;
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const clock = `${String(minutes % 60).padStart(hours > 0 ? 2 : 1, '0')}:${String(seconds % 60).padStart(2, '0')}.${fraction}`;
  return hours > 0 ? `+${hours}:${clock}` : `+${clock}`;
}

/** Thousands separators for counters. */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

// Made once: `toLocaleString` with a locale builds a formatter per call, which a profile of the
// window following 100,000 messages/s showed among its costliest functions (247 ms in 30 s).
const countFormat = new Intl.NumberFormat('en-US');

/** The name of a close code in the window's language (shared/protocol/close-code.ts names each once). */
export function closeCodeName(t: Translate, code: number): string {
  return renderMessage(t, closeCodeMessage(code));
}
