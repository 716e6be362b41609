import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandArgs, type CommandName, type CommandResult, type EventName, type EventPayload } from '../../../shared/contract/api.js';
import type { FollowedViewTail, RecordFilter, SessionClosedInfo, SessionOrigin, SessionRemovedReason, SessionSummary } from '../../../shared/contract/api-session.js';
import type { CaptureHeader } from '../../../shared/contract/capture.js';
import type { ExportResult } from '../../../shared/contract/export-result.js';
import type { RecordRow } from '../../../shared/contract/record-row.js';
import type { HandshakeRecordJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import type { CaptureBudgetOptions } from '../capture/capture-budgets.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { openCapture } from '../capture/export/capture-open.js';
import type { ExportFormat } from '../../../shared/contract/export-format.js';
import { exportCaptureFile } from '../capture/export/export-capture.js';
import { writeHttpExchangesHarFile } from '../capture/export/http-exchanges-har.js';
import { noRedaction, type RedactionOptions } from '../capture/export/redaction-rules.js';
import { recordedClose } from '../capture/recorded-close.js';
import { PayloadViewer } from '../payload/payload-viewer.js';
import { sweepStaleSpillFolders } from '../capture/spill-registry.js';
import { ProfileStore } from '../profiles/profile-store.js';
import { protocolFilterTest } from '../protocol/protocol-filter.js';
import { liveProtocolLayer } from '../protocol/live-protocol-layer.js';
import { ProtocolLayer } from '../protocol/protocol-layer.js';
import { isProtocolChoice } from '../../../shared/app-protocol/protocol-choice.js';
import { Session } from '../session/session.js';
import { UserDataStore } from '../user-data/user-data-store.js';
import { sniffBytes, unsupportedCaptureReason } from './capture-file-kind.js';
import { RelayActionError } from '../../../shared/relay/relay-action-error.js';
import { RelayRegistry } from '../relay/relay-registry.js';
import { message, verbatim } from '../../../shared/i18n/message.js';
import { MessageError } from '../../../shared/i18n/message-error.js';
import { RelaySettingsStore } from '../relay/relay-settings-store.js';
import { ConformanceRuns } from './conformance-runs.js';
import { DiagnosisRuns } from './diagnosis-runs.js';
import { FanoutRuns } from './fanout-runs.js';
import type { EngineEmit } from './engine-events.js';
import { PreparedDownloads, suggestedExportName, type PreparedDownload } from './export-files.js';
import { FilteredView, filterKey, hasProtocolFilter, isEmptyFilter } from './filtered-view.js';
import { TailRows } from './tail-rows.js';
import { ListenerRegistry } from './listener-registry.js';
import type { HistoryLimits } from '../listen/finished-history.js';
import type { AdoptCapture, LiveSender, LiveSource, ReleaseCapture } from './live-source.js';
import { assembleMessage } from './message-assembly.js';
import { MessageView } from './message-view.js';
import { SessionViews } from './session-views.js';
import { RecordBatcher } from './record-batcher.js';
import { InflateFiguresWatch, type WatchedSession } from './inflate-figures-watch.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import { secretRedaction } from '../workspace/secret-redaction.js';
import { delegateWorkspaceHandlers, WorkspaceService } from '../workspace/workspace-service.js';

/** What is being saved, for the save dialog's file type: a capture format or a fan-out report. */
export type SaveKind = ExportFormat | 'html-report' | 'json-report';

/** Where the engine keeps what users save, and how it asks where an export goes. */
export interface EngineOptions {
  /** Profiles live in `<dataDirectory>/profiles`; preferences, snippets and history beside them. */
  readonly dataDirectory: string;
  /**
   * Asks the user where to save an export (the desktop app's save dialog, which confirms before
   * replacing a file); resolves null when they cancel. Without it (the browser UI), exports are
   * prepared as downloads the browser saves where its user wants.
   */
  readonly chooseExportPath?: (suggestedName: string, kind: SaveKind) => Promise<string | null>;
  /** Where exports wait for their download; default the OS temp folder. */
  readonly downloadDirectory?: string;
  /** At most one records batch per session per interval; default 50 ms (20 a second). */
  readonly batchIntervalMs?: number;
  /** Budgets of the captures of sessions opened here and of imports; each left out takes its default. */
  readonly captureBudgets?: CaptureBudgetOptions;
  /** How many finished listened connections the engine keeps; default DEFAULT_HISTORY_LIMITS. */
  readonly listenHistory?: HistoryLimits;
  /** Where a failure that has no caller to answer is reported (a listener that threw, a session that could not start); default stderr. */
  readonly reportFailure?: (message: string) => void;
  /**
   * Encrypts secrets at rest (Electron safeStorage, from main): workspace secrets and the proxy
   * passwords of profiles and the relay settings. Absent (the web host): files only the user can
   * read, and a secret encrypted by the desktop app is reported, naming its field, not opened.
   */
  readonly secretCipher?: SecretCipher;
}

/** Listens to every event the engine pushes to windows. */
export type EngineEventListener = EngineEmit;


interface SessionEntry {
  readonly id: string;
  readonly url: string;
  readonly openedAt: number;
  readonly capture: CaptureLog;
  /** What is still writing the capture; absent for imported captures. */
  readonly live?: LiveSource;
  /** What can send: a client session or a listened connection; absent for imported captures, Doctor probes and conformance cases, which are read-only. */
  readonly sender?: LiveSender;
  /** The settings a client session was opened with, for Reconnect and the connection bar. */
  readonly options?: SessionOptions;
  /** Ends a live source that is not a client session (drops a listened connection). */
  readonly stop?: () => void;
  readonly origin?: SessionOrigin;
  /** The session this one reconnects. */
  readonly previousSessionId?: string;
  /** Secret values (workspace variables) redacted from every export of this session. */
  readonly secretValues?: readonly string[];
  /** An imported capture's frame counts, counted once when it was opened. */
  readonly importedCounts?: { framesIn: number; framesOut: number };
  /** An imported capture's recorded end, wall-clock ms. */
  readonly endedAt?: number;
  /** How an imported capture's connection ended, from its `closed` event. */
  readonly importedClose?: SessionClosedInfo;
  readonly views: SessionViews<FilteredView | MessageView>;
  /** Undoes the subscriptions `register` made. */
  readonly unsubscribers: (() => void)[];
  /** The name the user gave its tab. */
  name?: string;
  /** The application-protocol layer: live for client sessions, decode-only for listened connections and imports; created on demand for others. */
  protocol?: ProtocolLayer;
  /** How payloads are viewed (MessagePack, CBOR, protobuf). */
  readonly payloads: PayloadViewer;
  /** The seq of the first handshake record, found on demand. */
  handshakeSeq?: number;
  /** Wall-clock ms when the session closed. */
  closedAt?: number;
}

type Handlers = { [K in CommandName]: (...args: ReturnType<typeof parseCommandArgs<K>>) => Promise<CommandResult<K>> };

/**
 * Main's side of FramelineApi, shared by the Electron IPC handlers and the web host: owns every
 * session and its capture, validates each command's arguments against the contract's schemas,
 * and pushes batched events. Transports only move messages; no logic lives in them.
 */
export class FramelineEngine {
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly listeners = new Set<EngineEventListener>();
  private readonly batcher: RecordBatcher;
  /** The rows each window draws at the end of the session it shows: how many newest rows a batch carries. */
  private readonly tailRows = new TailRows();
  private readonly inflateFigures = new InflateFiguresWatch(
    () => this.pausingSessions(),
    (id) => this.sendSummary(id),
  );
  private readonly profiles: ProfileStore;
  private readonly userData: UserDataStore;
  private readonly downloads: PreparedDownloads;
  private readonly diagnoses: DiagnosisRuns;
  private readonly conformanceRuns: ConformanceRuns;
  private readonly listenerRegistry: ListenerRegistry;
  private readonly relayRegistry: RelayRegistry;
  private readonly relaySettings: RelaySettingsStore;
  private readonly fanouts: FanoutRuns;
  private readonly workspaces: WorkspaceService;

  constructor(private readonly options: EngineOptions) {
    this.batcher = new RecordBatcher(options.batchIntervalMs ?? 50, (id) => this.flushRecords(id));
    this.profiles = new ProfileStore(join(options.dataDirectory, 'profiles'), options.secretCipher ?? null);
    this.userData = new UserDataStore(options.dataDirectory);
    this.downloads = new PreparedDownloads(options.downloadDirectory);
    const emit: EngineEmit = (event, payload) => this.emit(event, payload);
    this.diagnoses = new DiagnosisRuns(this.adopt, emit);
    this.conformanceRuns = new ConformanceRuns(this.adopt, this.release, emit);
    this.listenerRegistry = new ListenerRegistry(this.adopt, this.release, emit, options.listenHistory);
    this.relayRegistry = new RelayRegistry(this.adopt, this.release, emit, { caDirectory: join(options.dataDirectory, 'relay-ca') });
    this.relaySettings = new RelaySettingsStore(join(options.dataDirectory, 'relay-settings.json'), options.secretCipher ?? null);
    this.fanouts = new FanoutRuns(this.adopt, this.release, emit);
    this.workspaces = new WorkspaceService({
      dataDirectory: options.dataDirectory,
      cipher: options.secretCipher ?? null,
      adopt: this.adopt,
      emit,
      profiles: this.profiles,
      sender: (id) => this.sessions.get(id)?.sender,
      protocol: (id) => this.sessions.get(id)?.protocol,
      ...(options.captureBudgets ? { captureBudgets: options.captureBudgets } : {}),
    });
    // Spill files a crashed earlier run left behind; this process's own are never touched.
    void sweepStaleSpillFolders(options.captureBudgets?.spillDirectory ?? tmpdir());
  }

  /** Runs one command from an untrusted caller: arguments are validated first (a ZodError names the bad field). */
  async run<K extends CommandName>(command: K, args: unknown): Promise<CommandResult<K>> {
    const parsed = parseCommandArgs(command, args);
    const handler = this.handlers[command] as (...values: unknown[]) => Promise<CommandResult<K>>;
    return handler(...(parsed as unknown[]));
  }

  /** Subscribes to all events; returns the unsubscribe. */
  onEvent(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes every live session and releases every capture and its spill file (app quit). */
  async dispose(): Promise<void> {
    this.diagnoses.dispose();
    this.fanouts.dispose();
    this.workspaces.dispose();
    this.conformanceRuns.dispose();
    await this.listenerRegistry.dispose();
    await this.relayRegistry.dispose();
    for (const entry of this.sessions.values()) entry.sender?.close();
    await Promise.all([...this.sessions.values()].map((entry) => entry.sender?.ended));
    this.batcher.flush();
    this.batcher.dispose();
    this.inflateFigures.dispose();
    this.downloads.dispose();
    for (const entry of this.sessions.values()) entry.capture.dispose();
    this.sessions.clear();
  }

  /** Hands a prepared export to the web host once (`exportCapture` without a save dialog); `releaseDownload` deletes it after. */
  takeDownload(downloadId: string): PreparedDownload | null {
    return this.downloads.take(downloadId);
  }

  /** Deletes a taken download's file. */
  releaseDownload(download: PreparedDownload): void {
    this.downloads.release(download);
  }

  private readonly handlers: Handlers = {
    openSession: async (options) => ({ sessionId: this.openClientSession(options) }),
    closeSession: async (id, close) => {
      this.live(id).close(close.code, close.reason);
      return null;
    },
    forgetSession: async (id) => {
      this.forget(this.entry(id), 'forgotten');
      return null;
    },
    reconnectSession: async (id, edited) => {
      const entry = this.entry(id);
      if (entry.origin?.kind === 'listen') throw new MessageError(message('errors:session.listenedReconnect'));
      const options = edited ?? entry.options;
      if (!options) throw new MessageError(message('errors:session.noSettings'));
      return { sessionId: this.openClientSession(options, id) };
    },
    getSessionOptions: async (id) => this.entry(id).options ?? null,
    updateSession: async (id, update) => {
      const entry = this.entry(id);
      if (update.name !== undefined) entry.name = update.name === null || update.name === '' ? undefined : update.name;
      if (update.index !== undefined) this.move(id, update.index);
      this.emit('sessionStateChanged', this.summary(entry));
      return null;
    },
    send: async (id, request) => {
      this.live(id).send(request);
      return null;
    },
    getRecords: async (id, from, count, filter) => {
      const entry = this.entry(id);
      const isMessages = filter?.unit === 'messages';
      if (!filter || (isEmptyFilter(filter) && !isMessages)) return { from, total: entry.capture.count, rows: this.rows(entry, entry.capture.getRecords(from, count)) };
      const page = await this.view(entry, filter).page(entry.capture, from, count);
      return { from, total: page.total, rows: this.rows(entry, page.rows) };
    },
    getMessage: async (id, seq) => {
      const entry = this.entry(id);
      assertRecord(entry, seq);
      return assembleMessage(entry.capture, seq);
    },
    getTailRecords: async (id, count, filter) => {
      const entry = this.entry(id);
      const isMessages = filter?.unit === 'messages';
      if (!filter || (isEmptyFilter(filter) && !isMessages)) {
        const total = entry.capture.count;
        const from = Math.max(0, total - count);
        return { from, total, rows: this.rows(entry, entry.capture.getRecords(from, total - from)) };
      }
      const view = this.view(entry, filter);
      // The total first (the index catches up with the log), then the rows up to that total: what
      // matched in between waits for the next ask, so the rows reach exactly the total answered.
      const { total } = await view.page(entry.capture, 0, 0);
      const from = Math.max(0, total - count);
      const page = await view.page(entry.capture, from, total - from);
      return { from, total, rows: this.rows(entry, page.rows) };
    },
    setTailRows: async (viewerId, id, rows, filter) => {
      this.tailRows.set(viewerId, id !== null && this.sessions.has(id) ? id : null, rows, filter ?? null);
      return null;
    },
    getRecord: async (id, seq) => {
      const entry = this.entry(id);
      assertRecord(entry, seq);
      return entry.capture.getRecordJson(seq);
    },
    listSessions: async () => [...this.sessions.values()].map((entry) => this.summary(entry)),
    getHandshake: async (id) => this.handshake(this.entry(id)),
    listProfiles: async () => this.profiles.list(),
    saveProfile: async (name, options) => this.profiles.save(name, options),
    deleteProfile: async (name) => {
      await this.profiles.delete(name);
      return null;
    },
    exportCapture: async (id, exportOptions) => {
      const entry = this.entry(id);
      const { format } = exportOptions;
      const suggestedName = suggestedExportName(entry.url, entry.openedAt, format, exportOptions.redact);
      const redaction = redactionOptions(exportOptions, [...(entry.secretValues ?? []), ...(await this.workspaces.secretValues())]);
      return this.saveExport(suggestedName, format, (path) => exportCaptureFile(entry.capture, format, path, redaction));
    },
    importCapture: async (source) => {
      if (source.kind !== 'content') throw new MessageError(message('errors:session.noFileDialog'));
      const bytes = Buffer.from(source.base64, 'base64');
      const unsupported = unsupportedCaptureReason(source.fileName, bytes.subarray(0, sniffBytes), bytes.byteLength);
      if (unsupported) throw new MessageError(unsupported);
      const result = await openCapture({ fileName: source.fileName, bytes }, this.options.captureBudgets);
      if (!result.ok) throw new MessageError(result.problem.i18n ?? verbatim(result.problem.message));
      const id = randomUUID();
      const capture = result.log;
      const openedAt = capture.header.created.epochMicros / 1000;
      const last = capture.count > 0 ? capture.getRecords(capture.count - 1, 1, 0)[0] : undefined;
      const endedAt = openedAt + (last?.atMicros ?? 0) / 1000;
      const protocol = new ProtocolLayer(capture, { choice: importedChoice(capture.header.appProtocol), hasDuties: false, isDutiesEnabled: false });
      const importedClose = recordedClose(capture, openedAt);
      this.register({ id, url: capture.header.targetUrl, openedAt, endedAt, capture, importedCounts: capture.countFrames(), ...(importedClose ? { importedClose } : {}), views: new SessionViews(), unsubscribers: [], protocol, payloads: new PayloadViewer() });
      // The records are decoded again in the background, in slices; rows gain their protocol column as it goes.
      protocol
        .setChoice(importedChoice(capture.header.appProtocol))
        .then(() => this.sessions.has(id) && this.emit('sessionStateChanged', this.summary(this.entry(id))))
        .catch((error: unknown) => this.reportFailure(`decoding the imported capture ${source.fileName} as an application protocol failed`, error));
      return { sessionId: id };
    },
    runDiagnosis: async (options, diagnosis) => ({ diagnosisId: this.diagnoses.start(options, diagnosis) }),
    cancelDiagnosis: async (id) => {
      this.diagnoses.cancel(id);
      return null;
    },
    startListener: async (options) => this.listenerRegistry.start(options),
    stopListener: async (id) => {
      await this.listenerRegistry.stop(id);
      return null;
    },
    listListeners: async () => this.listenerRegistry.list(),
    loadUserData: async () => this.userData.load(),
    saveUserData: async (part) => {
      await this.userData.save(part);
      return null;
    },
    getProtocolMessages: async (id, seq) => {
      const entry = this.entry(id);
      assertRecord(entry, seq);
      return (await entry.protocol?.frameProtocol(seq)) ?? null;
    },
    sendProtocol: async (id, input) => {
      const entry = this.entry(id);
      this.live(id);
      return { messages: (entry.protocol as ProtocolLayer).send(input).wireMessages };
    },
    setProtocolDuties: async (id, isEnabled) => {
      const entry = this.entry(id);
      if (!entry.protocol) throw new MessageError(message('errors:session.noProtocol'));
      entry.protocol.setDutiesEnabled(isEnabled);
      this.emit('sessionStateChanged', this.summary(entry));
      return null;
    },
    setProtocol: async (id, choice) => {
      const entry = this.entry(id);
      entry.protocol ??= new ProtocolLayer(entry.capture, { choice, hasDuties: false, isDutiesEnabled: false });
      entry.views.clear();
      await entry.protocol.setChoice(choice);
      entry.views.clear();
      this.emit('sessionStateChanged', this.summary(entry));
      return null;
    },
    setPayloadFormat: async (id, choice) => this.entry(id).payloads.setChoice(choice),
    getPayloadViews: async (id, seq) => {
      const entry = this.entry(id);
      assertRecord(entry, seq);
      return entry.payloads.views(entry.capture, seq, (await entry.protocol?.messagesAt(seq)) ?? []);
    },
    startRelay: async (options, interception) => this.relayRegistry.start(options, interception),
    stopRelay: async (id) => {
      await this.relayRegistry.stop(id);
      return null;
    },
    listRelays: async () => this.relayRegistry.list(),
    setRelayInterception: async (id, interception) => {
      this.relayRegistry.setInterception(id, interception);
      return null;
    },
    loadRelaySettings: async () => this.relaySettings.load(),
    saveRelaySettings: async (settings) => this.relaySettings.save(settings),
    getRelayCa: async () => this.relayRegistry.certificateAuthority(),
    listPaused: async (id) => this.relayRegistry.paused(id),
    listHttpExchanges: async (id) => this.relayRegistry.httpExchanges(id),
    exportRelayHar: async (id, fields) => {
      const { info, exchanges } = this.relayRegistry.observed(id);
      const recorded = exchanges.recorded();
      const removedValues = exchanges.removedValues();
      const redaction = redactionOptions({ ...fields, redact: true }, await this.workspaces.secretValues());
      const suggestedName = suggestedExportName(info.url, Date.now(), 'har', true, 'http');
      return this.saveExport(suggestedName, 'har', (path) => writeHttpExchangesHarFile(recorded, { relayUrl: info.url, upstreamUrl: info.upstreamUrl }, path, redaction, removedValues));
    },
    getPausedPayload: async (id, pausedId) => {
      const { payload, opcode } = relayAction(() => this.relayRegistry.session(id).pausedPayload(pausedId));
      return { base64: Buffer.from(payload).toString('base64'), opcode };
    },
    resolvePaused: async (id, pausedId, resolution) => {
      const session = this.relayRegistry.session(id);
      relayAction(() => session.resolve(pausedId, resolution.kind === 'edit' ? { kind: 'edit', payload: Buffer.from(resolution.base64, 'base64') } : resolution));
      return null;
    },
    injectRelay: async (id, leg, request) => {
      this.relayRegistry.session(id).inject(leg, request);
      return null;
    },
    closeRelayLeg: async (id, leg, close) => {
      this.relayRegistry.session(id).closeLeg(leg, close.code, close.reason);
      return null;
    },
    runFanout: async (options, fanout) => ({ fanoutId: this.fanouts.start(options, fanout) }),
    cancelFanout: async (id) => {
      this.fanouts.cancel(id);
      return null;
    },
    openFanoutClient: async (id, client) => ({ sessionId: this.fanouts.openClient(id, client) }),
    exportFanoutReport: async (id, { format, language }) => {
      const file = this.fanouts.reportFile(id, format, language);
      return this.saveExport(file.suggestedName, format === 'html' ? 'html-report' : 'json-report', file.write);
    },
    ...delegateWorkspaceHandlers(() => this.workspaces),
    runConformance: async (options, conformance) => this.conformanceRuns.start(options, conformance),
    cancelConformance: async (runId) => {
      this.conformanceRuns.cancel(runId);
      return null;
    },
  };

  private openClientSession(options: SessionOptions, previousSessionId?: string): string {
    const id = randomUUID();
    // Messages come only after start(), by which time the layer exists.
    const session = new Session(id, options, this.options.captureBudgets, { onMessage: (message) => protocol.receive(message), isMessageWanted: () => protocol.isReceivingMessages });
    const protocol = liveProtocolLayer(session);
    const entry: SessionEntry = { id, url: options.url, openedAt: Date.now(), capture: session.capture, live: session, sender: session, options, views: new SessionViews(), unsubscribers: [], protocol, payloads: new PayloadViewer(), ...(previousSessionId ? { previousSessionId } : {}) };
    this.register(entry, previousSessionId);
    session.start().catch((error: unknown) => this.reportFailure(`session ${id} failed to start`, error));
    return id;
  }

  /** The key of one filter's view (`SessionViews` keeps a few per session). */
  // A protocol filter's index depends on what the layer decoded; a new detection or choice starts it over.
  private viewKey(entry: SessionEntry, filter: RecordFilter): string {
    return `${filter.unit === 'messages' ? 'messages' : 'frames'}:${filterKey(filter)}${hasProtocolFilter(filter) ? `|${entry.protocol?.viewKey ?? ''}` : ''}`;
  }

  private view(entry: SessionEntry, filter: RecordFilter): FilteredView | MessageView {
    const isMessages = filter.unit === 'messages';
    const isProtocolFiltered = hasProtocolFilter(filter);
    const key = this.viewKey(entry, filter);
    return entry.views.getOrCreate(key, () => {
      const completesProtocolMessage = isProtocolFiltered ? protocolFilterTest(entry.protocol, filter) : undefined;
      return isMessages ? new MessageView(key, filter, completesProtocolMessage) : new FilteredView(key, filter, completesProtocolMessage);
    });
  }

  // Frame rows carry their protocol summary when the session decodes a protocol.
  private rows(entry: SessionEntry, rows: RecordRow[]): RecordRow[] {
    return entry.protocol ? entry.protocol.decorate(rows) : rows;
  }

  /** Forgets a session; its records and spill files are freed once nothing writes to them. */
  private forget(entry: SessionEntry, reason: SessionRemovedReason): void {
    this.sessions.delete(entry.id);
    this.tailRows.forgetSession(entry.id);
    this.inflateFigures.forget(entry.id);
    for (const unsubscribe of entry.unsubscribers.splice(0)) unsubscribe();
    entry.views.clear();
    // A live session's layer goes when it closes; an imported one may still be decoding in the background.
    if (!entry.live) entry.protocol?.dispose();
    if (entry.origin?.kind === 'listen') this.listenerRegistry.forget(entry.id);
    this.emit('sessionRemoved', { sessionId: entry.id, reason });
    const live = entry.live;
    if (!live || live.state === 'closed') {
      entry.capture.dispose();
      return;
    }
    const off = live.onDidChangeState((state) => {
      if (state !== 'closed') return;
      off();
      entry.capture.dispose();
    });
    // A listened connection is dropped at once; a client session says goodbye with a close frame.
    if (entry.stop) entry.stop();
    else entry.sender?.close();
  }

  /** Moves a session to `index` of the session list. */
  private move(id: string, index: number): void {
    const entries = [...this.sessions.values()];
    const from = entries.findIndex((entry) => entry.id === id);
    const [moved] = entries.splice(from, 1);
    entries.splice(Math.min(index, entries.length), 0, moved!);
    this.sessions.clear();
    for (const entry of entries) this.sessions.set(entry.id, entry);
  }

  /** Takes in a capture something else is writing (a Doctor probe, a listened connection, a workspace or conformance session). */
  private readonly adopt: AdoptCapture = ({ url, capture, live, origin, sender, stop, previousSessionId, secretValues, protocol }) => {
    const id = randomUUID();
    this.register(
      {
        id,
        url,
        openedAt: Date.now(),
        capture,
        live,
        origin,
        views: new SessionViews(),
        unsubscribers: [],
        payloads: new PayloadViewer(),
        ...(sender ? { sender } : {}),
        ...(stop ? { stop } : {}),
        ...(previousSessionId ? { previousSessionId } : {}),
        ...(secretValues ? { secretValues } : {}),
        ...(protocol ? { protocol } : {}),
      },
      previousSessionId,
    );
    return id;
  };

  /** Lets go of a finished adopted session (a listen or conformance history reached its limits): its capture is freed and windows forget it. */
  private readonly release: ReleaseCapture = (sessionId, reason) => {
    const entry = this.sessions.get(sessionId);
    if (entry) this.forget(entry, reason);
  };

  /** Lists a session (after `afterId` when given, so a reconnect sits beside what it reconnects) and follows it. */
  private register(entry: SessionEntry, afterId?: string): void {
    this.sessions.set(entry.id, entry);
    if (afterId !== undefined && this.sessions.has(afterId)) this.move(entry.id, [...this.sessions.keys()].indexOf(afterId) + 1);
    entry.unsubscribers.push(entry.capture.onDidAppend(() => this.batcher.touch(entry.id)));
    const offState = entry.live?.onDidChangeState((state) => {
      if (state === 'open') entry.protocol?.prepare();
      if (state === 'closed') {
        entry.closedAt = Date.now();
        entry.protocol?.dispose();
      }
      this.batcher.flush();
      this.emit('sessionStateChanged', this.summary(entry));
      const closed = this.summary(entry).closed;
      if (state === 'closed' && closed) this.emit('sessionClosed', { sessionId: entry.id, closed });
    });
    if (offState) entry.unsubscribers.push(offState);
    if (entry.live?.inflatePauses !== undefined) this.inflateFigures.watch();
    this.emit('sessionStateChanged', this.summary(entry));
  }

  private flushRecords(id: string): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    const count = entry.capture.count;
    const from = Math.max(0, count - this.tailRows.rowsFor(id));
    const views = this.followedViewTails(entry);
    this.emit('recordsAppended', { sessionId: id, count, newest: this.rows(entry, entry.capture.getRecords(from, count - from)), ...(views.length > 0 ? { views } : {}) });
    // Counts in the session list move with the records; same cadence, so no extra traffic per frame.
    this.sendSummary(id);
  }

  /**
   * The last rows of the filtered views windows follow, for the batch: only a view a window's own
   * reads already built (one is never started here, nor another's index dropped), and only when one
   * scan step brings it to the log's end; otherwise the window reads its tail after the batch.
   */
  private followedViewTails(entry: SessionEntry): FollowedViewTail[] {
    const tails: FollowedViewTail[] = [];
    for (const { key, filter, rows } of this.tailRows.followedViews(entry.id)) {
      const tail = entry.views.get(this.viewKey(entry, filter))?.tailInOneStep(entry.capture, rows);
      if (tail) tails.push({ key, from: tail.from, total: tail.total, rows: this.rows(entry, tail.rows) });
    }
    return tails;
  }

  private sendSummary(id: string): void {
    const entry = this.sessions.get(id);
    if (entry) this.emit('sessionStateChanged', this.summary(entry));
  }

  /** Open sessions whose reading may wait for the inflate budget (client sessions), with their figures now. */
  private pausingSessions(): WatchedSession[] {
    const open: WatchedSession[] = [];
    for (const { id, live } of this.sessions.values()) {
      if (live?.inflatePauses === undefined || live.state === 'closed') continue;
      open.push({ id, figures: live.inflatePauses });
    }
    return open;
  }

  private summary(entry: SessionEntry): SessionSummary {
    const live = entry.live;
    const closed = live ? live.closed : null;
    const counts = live ? live.frameCounts : (entry.importedCounts ?? { framesIn: 0, framesOut: 0 });
    const inflatePauses = live?.inflatePauses;
    const handshake = entry.capture.header.handshake;
    return {
      id: entry.id,
      url: entry.url,
      state: live ? live.state : 'closed',
      openedAt: entry.openedAt,
      counts: { records: entry.capture.count, ...counts },
      statusCode: handshake?.response?.statusCode ?? null,
      ...(closed ? { closed: { at: entry.closedAt ?? Date.now(), ...closed } } : entry.importedClose ? { closed: entry.importedClose } : {}),
      readOnly: !entry.sender,
      ...(entry.origin ? { origin: entry.origin } : {}),
      ...(entry.name !== undefined ? { name: entry.name } : {}),
      ...(entry.previousSessionId !== undefined ? { previousSessionId: entry.previousSessionId } : {}),
      ...(entry.endedAt !== undefined ? { endedAt: entry.endedAt } : {}),
      ...(entry.protocol ? { protocol: entry.protocol.summary() } : {}),
      ...(inflatePauses ? { inflatePauses } : {}),
    };
  }

  private handshake(entry: SessionEntry): HandshakeRecordJson | null {
    if (entry.handshakeSeq === undefined) {
      // The handshake follows a handful of connection events; it is never far from the start.
      const scan = entry.capture.getRecords(0, Math.min(entry.capture.count, 64));
      const row = scan.find((each) => each.kind === 'handshake');
      if (!row) return null;
      entry.handshakeSeq = row.seq;
    }
    return entry.capture.getRecordJson(entry.handshakeSeq) as HandshakeRecordJson;
  }

  private entry(id: string): SessionEntry {
    const entry = this.sessions.get(id);
    if (!entry) throw new MessageError(message('sessions:error.noSession', { id }));
    return entry;
  }

  /** Saves where the user chooses (the desktop save dialog), or prepares a one-time download for the browser UI; never into a folder nobody chose. */
  private async saveExport(suggestedName: string, kind: SaveKind, write: (path: string) => Promise<void>): Promise<ExportResult> {
    if (!this.options.chooseExportPath) return { kind: 'download', ...(await this.downloads.prepare(suggestedName, write)) };
    const path = await this.options.chooseExportPath(suggestedName, kind);
    if (path === null) return { kind: 'cancelled' };
    await write(path);
    return { kind: 'saved', fileName: path };
  }

  private live(id: string): LiveSender {
    const entry = this.entry(id);
    if (!entry.sender) throw new MessageError(entry.live ? message('errors:readOnly.probe') : message('errors:readOnly.imported'));
    return entry.sender;
  }

  /** Every listener hears every event; one that throws is reported and cannot stop the others or the engine. */
  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (event === 'sessionStateChanged') {
      const summary = payload as EventPayload<'sessionStateChanged'>;
      this.inflateFigures.sent(summary.id, summary.inflatePauses);
    }
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        this.reportFailure(`a listener of ${event} failed`, error);
      }
    }
  }

  private reportFailure(what: string, error: unknown): void {
    const message = `frameline: ${what}: ${error instanceof Error ? error.message : String(error)}`;
    if (this.options.reportFailure) this.options.reportFailure(message);
    else process.stderr.write(`${message}\n`);
  }
}

/** The protocol an imported capture is read as: the one its header names, else its choice, else detection. */
function importedChoice(recorded: CaptureHeader['appProtocol']) {
  const named = recorded?.id ?? recorded?.choice;
  return named !== undefined && named !== null && isProtocolChoice(named) ? named : 'auto';
}

/** Refuses a seq past the end of the session's capture, naming how many records it has. */
function assertRecord(entry: SessionEntry, seq: number): void {
  if (seq >= entry.capture.count) throw new MessageError(message('errors:missing.record', { seq, count: entry.capture.count }));
}

/** Runs a relay action; a refusal becomes an error with its reason as a message (English beside it). */
function relayAction<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof RelayActionError) throw new MessageError(error.text);
    throw error;
  }
}

/**
 * The redaction an export asks for: off, or the built-in rules plus the caller's header names and
 * payload patterns. A session that carries workspace secrets is redacted either way (the built-in
 * rules and its secret values): a secret the workspace keeps out of its shared files never leaves
 * in an export.
 */
function redactionOptions(options: Omit<ReturnType<typeof parseCommandArgs<'exportCapture'>>[1], 'format'>, secretValues: readonly string[]): RedactionOptions {
  const secrets = secretRedaction(secretValues).payloadPatterns;
  if (!options.redact) return secrets.length === 0 ? noRedaction : { isEnabled: true, extraHeaderNames: [], payloadPatterns: secrets };
  return { isEnabled: true, extraHeaderNames: options.extraHeaderNames, payloadPatterns: [...options.payloadPatterns.map((source) => new RegExp(source)), ...secrets] };
}
