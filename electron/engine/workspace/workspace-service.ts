import { randomUUID } from 'node:crypto';
import { englishText } from '../../../shared/i18n/english-text.js';
import { join } from 'node:path';
import type { CommandResult, CommandName, parseCommandArgs } from '../../../shared/contract/api.js';
import { workspaceCommandSchemas, type ImportSource, type WorkspaceView } from '../../../shared/contract/api-workspace.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { notedText } from '../../../shared/i18n/event-text.js';
import { message as text, verbatim, type Message } from '../../../shared/i18n/message.js';
import { optionsTemplateOf, type ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { exportCommand, type CommandTool } from '../../../shared/workspace/interop/command-export.js';
import { importApifoxExport } from '../../../shared/workspace/interop/apifox-import.js';
import { importCommandLine } from '../../../shared/workspace/interop/command-line-import.js';
import type { ImportResult } from '../../../shared/workspace/interop/imported.js';
import { importPostmanCollection } from '../../../shared/workspace/interop/postman-import.js';
import { messageRequest } from '../../../shared/workspace/message-request.js';
import { resolveOptions } from '../../../shared/workspace/resolve-options.js';
import { unresolvedText } from '../../../shared/workspace/unresolved-variable.js';
import { errorText, MessageError } from '../../../shared/i18n/message-error.js';
import { layerOf, type VariableScope } from '../../../shared/workspace/variable-scope.js';
import { fileProblemText } from '../../../shared/workspace/file-problem.js';
import type { EngineEmit } from '../api/engine-events.js';
import type { AdoptCapture, LiveSender } from '../api/live-source.js';
import type { CaptureBudgetOptions } from '../capture/capture-budgets.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import { liveProtocolLayer } from '../protocol/live-protocol-layer.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import { sendSaved } from './send-saved.js';
import { Session } from '../session/session.js';
import { AutoReconnect, type ChainLink } from './auto-reconnect.js';
import { importIntoWorkspace } from './import-into-workspace.js';
import { legacyImport } from './legacy-migration.js';
import { OpenWorkspace } from './open-workspace.js';
import { runScenario } from './scenario-runner.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import { ANY_ENVIRONMENT } from './secret-store.js';
import { SCENARIOS_FOLDER } from './workspace-folder.js';
import { WorkspaceStateFile } from './workspace-state.js';

/** What the service needs from the engine around it. */
export interface WorkspaceServiceOptions {
  readonly dataDirectory: string;
  readonly cipher: SecretCipher | null;
  readonly adopt: AdoptCapture;
  readonly emit: EngineEmit;
  readonly profiles: ProfileStore;
  /** The client session behind an engine session id, if it can send. */
  readonly sender: (sessionId: string) => LiveSender | undefined;
  /** The application-protocol layer of an engine session, if it has one. */
  readonly protocol: (sessionId: string) => ProtocolLayer | undefined;
  /** Budgets of the captures of the sessions it opens; each left out takes its default. */
  readonly captureBudgets?: CaptureBudgetOptions;
}

type WorkspaceCommand =
  | 'openWorkspace' | 'getWorkspace' | 'saveWorkspaceConnection' | 'deleteWorkspaceConnection' | 'reorderWorkspaceConnections'
  | 'saveWorkspaceEnvironment' | 'editWorkspaceEnvironment' | 'deleteWorkspaceEnvironment' | 'setActiveEnvironment' | 'setWorkspaceSecrets' | 'revealWorkspaceSecret'
  | 'connectWorkspaceConnection' | 'sendSavedMessage' | 'stopReconnecting' | 'importIntoWorkspace' | 'copyConnectionCommand'
  | 'runWorkspaceScenario' | 'cancelScenarioRun';

type ArgsOf<K extends CommandName> = ReturnType<typeof parseCommandArgs<K>>;

/** The workspace commands, with the engine's handler shape. */
export type WorkspaceHandlers = { [K in WorkspaceCommand]: (...args: ArgsOf<K>) => Promise<CommandResult<K>> };

/**
 * The workspace side of the engine: the open workspace, the environment this machine uses, secrets,
 * sessions opened from saved connections (with auto-reconnect chains) and scenario runs in the
 * window. Every session it opens is adopted by the engine, sendable, linked to the one it
 * reconnects, and exported with the workspace's secret values redacted.
 */
export class WorkspaceService {
  private workspace: OpenWorkspace | null = null;
  private readonly state: WorkspaceStateFile;
  private readonly chains = new Map<string, AutoReconnect>();
  private readonly runs = new Map<string, AbortController>();

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.state = new WorkspaceStateFile(options.dataDirectory);
  }

  /** Every secret value of the open workspace, in any environment: no export of any session may carry one. */
  async secretValues(): Promise<string[]> {
    return this.workspace ? this.workspace.secrets.allValues() : [];
  }

  /** Stops every chain and run (app quit). */
  dispose(): void {
    for (const chain of new Set(this.chains.values())) chain.cancel();
    for (const run of this.runs.values()) run.abort();
  }

  readonly handlers: WorkspaceHandlers = {
    openWorkspace: async (path, { create }) => {
      const isDefault = path === null;
      const folder = path ?? join(this.options.dataDirectory, 'workspace');
      const workspace = await OpenWorkspace.open(folder, this.options.dataDirectory, this.options.cipher, { create: create || isDefault });
      this.workspace = workspace;
      await this.state.update((state) => ({ ...state, lastPath: path }));
      // The default workspace starts with the profiles saved before workspaces existed.
      if (isDefault && workspace.current.connections.length === 0) {
        const { profiles } = await this.options.profiles.list();
        if (profiles.length > 0) await importIntoWorkspace(workspace, legacyImport(profiles, []));
      }
      return this.view();
    },
    getWorkspace: async () => {
      if (!this.workspace) {
        const { lastPath } = await this.state.read();
        if (lastPath === null) return null;
        return this.handlers.openWorkspace(lastPath, { create: false }).catch(() => null);
      }
      await this.workspace.reload();
      return this.view();
    },
    saveWorkspaceConnection: async (file) => {
      const movedSecrets = await this.open().saveConnection(file);
      return { workspace: await this.view(), movedSecrets };
    },
    deleteWorkspaceConnection: async (id) => {
      await this.open().folder.deleteConnection(id);
      await this.open().reload();
      return this.view();
    },
    reorderWorkspaceConnections: async (ids) => {
      const workspace = this.open();
      const known = new Set(workspace.current.connections.map((connection) => connection.id));
      const order = [...ids.filter((id) => known.has(id)), ...workspace.current.connections.map((connection) => connection.id).filter((id) => !ids.includes(id))];
      await workspace.folder.saveManifest({ ...workspace.folder.manifest, connectionOrder: order });
      await workspace.reload();
      return this.view();
    },
    saveWorkspaceEnvironment: async (file) => {
      await this.open().folder.saveEnvironment(file);
      await this.open().reload();
      return this.view();
    },
    editWorkspaceEnvironment: async (file, { renamed, values }) => {
      const workspace = this.open();
      await workspace.folder.saveEnvironment(file);
      await workspace.secrets.edit(file.id, renamed, values);
      await workspace.reload();
      return this.view();
    },
    deleteWorkspaceEnvironment: async (id) => {
      const workspace = this.open();
      await workspace.folder.deleteEnvironment(id);
      await workspace.secrets.clearEnvironment(id);
      await workspace.reload();
      return this.view();
    },
    setActiveEnvironment: async (id) => {
      const workspace = this.open();
      if (id !== null && !workspace.environment(id)) throw new MessageError(text('workspace:error.noEnvironment', { id }));
      await this.state.update((state) => ({ ...state, activeEnvironments: { ...state.activeEnvironments, [workspace.folder.manifest.id]: id } }));
      return this.view();
    },
    setWorkspaceSecrets: async (environment, values) => {
      await this.open().secrets.set(environment, values);
      return this.view();
    },
    revealWorkspaceSecret: async (environment, name) => ({ value: await this.open().secrets.value(environment, name) }),
    connectWorkspaceConnection: async (id) => ({ sessionId: await this.connect(id) }),
    sendSavedMessage: async (sessionId, connectionId, messageId) => {
      const session = this.options.sender(sessionId);
      if (!session) throw new MessageError(text('workspace:error.cannotSend'));
      const connection = this.savedConnection(connectionId);
      const message = connection.messages.find((each) => each.id === messageId);
      if (!message) throw new MessageError(text('workspace:failure.noSavedMessage', { alias: connectionId, id: messageId }));
      const built = messageRequest(message, await this.scope());
      if (!built.ok) throw new MessageError(built.invalid === undefined ? text('workspace:failure.notSent', { problem: unresolvedText(built.unresolved) }) : verbatim(built.invalid));
      sendSaved(built, session, this.options.protocol(sessionId));
      return null;
    },
    stopReconnecting: async (sessionId) => {
      this.chains.get(sessionId)?.cancel();
      return null;
    },
    importIntoWorkspace: async (source) => {
      const workspace = this.open();
      const imported = await this.read(source);
      const outcome = await importIntoWorkspace(workspace, imported);
      return { workspace: await this.view(), added: [...outcome.added], warnings: outcome.warnings.map(englishText), warningTexts: [...outcome.warnings] };
    },
    copyConnectionCommand: async (id, tool) => this.copyCommand(id, tool),
    runWorkspaceScenario: async (scenarioId) => ({ runId: await this.startRun(scenarioId) }),
    cancelScenarioRun: async (runId) => {
      this.runs.get(runId)?.abort();
      return null;
    },
  };

  private open(): OpenWorkspace {
    if (!this.workspace) throw new MessageError(text('workspace:error.noWorkspace'));
    return this.workspace;
  }

  private savedConnection(id: string): ConnectionFile {
    const connection = this.open().connection(id);
    if (!connection) throw new MessageError(text('workspace:failure.noSavedConnection', { id }));
    return connection;
  }

  private async activeEnvironment(): Promise<string | null> {
    const workspace = this.open();
    const chosen = (await this.state.read()).activeEnvironments[workspace.folder.manifest.id];
    const id = chosen === undefined ? workspace.current.manifest.defaultEnvironment : chosen;
    return id !== null && workspace.environment(id) ? id : null;
  }

  private async scope(): Promise<VariableScope> {
    return this.open().scope(await this.activeEnvironment());
  }

  private async view(): Promise<WorkspaceView> {
    const workspace = this.open();
    const loaded = workspace.current;
    const secretNames = await workspace.secrets.names();
    return {
      path: loaded.path,
      id: loaded.manifest.id,
      name: loaded.manifest.name,
      connections: [...loaded.connections],
      environments: [...loaded.environments],
      scenarios: [...loaded.scenarios],
      problems: loaded.problems.map((problem) => ({ ...problem })),
      activeEnvironment: await this.activeEnvironment(),
      secretNames,
      unopenedSecretNames: await workspace.secrets.unopenedNames(),
      secretStorage: { path: workspace.secrets.path, isEncrypted: (await this.options.cipher?.isAvailable()) ?? false, problem: workspace.secrets.problem },
    };
  }

  /** Opens a saved connection: every variable filled first (a missing one is an error naming it, and nothing is dialled). */
  private async connect(id: string): Promise<string> {
    const connection = this.savedConnection(id);
    const scope = await this.scope();
    const resolved = resolveOptions(optionsTemplateOf(connection), scope);
    if (!resolved.ok) throw new MessageError(resolved.invalid === undefined ? text('workspace:failure.notConnected', { reason: unresolvedText(resolved.unresolved) }) : verbatim(resolved.invalid));
    const secretValues = scope.allSecretValues;
    const openLink = (previous: ChainLink | null, note: Message | null): ChainLink => this.openSession(connection, resolved.options, secretValues, previous, note);
    if (!connection.reconnect.isEnabled) return openLink(null, null).sessionId;
    const chain = new AutoReconnect(connection.reconnect, {
      open: (previous, note) => {
        const link = openLink(previous, note);
        this.chains.set(link.sessionId, chain);
        return link;
      },
      replay: (link) => this.replay(connection, link, scope),
      onStopped: (reason, last) => this.options.emit('reconnectStopped', { sessionId: last.sessionId, reason }),
    });
    return chain.start().sessionId;
  }

  private openSession(connection: ConnectionFile, options: SessionOptions, secretValues: readonly string[], previous: ChainLink | null, note: Message | null): ChainLink {
    // Messages come only after start(), by which time the protocol layer exists.
    const session = new Session(randomUUID(), options, this.options.captureBudgets, { onMessage: (message) => protocol.receive(message), isMessageWanted: () => protocol.isReceivingMessages });
    const protocol = liveProtocolLayer(session);
    if (note !== null) session.capture.appendEvent({ atMicros: session.clock.nowMicros(), name: 'note', ...notedText(note) });
    const sessionId = this.options.adopt({
      url: options.url,
      capture: session.capture,
      live: session,
      sender: session,
      protocol,
      origin: { kind: 'workspace', connection: connection.id },
      ...(previous ? { previousSessionId: previous.sessionId } : {}),
      secretValues,
    });
    void session.start();
    return { session, sessionId, protocol };
  }

  /** Sends the policy's replay messages on a fresh reconnect, in order; what could not be sent becomes a warning in its timeline. */
  private replay(connection: ConnectionFile, link: ChainLink, scope: VariableScope): void {
    for (const problem of this.replayProblems(connection, link, scope)) link.session.capture.appendEvent({ atMicros: link.session.clock.nowMicros(), name: 'warning', ...notedText(problem) });
  }

  private replayProblems(connection: ConnectionFile, link: ChainLink, scope: VariableScope): Message[] {
    const problems: Message[] = [];
    for (const messageId of connection.reconnect.replay) {
      const message = connection.messages.find((each) => each.id === messageId);
      if (!message) {
        problems.push(text('workspace:reconnect.replayMissing', { connection: connection.id, messageId }));
        continue;
      }
      const built = messageRequest(message, scope);
      if (!built.ok) {
        problems.push(text('workspace:reconnect.replayFailed', { messageId, problem: built.invalid !== undefined ? verbatim(built.invalid) : unresolvedText(built.unresolved) }));
        continue;
      }
      try {
        sendSaved(built, link.session, link.protocol);
      } catch (error) {
        problems.push(text('workspace:reconnect.replayFailed', { messageId, problem: errorText(error) ?? verbatim((error as Error).message) }));
      }
    }
    return problems;
  }

  /** The command with secrets left as `{{name}}`, so a pasted command carries none. */
  private async copyCommand(id: string, tool: CommandTool): Promise<{ command: string; notCarried: string[] }> {
    const connection = this.savedConnection(id);
    const workspace = this.open();
    const environment = await this.activeEnvironment();
    const names = await workspace.secrets.names();
    const declared = environment === null ? [] : (workspace.environment(environment)?.variables ?? []).filter((variable) => 'secret' in variable).map((variable) => variable.name);
    const secretNames = [...(names[ANY_ENVIRONMENT] ?? []), ...(environment !== null ? (names[environment] ?? []) : []), ...declared];
    let scope = (await workspace.scope(environment)).withLayer(layerOf('kept as placeholders', Object.fromEntries(secretNames.map((name) => [name, `{{${name}}}`]))));
    let resolved = resolveOptions(optionsTemplateOf(connection), scope);
    if (!resolved.ok && resolved.unresolved.length > 0) {
      scope = scope.withLayer(layerOf('unresolved', Object.fromEntries(resolved.unresolved.map(({ variable }) => [variable, `{{${variable}}}`]))));
      resolved = resolveOptions(optionsTemplateOf(connection), scope);
    }
    if (!resolved.ok) throw new MessageError(resolved.invalid === undefined ? unresolvedText(resolved.unresolved) : verbatim(resolved.invalid));
    const exported = exportCommand(tool, resolved.options);
    return { command: exported.command, notCarried: [...exported.notCarried] };
  }

  private async read(source: ImportSource): Promise<ImportResult> {
    switch (source.kind) {
      case 'postman': {
        const result = importPostmanCollection(parseImportJson(source.text, (reason) => text('workspace:error.postmanNotJson', { reason })));
        if ('error' in result) throw new MessageError(result.error);
        return result;
      }
      case 'apifox': {
        const result = importApifoxExport(parseImportJson(source.text, (reason) => text('workspace:error.apifoxNotJson', { reason })));
        if ('error' in result) throw new MessageError(result.error);
        return result;
      }
      case 'command-line': {
        const result = importCommandLine(source.text);
        if ('error' in result) throw new MessageError(result.error);
        return result;
      }
      case 'legacy':
        return legacyImport((await this.options.profiles.list()).profiles, source.snippets);
    }
  }

  private async startRun(scenarioId: string): Promise<string> {
    const workspace = this.open();
    const entry = workspace.current.scenarios.find((scenario) => scenario.id === scenarioId);
    if (!entry) throw new MessageError(text('workspace:error.noScenario', { id: scenarioId }));
    const read = await workspace.folder.readScenario(join(workspace.folder.path, SCENARIOS_FOLDER, `${scenarioId}.json`));
    if (!read.ok) throw new MessageError(text('errors:session.scenarioProblems', { problems: read.problems.map(fileProblemText) }));
    const runId = randomUUID();
    const controller = new AbortController();
    this.runs.set(runId, controller);
    const environment = await this.activeEnvironment();
    const secretValues = (await workspace.scope(environment)).allSecretValues;
    // Start on the next turn, so the window has the run id before the first event names it.
    setImmediate(() => {
      void runScenario(
        { scenario: read.value, fileName: entry.fileName, workspace, environment, extra: {} },
        {
          signal: controller.signal,
          captureDirectory: join(this.options.dataDirectory, 'runs', runId),
          onSession: (alias, session, protocol) =>
            this.options.adopt({ url: session.options.url, capture: session.capture, live: session, sender: session, protocol, origin: { kind: 'workspace', connection: alias, scenarioRunId: runId, alias }, secretValues }),
          onProgress: (steps) => this.options.emit('scenarioProgressed', { runId, scenarioId, steps: steps.map((step) => ({ ...step, iterations: [...step.iterations] })) }),
        },
      )
        .then((result) => this.options.emit('scenarioFinished', { runId, scenarioId, result }))
        .catch((error: Error) => this.options.emit('scenarioFinished', { runId, scenarioId, result: { scenario: entry.name, fileName: entry.fileName, environment, startedAtMs: Date.now(), durationMs: 0, steps: [], connections: [], isPassed: false, error: error.message } }))
        .finally(() => this.runs.delete(runId));
    });
    return runId;
  }
}

/**
 * Handlers that call the service's own when invoked: the engine's handler table is built before
 * its constructor makes the service, so it holds these.
 */
export function delegateWorkspaceHandlers(service: () => WorkspaceService): WorkspaceHandlers {
  const delegates: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of Object.keys(workspaceCommandSchemas)) delegates[name] = (...args) => (service().handlers as unknown as Record<string, (...values: unknown[]) => unknown>)[name]!(...args);
  return delegates as unknown as WorkspaceHandlers;
}

/** A pasted export as parsed JSON, or a `MessageError` worded by `notJson` with the parser's reason. */
function parseImportJson(source: string, notJson: (reason: string) => Message): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new MessageError(notJson((error as Error).message));
  }
}
