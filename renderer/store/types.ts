import type { StoreApi } from 'zustand/vanilla';
import type { FramelineApi } from '../../shared/contract/api.js';
import { errorText } from '../../shared/i18n/message-error.js';
import type { Text } from '../lib/text.js';
import type { CaptureSlice } from './capture-slice.js';
import type { ComposerSlice } from './composer-slice.js';
import type { ConformanceSlice } from './conformance-slice.js';
import type { DoctorSlice } from './doctor-slice.js';
import type { FanoutSlice } from './fanout-slice.js';
import type { ListenSlice } from './listen-slice.js';
import type { PreferencesSlice } from './preferences-slice.js';
import type { ProtocolSlice } from './protocol-slice.js';
import type { RelayHttpSlice } from './relay-http-slice.js';
import type { RelaySlice } from './relay-slice.js';
import type { SessionsSlice } from './sessions-slice.js';
import type { SettingsSlice } from './settings-slice.js';
import type { TimelineSlice } from './timeline-slice.js';
import type { WorkspaceSlice } from './workspace-slice.js';
import type { WorkspaceEditorSlice } from './workspace-editor-slice.js';
import type { WorkspaceFilesSlice } from './workspace-files-slice.js';

/** What the window needs of its host page besides the API: downloads and the clipboard. */
export interface Platform {
  /** Lets the browser download a prepared export (`exportCapture` in the browser UI). */
  download(downloadId: string, suggestedName: string): void;
  copyText(text: string): Promise<void>;
}

/** The whole view state: small slices and the API they call (STYLE.md §7). */
export interface AppState {
  readonly api: FramelineApi;
  readonly platform: Platform;
  readonly sessions: SessionsSlice;
  readonly timeline: TimelineSlice;
  readonly composer: ComposerSlice;
  readonly settings: SettingsSlice;
  readonly capture: CaptureSlice;
  readonly workspace: WorkspaceSlice;
  readonly doctor: DoctorSlice;
  readonly listen: ListenSlice;
  readonly preferences: PreferencesSlice;
  readonly protocol: ProtocolSlice;
  readonly relay: RelaySlice;
  readonly relayHttp: RelayHttpSlice;
  readonly fanout: FanoutSlice;
  readonly workspaceFiles: WorkspaceFilesSlice;
  readonly workspaceEditor: WorkspaceEditorSlice;
  readonly conformance: ConformanceSlice;
}

type SliceKey = Exclude<keyof AppState, 'api' | 'platform'>;

export type AppStore = StoreApi<AppState>;
export type SetApp = AppStore['setState'];
export type GetApp = AppStore['getState'];

/** Replaces some fields of one slice (one `set`, one notification). */
export function patchSlice<K extends SliceKey>(
  set: SetApp,
  key: K,
  patch: Partial<AppState[K]> | ((slice: AppState[K]) => Partial<AppState[K]>),
): void {
  set((state) => ({ [key]: { ...state[key], ...(typeof patch === 'function' ? patch(state[key]) : patch) } }) as Partial<AppState>);
}

/** A readable message from anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a failed command says, in the reader's language when the engine worded it as a message, else its text. */
export function errorNotice(error: unknown): Text {
  return errorText(error) ?? errorMessage(error);
}
