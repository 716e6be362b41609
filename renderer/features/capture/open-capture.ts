import { readFileAsBase64 } from '../../lib/read-file.js';
import { getAppStore } from '../../store/app-store.js';

/** The file types "Open capture…" offers: native captures and HAR. */
export const CAPTURE_FILE_ACCEPT = '.frameline.json,.json,.har';

/** Reads a file the user picked or dropped and opens it as a read-only session. */
export async function openCaptureFile(file: File): Promise<void> {
  const { capture, sessions } = getAppStore().getState();
  try {
    await capture.importContent(file.name, await readFileAsBase64(file));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    sessions.showNotice({ kind: 'error', message: (t) => t('capture:open.unreadable', { fileName: file.name, reason }) });
  }
}
