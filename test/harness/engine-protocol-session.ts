import { join } from 'node:path';
import { FramelineEngine } from '../../electron/engine/api/engine.js';
import type { ProtocolInput, ProtocolMessageJson } from '../../shared/contract/api-protocol.js';
import type { SessionSummary } from '../../shared/contract/api-session.js';
import type { ExportResult } from '../../shared/contract/export-result.js';
import type { FrameRow, RecordRow } from '../../shared/contract/record-row.js';
import type { SessionOptionsInput } from '../../shared/contract/session-options.js';
import { createTempDir } from './temp-dir.js';

/** A Frameline client session opened through the engine's own commands, read in protocol terms. */
export interface EngineProtocolSession {
  readonly engine: FramelineEngine;
  readonly sessionId: string;
  /** Sends structured input through `sendProtocol`. */
  send(input: ProtocolInput): Promise<number>;
  /** Every protocol message decoded so far, in index order, as `getProtocolMessages` returns them. */
  messages(): Promise<ProtocolMessageJson[]>;
  /** Every record row, as the timeline pages them (with their protocol column). */
  rows(): Promise<RecordRow[]>;
  /** The first message (index above `afterIndex`) matching `test`; rejects after `timeoutMs` with what was decoded. */
  waitFor(test: (message: ProtocolMessageJson) => boolean, timeoutMs?: number, afterIndex?: number): Promise<ProtocolMessageJson>;
  summary(): Promise<SessionSummary>;
  /** Resolves with the summary once the session is closed, or undefined when it is still open after `withinMs`. */
  closedWithin(withinMs: number): Promise<SessionSummary | undefined>;
  /** Closes the session and disposes the engine and its folder. */
  close(): Promise<void>;
}

/** Reads any session of an engine (a client session, a listened connection, an import) in protocol terms. */
export type ProtocolSessionReader = Pick<EngineProtocolSession, 'engine' | 'sessionId' | 'messages' | 'rows' | 'waitFor' | 'summary'>;

/** Reads one session of `engine` through its commands: rows, protocol messages, summary. */
export function readProtocolSession(engine: FramelineEngine, sessionId: string): ProtocolSessionReader {
  const summary = async (): Promise<SessionSummary> => {
    const found = (await engine.run('listSessions', [])).find((each) => each.id === sessionId);
    if (found === undefined) throw new Error(`session ${sessionId} is gone`);
    return found;
  };
  const rows = async (): Promise<RecordRow[]> => {
    const all: RecordRow[] = [];
    for (;;) {
      const page = await engine.run('getRecords', [sessionId, all.length, 2000]);
      all.push(...page.rows);
      if (page.rows.length === 0 || all.length >= page.total) return all;
    }
  };
  const messages = async (): Promise<ProtocolMessageJson[]> => {
    const byIndex = new Map<number, ProtocolMessageJson>();
    for (const row of await rows()) {
      if (row.kind !== 'frame' || row.protocol === undefined || !row.protocol.isComplete || row.protocol.count === 0) continue;
      const frame = await engine.run('getProtocolMessages', [sessionId, (row as FrameRow).seq]);
      for (const message of frame?.messages ?? []) byIndex.set(message.index, message);
    }
    return [...byIndex.values()].sort((a, b) => a.index - b.index);
  };
  return {
    engine,
    sessionId,
    messages,
    rows,
    waitFor: async (test, timeoutMs = 10_000, afterIndex = 0) => {
      let seen: ProtocolMessageJson[] = [];
      try {
        return await poll(async () => {
          seen = await messages();
          return seen.find((message) => message.index > afterIndex && test(message));
        }, timeoutMs);
      } catch {
        const state = await summary();
        throw new Error(`no matching protocol message within ${timeoutMs} ms (session ${state.state}${state.closed ? ` ${JSON.stringify(state.closed)}` : ''}); decoded:\n${seen.map((message) => `  #${message.index} ${message.direction} ${message.summary}`).join('\n')}`);
      }
    },
    summary,
  };
}

/** An engine's save chooser that writes each export into `directory` under its suggested name. */
export function exportsInto(directory: string): (suggestedName: string) => Promise<string> {
  return async (suggestedName) => join(directory, suggestedName);
}

/** The file an export was written to; anything else (cancelled, a download) fails the test. */
export function savedFileName(result: ExportResult): string {
  if (result.kind !== 'saved') throw new Error(`expected a saved export, got ${result.kind}`);
  return result.fileName;
}

/** Opens `options` through a fresh engine (`openSession`) and waits until the session is open. */
export async function openEngineSession(options: SessionOptionsInput, openTimeoutMs = 15_000): Promise<EngineProtocolSession> {
  const folder = createTempDir('engine-protocol');
  const engine = new FramelineEngine({ dataDirectory: folder.path, chooseExportPath: exportsInto(folder.path), batchIntervalMs: 10, reportFailure: () => undefined });
  const { sessionId } = await engine.run('openSession', [options]);
  const reader = readProtocolSession(engine, sessionId);
  const summary = reader.summary;
  await poll(async () => {
    const current = await summary();
    if (current.state === 'closed') throw new Error(`the session closed before it opened: ${JSON.stringify(current.closed)}`);
    return current.state === 'open' ? current : undefined;
  }, openTimeoutMs);
  return {
    ...reader,
    send: async (input) => (await engine.run('sendProtocol', [sessionId, input])).messages,
    closedWithin: async (withinMs) => {
      try {
        return await poll(async () => {
          const current = await summary();
          return current.state === 'closed' ? current : undefined;
        }, withinMs);
      } catch {
        return undefined;
      }
    },
    close: async () => {
      await engine.dispose();
      folder.remove();
    },
  };
}

export async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
