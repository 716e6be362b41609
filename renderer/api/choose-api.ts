import type { FramelineApi } from '../../shared/contract/api.js';
import { createBridgeClient } from './bridge-api.js';
import type { BridgeStatus } from './bridge-api.js';
import { electronApi } from './electron-api.js';

/** The API the page talks through, and how it is connected. */
export interface ChosenApi {
  readonly api: FramelineApi;
  readonly transport: 'electron' | 'bridge';
  /** Link status; Electron's IPC is always up. */
  readonly onStatus: (listener: (status: BridgeStatus) => void) => () => void;
}

/** Electron's preload API when present, else the web bridge to the host that served the page. */
export function chooseApi(): ChosenApi {
  const fromPreload = electronApi();
  if (fromPreload) return { api: fromPreload, transport: 'electron', onStatus: () => () => undefined };
  const bridge = createBridgeClient();
  return { api: bridge.api, transport: 'bridge', onStatus: (listener) => bridge.onStatus(listener) };
}
