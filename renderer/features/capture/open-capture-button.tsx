import { useEffect, useRef } from 'react';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';
import { shortcutText } from '../workspace/shortcut-text.js';
import { CAPTURE_FILE_ACCEPT, openCaptureFile } from './open-capture.js';

/** "Open capture…": a `.frameline.json` or `.har` file opens as a read-only session. Ctrl/Cmd+O too. */
export function OpenCaptureButton() {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  const isBusy = useApp((state) => state.capture.busy === 'import');

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        inputRef.current?.click();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  return (
    <>
      <button type="button" aria-label={t('capture:open.button')} disabled={isBusy} title={t('capture:open.title', { key: shortcutText('Mod+O') })} onClick={() => inputRef.current?.click()}>
        {isBusy ? t('capture:open.busy') : t('capture:open.button')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept={CAPTURE_FILE_ACCEPT}
        aria-label={t('capture:open.file')}
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that picking the same file again fires a change.
          event.target.value = '';
          if (file) void openCaptureFile(file);
        }}
      />
    </>
  );
}
