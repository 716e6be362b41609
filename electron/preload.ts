import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandName, EventName } from '../shared/contract/api.js';
import type { PreloadApi } from '../shared/contract/ipc-answer.js';
import { eventAckChannel, eventChannel } from './ipc/channels.js';

// The sandboxed preload may only require 'electron', so the command list is spelled out here
// (type-only imports keep zod out of this bundle); the check below fails the build if the
// contract gains a command this list lacks.
const commands = [
  'openSession', 'closeSession', 'forgetSession', 'reconnectSession', 'getSessionOptions', 'updateSession',
  'send', 'getRecords', 'getTailRecords', 'setTailRows', 'getRecord', 'getMessage', 'listSessions', 'getHandshake',
  'listProfiles', 'saveProfile', 'deleteProfile', 'exportCapture', 'importCapture',
  'runDiagnosis', 'cancelDiagnosis', 'startListener', 'stopListener', 'listListeners', 'loadUserData', 'saveUserData',
  'getProtocolMessages', 'sendProtocol', 'setProtocolDuties', 'setProtocol', 'setPayloadFormat', 'getPayloadViews',
  'startRelay', 'stopRelay', 'listRelays', 'setRelayInterception', 'loadRelaySettings', 'saveRelaySettings',
  'getRelayCa', 'listPaused', 'getPausedPayload', 'resolvePaused', 'injectRelay', 'closeRelayLeg',
  'listHttpExchanges', 'exportRelayHar',
  'runFanout', 'cancelFanout', 'openFanoutClient', 'exportFanoutReport',
  'openWorkspace', 'getWorkspace', 'saveWorkspaceConnection', 'deleteWorkspaceConnection', 'reorderWorkspaceConnections',
  'saveWorkspaceEnvironment', 'editWorkspaceEnvironment', 'deleteWorkspaceEnvironment', 'setActiveEnvironment', 'setWorkspaceSecrets', 'revealWorkspaceSecret',
  'connectWorkspaceConnection', 'sendSavedMessage', 'stopReconnecting', 'importIntoWorkspace', 'copyConnectionCommand',
  'runWorkspaceScenario', 'cancelScenarioRun',
  'runConformance', 'cancelConformance',
] as const satisfies readonly CommandName[];
type MissingCommand = Exclude<CommandName, (typeof commands)[number]>;
const everyCommandListed: [MissingCommand] extends [never] ? true : MissingCommand = true;
void everyCommandListed;

const api: Record<string, unknown> = {};
for (const command of commands) {
  // One named function per command; the page never gets ipcRenderer or a channel name. Main answers
  // with an IpcAnswer, passed on as it came: a failure is plain data, which contextBridge copies whole,
  // whereas it would strip the message (key and values) from an Error thrown here.
  api[command] = (...args: unknown[]) => ipcRenderer.invoke(`frameline:${command}`, ...args);
}
type Listener = (name: string, payload: unknown) => void;
const listeners = new Set<Listener>();
// One relay for every listener, so main gets exactly one acknowledgement per event message, sent
// once the page has had it: main holds record batches back while too many are unacknowledged.
ipcRenderer.on(eventChannel, (_event: IpcRendererEvent, name: string, payload: unknown) => {
  try {
    for (const listener of [...listeners]) listener(name, payload);
  } finally {
    ipcRenderer.send(eventAckChannel);
  }
});
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  const relay: Listener = (name, payload) => {
    if (name === event) listener(payload);
  };
  listeners.add(relay);
  return () => listeners.delete(relay);
};

contextBridge.exposeInMainWorld('frameline', api as PreloadApi);
