import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFormat } from '../../../shared/contract/export-format.js';
import { exportExtension } from '../capture/export/export-capture.js';

/** Downloads waiting for the page; older ones are deleted when more are prepared. */
const maxPendingDownloads = 8;

/** A download id is a one-time credential; one the page never used stops working after this long. */
export const DOWNLOAD_LIFETIME_MS = 5 * 60_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * The name an export is offered under: the session's host, what it holds when that is not a
 * session (`http`: a relay's HTTP exchanges), when it started, and whether secrets were redacted,
 * so a redacted and an unredacted export of one session never share a name
 * (`chat.example.test_8080-20251121-101200-redacted.har`). Only characters every file system takes.
 */
export function suggestedExportName(url: string, openedAtMs: number, format: ExportFormat, isRedacted: boolean, what: 'http' | null = null): string {
  let host = 'session';
  try {
    host = new URL(url).host || host;
  } catch {
    // An imported capture may carry a URL that does not parse; the generic name will do.
  }
  const safeHost = host.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^[._]+/, '') || 'session';
  const at = new Date(openedAtMs);
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `${safeHost}-${what === null ? '' : `${what}-`}${stamp}-${isRedacted ? 'redacted' : 'unredacted'}${exportExtension[format]}`;
}

/** A written export the page may download once. */
export interface PreparedDownload {
  readonly path: string;
  readonly suggestedName: string;
}

interface PendingDownload extends PreparedDownload {
  /** Wall-clock ms after which the id no longer works. */
  readonly expiresAtMs: number;
}

/**
 * Exports written for the browser UI to download: each in a private temp folder of this engine,
 * handed to the web host once by a random id and deleted after, when the id expires unused, or
 * when the engine is disposed. The user's own folders are never written to; the browser decides
 * where a download lands.
 */
export class PreparedDownloads {
  private directory: string | null = null;
  private readonly pending = new Map<string, PendingDownload>();

  constructor(
    private readonly parentDirectory: string = tmpdir(),
    private readonly lifetimeMs: number = DOWNLOAD_LIFETIME_MS,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Writes one export with `write` and returns the id the page downloads it by. */
  async prepare(suggestedName: string, write: (path: string) => Promise<void>): Promise<{ downloadId: string; suggestedName: string; byteLength: number }> {
    this.directory ??= mkdtempSync(join(this.parentDirectory, 'frameline-exports-'));
    const downloadId = randomUUID();
    const path = join(this.directory, downloadId);
    await write(path);
    const { size } = await stat(path);
    this.discardExpired();
    this.pending.set(downloadId, { path, suggestedName, expiresAtMs: this.nowMs() + this.lifetimeMs });
    for (const id of this.pending.keys()) {
      if (this.pending.size <= maxPendingDownloads) break;
      this.discard(id);
    }
    return { downloadId, suggestedName, byteLength: size };
  }

  /** Hands a prepared download over (once, before it expires); the caller deletes its file with `release` when done. */
  take(downloadId: string): PreparedDownload | null {
    this.discardExpired();
    const download = this.pending.get(downloadId);
    if (!download) return null;
    this.pending.delete(downloadId);
    return { path: download.path, suggestedName: download.suggestedName };
  }

  /** Deletes a taken download's file. */
  release(download: PreparedDownload): void {
    rmSync(download.path, { force: true });
  }

  /** Deletes every file and the folder. */
  dispose(): void {
    this.pending.clear();
    if (this.directory !== null) rmSync(this.directory, { recursive: true, force: true });
    this.directory = null;
  }

  private discardExpired(): void {
    const now = this.nowMs();
    for (const [id, download] of this.pending) if (download.expiresAtMs <= now) this.discard(id);
  }

  private discard(downloadId: string): void {
    const download = this.pending.get(downloadId);
    this.pending.delete(downloadId);
    if (download) this.release(download);
  }
}
