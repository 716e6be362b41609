import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { commandNames, eventNames } from '../../shared/contract/api.js';
import type { FramelineEngine } from '../engine/api/engine.js';
import { commandChannel, eventChannel } from './channels.js';

/**
 * Wires FramelineApi to Electron IPC: one handler per command, each refusing any sender but our
 * own window's top frame on our own page (Electron security checklist: validate the sender of all
 * IPC messages), with arguments validated by the engine against the contract's schemas.
 */
export function registerIpcHandlers(engine: FramelineEngine, isTrustedPage: (url: string) => boolean, windowContents: () => WebContents | null): () => void {
  for (const command of commandNames) {
    ipcMain.handle(commandChannel(command), (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedPage(frame.url) || event.sender !== windowContents()) {
        throw new Error('refused: IPC from an untrusted frame');
      }
      return engine.run(command, args);
    });
  }
  const unsubscribe = engine.onEvent((event, payload) => {
    if (!eventNames.includes(event)) return;
    const contents = windowContents();
    if (contents && !contents.isDestroyed()) contents.send(eventChannel, event, payload);
  });
  return () => {
    unsubscribe();
    for (const command of commandNames) ipcMain.removeHandler(commandChannel(command));
  };
}
