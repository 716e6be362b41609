import { useEffect, useRef, type RefObject } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import type { ExportFormat } from '../../../shared/contract/export-format.js';
import { EXPORT_FORMAT_LABEL } from '../../store/capture-slice.js';
import { shortcutText } from '../workspace/shortcut-text.js';

const FORMATS = [
  ['json', 'capture:format.json'],
  ['har', 'capture:format.har'],
  ['pcapng', 'capture:format.pcapng'],
] as const satisfies readonly (readonly [ExportFormat, string])[];

/** Ctrl/Cmd+E or Ctrl/Cmd+Shift+S: the export shortcuts. */
function isExportShortcut(event: KeyboardEvent): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return false;
  const key = event.key.toLowerCase();
  return (key === 'e' && !event.shiftKey) || (key === 's' && event.shiftKey);
}

/** Opens the menu from the keyboard anywhere in the window (the payload editor included); closes it on Escape or a click elsewhere. */
function useMenuKeys(containerRef: RefObject<HTMLDivElement | null>, buttonRef: RefObject<HTMLButtonElement | null>, isOpen: boolean) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const { capture, sessions } = getAppStore().getState();
      if (isExportShortcut(event)) {
        event.preventDefault();
        event.stopPropagation();
        if (sessions.activeId === null) sessions.showNotice({ kind: 'error', message: (t) => t('capture:export.nothing') });
        else capture.setExportMenuOpen(true);
      } else if (event.key === 'Escape' && capture.isExportMenuOpen) {
        capture.setExportMenuOpen(false);
        buttonRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [buttonRef]);

  useEffect(() => {
    if (!isOpen) return;
    containerRef.current?.querySelector<HTMLButtonElement>('.export-format')?.focus();
    const onPointerDown = (event: PointerEvent): void => {
      if (!containerRef.current?.contains(event.target as Node)) getAppStore().getState().capture.setExportMenuOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [containerRef, isOpen]);
}

/** What the redaction switch means, said where the user decides. */
function RedactionOptions() {
  const t = useT();
  const isRedacting = useApp((state) => state.capture.isRedacting);
  const extraHeaderNames = useApp((state) => state.capture.extraHeaderNames);
  const payloadPatterns = useApp((state) => state.capture.payloadPatterns);
  const { capture } = getAppStore().getState();
  return (
    <>
      <label className="check redact-toggle">
        <input type="checkbox" checked={isRedacting} onChange={(event) => capture.setRedacting(event.target.checked)} />
        {t('capture:redact.toggle')}
      </label>
      {isRedacting ? (
        <>
          <p className="export-hint muted">{t('capture:redact.hint')}</p>
          <label className="field">
            <span>{t('capture:redact.headers')}</span>
            <input spellCheck={false} value={extraHeaderNames} placeholder="X-Api-Key, X-Session" onChange={(event) => capture.setExtraHeaderNames(event.target.value)} />
          </label>
          <label className="field">
            <span>{t('capture:redact.patterns')}</span>
            <textarea className="mono" rows={2} spellCheck={false} value={payloadPatterns} placeholder={'"password":"[^"]*"'} onChange={(event) => capture.setPayloadPatterns(event.target.value)} />
          </label>
        </>
      ) : (
        <p className="export-hint warn-text">{t('capture:redact.off')}</p>
      )}
    </>
  );
}

/** The Export button and its menu: the format, and the redaction switch on by default (issue 5). */
export function ExportMenu() {
  const t = useT();
  const isOpen = useApp((state) => state.capture.isExportMenuOpen);
  const isBusy = useApp((state) => state.capture.busy === 'export');
  const hasSession = useApp((state) => state.sessions.activeId !== null);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useMenuKeys(containerRef, buttonRef, isOpen);
  const { capture } = getAppStore().getState();

  return (
    <div className="export-menu" ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        aria-controls="export-popover"
        disabled={!hasSession}
        title={t('capture:export.title', { key: shortcutText('Mod+E') })}
        onClick={() => capture.setExportMenuOpen(!isOpen)}
      >
        {t('capture:export.button')}
      </button>
      {isOpen && (
        // The menu sits inside the connection bar's form: Enter in its fields must not submit (connect).
        <div id="export-popover" role="dialog" aria-label={t('capture:export.dialog')} className="export-popover" onKeyDown={(event) => event.key === 'Enter' && event.target instanceof HTMLInputElement && event.preventDefault()}>
          <RedactionOptions />
          <div className="export-formats" role="group" aria-label={t('capture:export.format')}>
            {FORMATS.map(([format, hint]) => (
              <button key={format} type="button" className="export-format" disabled={isBusy} onClick={() => void capture.exportActive(format)}>
                <span className="export-format-name">{t('capture:export.as', { format: EXPORT_FORMAT_LABEL[format] })}</span>
                <span className="muted">{t(hint)}</span>
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
