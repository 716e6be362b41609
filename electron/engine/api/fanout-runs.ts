import { randomUUID } from 'node:crypto';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { message } from '../../../shared/i18n/message.js';
import { writeFile } from 'node:fs/promises';
import type { FanoutOptions } from '../../../shared/contract/fanout.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { runFanout, type FanoutRun } from '../fanout/fanout-run.js';
import { fanoutHtml } from '../fanout/report-html.js';
import type { EngineEmit } from './engine-events.js';
import type { AdoptCapture, ReleaseCapture } from './live-source.js';

// Finished runs whose captures stay openable; older ones are freed (every client's capture with them).
const keptRuns = 3;

/**
 * Fan-out runs the window started. Clients' captures stay in the run, not in the engine's session
 * list: a thousand sessions would flood the window, so one is adopted (origin `fanout`) only when
 * the user opens it. The newest finished runs are kept; older ones are disposed.
 */
export class FanoutRuns {
  private readonly running = new Map<string, AbortController>();
  private readonly finished = new Map<string, FanoutRun>();
  private readonly opened = new Map<string, string>();

  constructor(private readonly adopt: AdoptCapture, private readonly release: ReleaseCapture, private readonly emit: EngineEmit) {}

  /** Starts a run on the next turn (so the window has the id first) and returns its id. */
  start(options: SessionOptions, fanout: FanoutOptions): string {
    const fanoutId = randomUUID();
    const controller = new AbortController();
    this.running.set(fanoutId, controller);
    setImmediate(() => void this.run(fanoutId, options, fanout, controller.signal).finally(() => this.running.delete(fanoutId)));
    return fanoutId;
  }

  /** Ends a running run with its partial report. */
  cancel(fanoutId: string): void {
    this.running.get(fanoutId)?.abort();
  }

  /** Adopts a client's newest capture as a read-only session (once; later calls return the same id). */
  openClient(fanoutId: string, client: number): string {
    const run = this.finished.get(fanoutId);
    if (!run) throw new MessageError(this.running.has(fanoutId) ? message('errors:missing.fanoutRunning') : message('errors:missing.fanoutRun', { id: fanoutId, count: keptRuns }));
    const entry = run.clients[client - 1];
    const session = entry?.session;
    if (!entry || !session) throw new MessageError(message('errors:missing.fanoutClient', { client }));
    const key = `${fanoutId}/${client}/${entry.attempts}`;
    const known = this.opened.get(key);
    if (known) return known;
    const sessionId = this.adopt({ url: session.options.url, capture: session.capture, live: session, origin: { kind: 'fanout', fanoutId, client, attempt: entry.attempts } });
    this.opened.set(key, sessionId);
    return sessionId;
  }

  /** The report (HTML with its charts, or JSON) as a file to save: the name it is offered under, and how to write it where the user chose. */
  reportFile(fanoutId: string, format: 'html' | 'json', language: Language): { suggestedName: string; write(path: string): Promise<void> } {
    const run = this.finished.get(fanoutId);
    if (!run) throw new MessageError(message('errors:missing.fanoutFinished', { id: fanoutId }));
    const report = run.report;
    return {
      suggestedName: `frameline-fanout-${report.startedAt}-${report.runId}.${format}`,
      write: async (path) => writeFile(path, format === 'html' ? await fanoutHtml(createTranslate(language), report, language) : JSON.stringify(report, null, 2)),
    };
  }

  /** Cancels running runs and frees every kept one (app quit). */
  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    for (const run of this.finished.values()) run.dispose();
    this.finished.clear();
  }

  private async run(fanoutId: string, options: SessionOptions, fanout: FanoutOptions, signal: AbortSignal): Promise<void> {
    try {
      const run = await runFanout(options, fanout, { signal, onProgress: (progress) => this.emit('fanoutProgressed', { fanoutId, progress }) });
      this.keep(fanoutId, run);
      this.emit('fanoutFinished', { fanoutId, outcome: run.report.outcome, report: run.report });
    } catch (error) {
      this.emit('fanoutFinished', { fanoutId, outcome: 'failed', report: null, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private keep(fanoutId: string, run: FanoutRun): void {
    this.finished.set(fanoutId, run);
    while (this.finished.size > keptRuns) {
      const [oldest, old] = this.finished.entries().next().value!;
      this.finished.delete(oldest);
      // Windows forget the clients they opened from it before their captures are freed.
      for (const [key, sessionId] of this.opened) {
        if (!key.startsWith(`${oldest}/`)) continue;
        this.opened.delete(key);
        // A newer run replaced the one this client belonged to.
        this.release(sessionId, 'fanout-history');
      }
      old.dispose();
    }
  }
}
