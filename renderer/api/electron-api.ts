import { commandNames, type FramelineApi } from '../../shared/contract/api.js';
import type { PreloadApi } from '../../shared/contract/ipc-answer.js';
import { CommandError } from './command-error.js';

/**
 * The Electron transport. The preload script exposes `window.frameline` through contextBridge
 * with one named function per command plus `on`; each command answers with an `IpcAnswer`, which
 * this turns back into a result or a `CommandError` carrying the engine's message (contextBridge
 * would have dropped it from a thrown error). Main validates every argument.
 */
declare global {
  interface Window {
    /** Set by electron/preload.ts (or by the e2e fixture); absent in a plain browser. */
    readonly frameline?: PreloadApi;
  }
}

/** The preload's API, or null when the page does not run inside Electron. */
export function electronApi(): FramelineApi | null {
  return window.frameline ? fromPreload(window.frameline) : null;
}

/** The FramelineApi over the preload's answers: a failed answer rejects with a CommandError. */
export function fromPreload(preload: PreloadApi): FramelineApi {
  const api: Record<string, unknown> = { on: preload.on };
  for (const command of commandNames) {
    const call = preload[command] as (...args: unknown[]) => ReturnType<PreloadApi[typeof command]>;
    api[command] = async (...args: unknown[]) => {
      const answer = await call(...args);
      if (answer.ok) return answer.result;
      throw new CommandError(command, answer.error);
    };
  }
  return api as FramelineApi;
}
