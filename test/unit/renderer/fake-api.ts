import type { CommandName, EventName, EventPayload, FramelineApi } from '../../../shared/contract/api.js';
import type { RecordFilter } from '../../../shared/contract/api-session.js';
import type { FrameRow } from '../../../shared/contract/record-row.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';

/** A frame row with `seq` and a direction; everything else plain. */
export function frameRow(seq: number, direction: 'in' | 'out' = seq % 2 === 0 ? 'out' : 'in', opcode = 1): FrameRow {
  return {
    kind: 'frame', seq, atMicros: seq * 1000, direction, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode,
    masked: direction === 'out', maskingKey: direction === 'out' ? '01020304' : null, payloadLength: 5, payloadTruncated: false,
    messageId: seq, fragment: 'whole', isCompressed: false, violations: [], payloadPreview: `row ${seq}`, previewEncoding: 'text',
  };
}

function matches(row: FrameRow, filter: RecordFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.direction !== 'any' && row.direction !== filter.direction) return false;
  if (filter.category === 'control' && row.opcode < 8) return false;
  if (filter.category === 'data' && row.opcode >= 8) return false;
  return filter.search === '' || row.payloadPreview.includes(filter.search);
}

/** An in-memory API over `rowCount` generated rows; records every getRecords call and can emit events. */
export function fakeApi(rowCount: { value: number }) {
  const calls: { command: CommandName; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const unexpected = async (): Promise<never> => {
    throw new Error('not used by this test');
  };
  const api: FramelineApi = {
    openSession: unexpected, closeSession: unexpected, send: unexpected, getRecord: async (_id, seq) => {
      const { isCompressed: _c, payloadPreview: _p, previewEncoding: _e, ...fields } = frameRow(seq);
      return { ...fields, headerBytes: '', payload: '' } as FrameRecordJson;
    },
    listSessions: async () => [], getHandshake: async () => null, listProfiles: unexpected, saveProfile: unexpected,
    deleteProfile: unexpected, exportCapture: unexpected, importCapture: unexpected, runDiagnosis: unexpected,
    cancelDiagnosis: unexpected, startListener: unexpected, stopListener: unexpected, listListeners: unexpected,
    forgetSession: async () => null, reconnectSession: unexpected, getSessionOptions: async () => null, updateSession: async () => null,
    getMessage: unexpected, loadUserData: unexpected, saveUserData: async () => null,
    getProtocolMessages: unexpected, sendProtocol: unexpected, setProtocolDuties: unexpected, setProtocol: unexpected,
    setPayloadFormat: unexpected, getPayloadViews: unexpected,
    startRelay: unexpected, stopRelay: unexpected, listRelays: unexpected, setRelayInterception: unexpected, loadRelaySettings: unexpected,
    saveRelaySettings: unexpected, getRelayCa: unexpected, listPaused: unexpected, getPausedPayload: unexpected, resolvePaused: unexpected,
    injectRelay: unexpected, closeRelayLeg: unexpected, listHttpExchanges: unexpected, exportRelayHar: unexpected,
    runFanout: unexpected, cancelFanout: unexpected, openFanoutClient: unexpected, exportFanoutReport: unexpected,
    openWorkspace: unexpected, getWorkspace: async () => null, saveWorkspaceConnection: unexpected, deleteWorkspaceConnection: unexpected,
    reorderWorkspaceConnections: unexpected, saveWorkspaceEnvironment: unexpected, editWorkspaceEnvironment: unexpected, deleteWorkspaceEnvironment: unexpected,
    setActiveEnvironment: unexpected, setWorkspaceSecrets: unexpected, revealWorkspaceSecret: unexpected, connectWorkspaceConnection: unexpected, sendSavedMessage: unexpected,
    stopReconnecting: unexpected, importIntoWorkspace: unexpected, copyConnectionCommand: unexpected, runWorkspaceScenario: unexpected,
    cancelScenarioRun: unexpected,
    runConformance: unexpected, cancelConformance: unexpected,
    getRecords: async (sessionId, from, count, filter) => {
      calls.push({ command: 'getRecords', args: [sessionId, from, count, filter] });
      if (!filter) {
        const rows = Array.from({ length: Math.max(0, Math.min(count, rowCount.value - from)) }, (_, i) => frameRow(from + i));
        return { from, total: rowCount.value, rows };
      }
      const all = Array.from({ length: rowCount.value }, (_, seq) => frameRow(seq)).filter((row) => matches(row, filter as RecordFilter | undefined));
      return { from, total: all.length, rows: all.slice(from, from + count) };
    },
    getTailRecords: async (sessionId, count, filter) => {
      calls.push({ command: 'getTailRecords', args: [sessionId, count, filter] });
      const all = Array.from({ length: rowCount.value }, (_, seq) => frameRow(seq)).filter((row) => matches(row, filter as RecordFilter | undefined));
      const from = Math.max(0, all.length - count);
      return { from, total: all.length, rows: all.slice(from) };
    },
    setTailRows: async (viewerId, sessionId, rows, filter) => {
      calls.push({ command: 'setTailRows', args: [viewerId, sessionId, rows, filter] });
      return null;
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => listeners.get(event)?.forEach((listener) => listener(payload));
  return { api, calls, emit };
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
