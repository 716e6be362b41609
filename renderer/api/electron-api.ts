import type { FramelineApi } from '../../shared/contract/api.js';

/**
 * The Electron transport. The preload script exposes `window.frameline` through contextBridge
 * with one named function per command plus `on`; it already has the `FramelineApi` shape, and
 * main validates every argument, so this only finds it.
 */
declare global {
  interface Window {
    /** Set by electron/preload.ts (or by the e2e fixture); absent in a plain browser. */
    readonly frameline?: FramelineApi;
  }
}

/** The preload's API, or null when the page does not run inside Electron. */
export function electronApi(): FramelineApi | null {
  return window.frameline ?? null;
}
