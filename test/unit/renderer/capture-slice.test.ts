import { describe, expect, it } from 'vitest';
import type { CommandArgs, FramelineApi } from '../../../shared/contract/api.js';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { engineMessage } from '../../../renderer/store/capture-slice.js';
import { BridgeCallError } from '../../../renderer/api/bridge-api.js';
import { fakeApi } from './fake-api.js';

function summary(id: string, readOnly: boolean): SessionSummary {
  return { id, url: 'ws://example.test/', state: 'closed', openedAt: 0, counts: { records: 3, framesIn: 1, framesOut: 1 }, statusCode: 101, readOnly };
}

describe('the capture slice', () => {
  it('exports the active session with redaction on by default and names the file in the status bar', async () => {
    const exports: CommandArgs<'exportCapture'>[] = [];
    const api: FramelineApi = {
      ...fakeApi({ value: 0 }).api,
      exportCapture: async (...args) => {
        exports.push(args);
        return { fileName: '/exports/frameline-1-abcdef01.har' };
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
    expect(store.getState().sessions.notice).toEqual({ kind: 'info', message: 'Exported HAR (secrets redacted) to /exports/frameline-1-abcdef01.har' });
    expect(store.getState().capture.isExportMenuOpen).toBe(false);

    store.getState().capture.setRedacting(false);
    await store.getState().capture.exportActive('pcapng');
    expect(exports[1]).toEqual(['live', { format: 'pcapng', redact: false, extraHeaderNames: [], payloadPatterns: [] }]);
    expect(store.getState().sessions.notice?.message).toContain('NOT redacted');
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
    expect(store.getState().sessions.notice).toEqual({ kind: 'info', message: 'Opened bug.har (read-only)' });
  });

  it('shows a bad file with the engine message alone and changes nothing else', async () => {
    const api: FramelineApi = {
      ...fakeApi({ value: 0 }).api,
      listSessions: async () => [summary('live', false)],
      importCapture: async () => {
        throw new BridgeCallError('importCapture', { message: 'broken.har: log.entries[0].request: missing; expected an object' });
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
