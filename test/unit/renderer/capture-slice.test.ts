import { describe, expect, it } from 'vitest';
import type { CommandArgs, FramelineApi } from '../../../shared/contract/api.js';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { textOf } from '../../../renderer/lib/text.js';
import { createI18n } from '../../../shared/i18n/create-i18n.js';
import { engineMessage } from '../../../renderer/store/capture-slice.js';
import { CommandError } from '../../../renderer/api/command-error.js';
import { fakeApi } from './fake-api.js';

const t = createI18n('en').t;

function summary(id: string, readOnly: boolean): SessionSummary {
  return { id, url: 'ws://example.test/', state: 'closed', openedAt: 0, counts: { records: 3, framesIn: 1, framesOut: 1 }, statusCode: 101, readOnly };
}

describe('the capture slice', () => {
  it('exports the active session with redaction on by default and names the file the user chose', async () => {
    const exports: CommandArgs<'exportCapture'>[] = [];
    const api: FramelineApi = {
      ...fakeApi({ value: 0 }).api,
      exportCapture: async (...args) => {
        exports.push(args);
        return { kind: 'saved', fileName: '/home/me/Downloads/live-redacted.har' };
      },
    };
    const store = createAppStore(api);
    store.getState().sessions.upsert(summary('live', false));
    store.getState().sessions.select('live');
    store.getState().capture.setExportMenuOpen(true);
    store.getState().capture.setExtraHeaderNames(' X-Api-Key , ,X-Session');
    store.getState().capture.setPayloadPatterns('hunter\\d\n\n"pw":"[^"]*"');
    await store.getState().capture.exportActive('har');
    expect(exports).toEqual([['live', { format: 'har', redact: true, extraHeaderNames: ['X-Api-Key', 'X-Session'], payloadPatterns: ['hunter\\d', '"pw":"[^"]*"'] }]]);
    expect(store.getState().sessions.notice?.kind).toBe('info');
    expect(textOf(store.getState().sessions.notice!.message, t)).toBe('Exported HAR (secrets redacted) to /home/me/Downloads/live-redacted.har');
    expect(store.getState().capture.isExportMenuOpen).toBe(false);

    store.getState().capture.setRedacting(false);
    await store.getState().capture.exportActive('pcapng');
    expect(exports[1]).toEqual(['live', { format: 'pcapng', redact: false, extraHeaderNames: [], payloadPatterns: [] }]);
    expect(textOf(store.getState().sessions.notice!.message, t)).toContain('NOT redacted');
  });

  it('lets the browser download the export under its suggested name, and says nothing when the dialog is cancelled', async () => {
    const results = [{ kind: 'download', downloadId: 'd1', suggestedName: 'example.test-20251121-101200-redacted.pcapng', byteLength: 10 }, { kind: 'cancelled' }] as const;
    const downloads: [string, string][] = [];
    const api: FramelineApi = { ...fakeApi({ value: 0 }).api, exportCapture: async () => results[downloads.length === 0 ? 0 : 1] };
    const store = createAppStore(api, { download: (id, name) => downloads.push([id, name]), copyText: async () => undefined });
    store.getState().sessions.upsert(summary('live', false));
    store.getState().sessions.select('live');
    await store.getState().capture.exportActive('pcapng');
    expect(downloads).toEqual([['d1', 'example.test-20251121-101200-redacted.pcapng']]);
    expect(textOf(store.getState().sessions.notice!.message, t)).toBe('Downloading pcapng (secrets redacted) as example.test-20251121-101200-redacted.pcapng');
    store.getState().sessions.showNotice(null);
    store.getState().capture.setExportMenuOpen(true);
    await store.getState().capture.exportActive('pcapng');
    expect(store.getState().sessions.notice).toBeNull();
    expect(store.getState().capture.isExportMenuOpen).toBe(true);
  });

  it('opens an imported capture as the shown session', async () => {
    const sessions = [summary('live', false)];
    const api: FramelineApi = {
      ...fakeApi({ value: 0 }).api,
      listSessions: async () => sessions,
      importCapture: async () => {
        sessions.push(summary('imported', true));
        return { sessionId: 'imported' };
      },
    };
    const store = createAppStore(api);
    await store.getState().capture.importContent('bug.har', 'e30=');
    expect(store.getState().sessions.activeId).toBe('imported');
    expect(store.getState().sessions.byId.imported?.readOnly).toBe(true);
    expect(textOf(store.getState().sessions.notice!.message, t)).toBe('Opened bug.har (read-only)');
  });

  it('shows a bad file with the engine message alone and changes nothing else', async () => {
    const api: FramelineApi = {
      ...fakeApi({ value: 0 }).api,
      listSessions: async () => [summary('live', false)],
      importCapture: async () => {
        throw new CommandError('importCapture', { message: 'broken.har: log.entries[0].request: missing; expected an object' });
      },
    };
    const store = createAppStore(api);
    await store.getState().sessions.refresh();
    const before = store.getState().sessions;
    await store.getState().capture.importContent('broken.har', 'e30=');
    const after = store.getState().sessions;
    expect(after.notice).toEqual({ kind: 'error', message: 'broken.har: log.entries[0].request: missing; expected an object' });
    expect({ order: after.order, activeId: after.activeId, byId: after.byId }).toEqual({ order: before.order, activeId: before.activeId, byId: before.byId });
  });

  it('strips the Electron invoke wrapper too', () => {
    const error = new Error("Error invoking remote method 'frameline:importCapture': Error: x.har: truncated at byte 12");
    expect(engineMessage(error, 'importCapture')).toBe('x.har: truncated at byte 12');
  });
});
