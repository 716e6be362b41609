import type { CommandArgs, CommandName, Subscribe } from './api.js';
import { toBridgeError, type BridgeError } from './bridge-protocol.js';

/**
 * What main answers a command with over Electron IPC: its result, or its failure as plain data.
 * Electron's `ipcMain.handle` carries only a thrown error's `message`, and `contextBridge` drops an
 * error's own properties on the way to the page, so a failure travels as a value (the web bridge's
 * error: English `message`, the engine's sentence as a message in `i18n`, the bad argument's `field`)
 * and the page turns it back into an error it can word in the reader's language.
 */
export type IpcAnswer = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: BridgeError };

/** What the preload gives the page: one function per command, answering with an `IpcAnswer`, plus `on`. */
export type PreloadApi = {
  readonly [K in CommandName]: (...args: CommandArgs<K>) => Promise<IpcAnswer>;
} & { readonly on: Subscribe };

/** Runs one command for an IPC handler: never rejects; a failure becomes the answer's `error`. */
export async function answerCall(run: () => Promise<unknown>): Promise<IpcAnswer> {
  try {
    return { ok: true, result: await run() };
  } catch (error) {
    return { ok: false, error: toBridgeError(error) };
  }
}
