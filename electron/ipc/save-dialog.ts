import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { SaveKind } from '../engine/api/engine.js';

const filters: Record<SaveKind, Electron.FileFilter> = {
  json: { name: 'Frameline capture', extensions: ['json'] },
  har: { name: 'HAR (Chrome DevTools)', extensions: ['har'] },
  pcapng: { name: 'pcapng (Wireshark)', extensions: ['pcapng'] },
  'html-report': { name: 'HTML report', extensions: ['html'] },
  'json-report': { name: 'JSON report', extensions: ['json'] },
};

/**
 * The desktop app's answer to "where should this export go": the system save dialog, opened in
 * the Downloads folder when there is one (else the home folder), which asks before replacing a
 * file. Resolves null when the user cancels; nothing is ever written without their choice.
 */
export function saveDialogChooser(window: () => BrowserWindow | null) {
  return async (suggestedName: string, kind: SaveKind): Promise<string | null> => {
    const downloads = app.getPath('downloads');
    const folder = existsSync(downloads) ? downloads : app.getPath('home');
    const options: Electron.SaveDialogOptions = {
      defaultPath: join(folder, suggestedName),
      filters: [filters[kind]],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    const owner = window();
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
