import type { ExportFormat } from '../../shared/contract/export-format.js';
import { errorText } from '../../shared/i18n/message-error.js';
import { errorMessage, patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** How each format is named in the menu and in the notice. */
export const EXPORT_FORMAT_LABEL: Record<ExportFormat, string> = { json: '.frameline.json', har: 'HAR', pcapng: 'pcapng' };

/** Exporting the shown session and opening capture files: the menu's state and the two actions. */
export interface CaptureSlice {
  readonly isExportMenuOpen: boolean;
  /** On by default; switching it off is the visible opt-out. */
  readonly isRedacting: boolean;
  /** Extra header names to redact, as typed (comma-separated). */
  readonly extraHeaderNames: string;
  /** Payload regular expressions to redact, as typed (one per line). */
  readonly payloadPatterns: string;
  /** What is running, so buttons can wait. */
  readonly busy: 'export' | 'import' | null;
  setExportMenuOpen(isOpen: boolean): void;
  setRedacting(isRedacting: boolean): void;
  setExtraHeaderNames(text: string): void;
  setPayloadPatterns(text: string): void;
  /** Exports the active session: a save dialog (desktop) or a download (browser); the status bar says where it went. */
  exportActive(format: ExportFormat): Promise<void>;
  /** Opens a capture's bytes as a read-only session and shows it; a bad file changes nothing but the status bar. */
  importContent(fileName: string, base64: string): Promise<void>;
}

/** The engine's own message, without the transport's "command:" prefix (bridge) or invoke wrapper (Electron). */
export function engineMessage(error: unknown, command: string): string {
  return errorMessage(error)
    .replace(new RegExp(`^Error invoking remote method '[^']*${command}':\\s*(Error:\\s*)?`), '')
    .replace(new RegExp(`^${command}:\\s*`), '');
}

function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The header names and payload patterns typed in the export menu, as an export takes them (none while redaction is off). */
export function typedRedaction(capture: Pick<CaptureSlice, 'isRedacting' | 'extraHeaderNames' | 'payloadPatterns'>): { extraHeaderNames: string[]; payloadPatterns: string[] } {
  if (!capture.isRedacting) return { extraHeaderNames: [], payloadPatterns: [] };
  return { extraHeaderNames: splitList(capture.extraHeaderNames, /,/), payloadPatterns: splitList(capture.payloadPatterns, /\n/) };
}

/** The capture slice. */
export function createCaptureSlice(set: SetApp, get: GetApp): CaptureSlice {
  const patch = (value: Partial<CaptureSlice>): void => patchSlice(set, 'capture', value);

  return {
    isExportMenuOpen: false,
    isRedacting: true,
    extraHeaderNames: '',
    payloadPatterns: '',
    busy: null,

    setExportMenuOpen(isOpen) {
      patch({ isExportMenuOpen: isOpen });
    },
    setRedacting(isRedacting) {
      patch({ isRedacting });
    },
    setExtraHeaderNames(extraHeaderNames) {
      patch({ extraHeaderNames });
    },
    setPayloadPatterns(payloadPatterns) {
      patch({ payloadPatterns });
    },

    async exportActive(format) {
      const { sessions, capture, api, platform } = get();
      const id = sessions.activeId;
      if (id === null) {
        sessions.showNotice({ kind: 'error', message: (t) => t('capture:export.nothing') });
        return;
      }
      const isRedacting = capture.isRedacting;
      const label = EXPORT_FORMAT_LABEL[format];
      patch({ busy: 'export' });
      try {
        const result = await api.exportCapture(id, { format, redact: isRedacting, ...typedRedaction(capture) });
        if (result.kind === 'cancelled') return;
        if (result.kind === 'download') platform.download(result.downloadId, result.suggestedName);
        const where = result.kind === 'saved' ? result.fileName : result.suggestedName;
        get().sessions.showNotice({
          kind: 'info',
          message: (t) =>
            result.kind === 'saved'
              ? isRedacting ? t('capture:export.savedRedacted', { format: label, path: where }) : t('capture:export.savedUnredacted', { format: label, path: where })
              : isRedacting ? t('capture:export.downloadRedacted', { format: label, name: where }) : t('capture:export.downloadUnredacted', { format: label, name: where }),
        });
        patch({ isExportMenuOpen: false });
      } catch (error) {
        get().sessions.showNotice({ kind: 'error', message: (t) => t('capture:export.failed', { message: engineMessage(error, 'exportCapture') }) });
      } finally {
        patch({ busy: null });
      }
    },

    async importContent(fileName, base64) {
      patch({ busy: 'import' });
      try {
        const { sessionId } = await get().api.importCapture({ kind: 'content', fileName, base64 });
        await get().sessions.refresh();
        get().sessions.select(sessionId);
        get().sessions.showNotice({ kind: 'info', message: (t) => t('capture:open.opened', { fileName }) });
      } catch (error) {
        get().sessions.showNotice({ kind: 'error', message: errorText(error) ?? engineMessage(error, 'importCapture') });
      } finally {
        patch({ busy: null });
      }
    },
  };
}
