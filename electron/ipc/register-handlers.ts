import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { commandNames, eventNames } from '../../shared/contract/api.js';
import { answerCall } from '../../shared/contract/ipc-answer.js';
import type { FramelineEngine } from '../engine/api/engine.js';
import { holdRecordBatches } from '../engine/api/held-record-batches.js';
import { commandChannel, eventAckChannel, eventChannel } from './channels.js';

/**
 * Event messages the window may leave unacknowledged before its sessions' record batches are held
 * back. A batch carries at most the engine's newest 50 rows, so what waits for a busy or frozen
 * window is bounded by about 256 × 50 rows, whatever the sessions receive.
 */
export const maxUnacknowledgedEventMessages = 256;

/**
 * Wires FramelineApi to Electron IPC: one handler per command, each refusing any sender but our
 * own window's top frame on our own page (Electron security checklist: validate the sender of all
 * IPC messages), with arguments validated by the engine against the contract's schemas. Each
 * answers with an `IpcAnswer`: a failure is a value carrying the engine's message, which a thrown
 * error would lose crossing IPC.
 *
 * Back-pressure (issue 19): Electron gives no measure of what a window has not read, so the
 * preload acknowledges each event message once it has handed it to the page. Past
 * `maxUnacknowledgedEventMessages` unacknowledged, record batches are held (`holdRecordBatches`:
 * the newest per session) and each acknowledgement may release them. A new window or a new page
 * in it starts from zero: what was sent to the page it replaced will never be acknowledged.
 */
export function registerIpcHandlers(engine: FramelineEngine, isTrustedPage: (url: string) => boolean, windowContents: () => WebContents | null): () => void {
  const isTrustedSender = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isTrustedPage(frame.url) && event.sender === windowContents();
  };
  for (const command of commandNames) {
    ipcMain.handle(commandChannel(command), (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      // Not our page: refused outright, with nothing it could read.
      if (!isTrustedSender(event)) throw new Error('refused: IPC from an untrusted frame');
      return answerCall(() => engine.run(command, args));
    });
  }
  let counted: WebContents | null = null;
  let unacknowledged = 0;
  const currentContents = (): WebContents | null => {
    const contents = windowContents();
    if (!contents || contents.isDestroyed()) return null;
    if (contents !== counted) {
      counted = contents;
      unacknowledged = 0;
      contents.on('did-navigate', () => {
        if (counted !== contents) return;
        unacknowledged = 0;
        events.caughtUp();
      });
    }
    return contents;
  };
  const events = holdRecordBatches(
    () => currentContents() !== null && unacknowledged > maxUnacknowledgedEventMessages,
    (event, payload) => {
      const contents = currentContents();
      if (!contents) return;
      unacknowledged++;
      contents.send(eventChannel, event, payload);
    },
  );
  const acknowledge = (event: IpcMainEvent): void => {
    if (!isTrustedSender(event)) return;
    unacknowledged = Math.max(0, unacknowledged - 1);
    events.caughtUp();
  };
  ipcMain.on(eventAckChannel, acknowledge);
  const unsubscribe = engine.onEvent((event, payload) => {
    if (eventNames.includes(event)) events.offer(event, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeListener(eventAckChannel, acknowledge);
    for (const command of commandNames) ipcMain.removeHandler(commandChannel(command));
  };
}
