import { useCallback, useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { textOf } from '../../lib/text.js';
import { useT } from '../../lib/use-t.js';
import { monaco } from '../../monaco/monaco-setup.js';
import { CodeEditor } from '../../monaco/code-editor.js';
import type { Editor } from '../../monaco/code-editor.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { isMac, shortcutText } from '../workspace/shortcut-text.js';
import { MODE_ENCODINGS } from './build-send-request.js';
import type { ComposerMode, PayloadEncoding } from './build-send-request.js';
import { FrameOptions } from './frame-options.js';
import { SnippetsButton } from './snippets.js';
import { ProtocolComposer } from '../protocols/protocol-composer.js';
import { ProtocolModeButton } from '../protocols/protocol-mode-button.js';
import { SaveComposerMessageButton } from '../workspace-sidebar/save-message-buttons.js';

const MODES = [
  ['text', 'composer:mode.text'],
  ['json', 'composer:mode.json'],
  ['binary', 'composer:mode.binary'],
  ['ping', 'composer:mode.ping'],
  ['pong', 'composer:mode.pong'],
  ['close', 'composer:mode.close'],
] as const satisfies readonly (readonly [ComposerMode, string])[];

const ENCODING_WORDS = {
  text: 'composer:encoding.text',
  hex: 'composer:encoding.hex',
  base64: 'composer:encoding.base64',
} as const satisfies Record<PayloadEncoding, string>;

/** Arrow-up on the first line recalls older history, arrow-down on the last line newer. */
function installHistoryKeys(editor: Editor): void {
  editor.onKeyDown((event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const position = editor.getPosition();
    const model = editor.getModel();
    if (!position || !model) return;
    const composer = getAppStore().getState().composer;
    if (event.keyCode === monaco.KeyCode.UpArrow && position.lineNumber === 1 && composer.recall(-1)) event.preventDefault();
    else if (event.keyCode === monaco.KeyCode.DownArrow && position.lineNumber === model.getLineCount() && composer.historyCursor !== null && composer.recall(1)) event.preventDefault();
  });
}

/** Close mode with the code and reason fields (text), or a raw close payload typed as hex or base64 in the editor. */
function CloseFields() {
  const t = useT();
  const closeCode = useApp((state) => state.composer.closeCode);
  const closeReason = useApp((state) => state.composer.closeReason);
  const actions = getAppStore().getState().composer;
  return (
    <div className="close-form">
      <label className="field">
        <span>{t('composer:close.code')}</span>
        <input aria-label={t('composer:close.codeLabel')} inputMode="numeric" value={closeCode} onChange={(event) => actions.update({ closeCode: event.target.value })} placeholder={t('composer:close.codePlaceholder')} />
      </label>
      <label className="field grow">
        <span>{t('composer:close.reason')}</span>
        <input aria-label={t('composer:close.reasonLabel')} value={closeReason} onChange={(event) => actions.update({ closeReason: event.target.value })} />
      </label>
    </div>
  );
}

/** The footer: the problem or the hint, history, and Send, which never wraps away from its row. */
function ComposerFooter() {
  const t = useT();
  const error = useApp((state) => state.composer.error);
  const jsonWarning = useApp((state) => state.composer.jsonWarning);
  const historyLength = useApp((state) => state.composer.history.length);
  const isSending = useApp((state) => state.composer.isSending);
  const canSend = useApp((state) => {
    const session = state.sessions.byId[state.sessions.activeId ?? ''];
    return session !== undefined && session.state === 'open' && !session.readOnly;
  });
  const actions = getAppStore().getState().composer;
  const sendKey = shortcutText('Mod+Enter');
  return (
    <div className="composer-footer">
      <div className="composer-status">
        {jsonWarning !== null ? (
          <span className="warn-text" role="alert">
            {t('composer:json.invalid', { message: jsonWarning, key: sendKey })}
          </span>
        ) : error !== null ? (
          <span className="error-text" role="alert">{textOf(error, t)}</span>
        ) : (
          <span className="muted">{canSend ? t('composer:hint.send', { key: sendKey }) : t('composer:hint.connect')}</span>
        )}
      </div>
      <span className="muted nowrap" title={t('composer:history.title')}>{t('composer:history.count', { count: historyLength })}</span>
      <button type="button" className="primary send-button" disabled={!canSend || isSending} onClick={() => void actions.send()} title={t('composer:send.title', { key: sendKey })}>
        {jsonWarning !== null ? t('composer:send.anyway') : t('composer:send.label')}
      </button>
    </div>
  );
}

/**
 * The "Composer" region: type a message and send exactly that (STYLE.md §3). Tab leaves the
 * editor (monaco's tab focus mode; Ctrl+M switches it), Ctrl/Cmd+Enter sends from anywhere in it.
 */
export function ComposerPanel() {
  const t = useT();
  const mode = useApp((state) => state.composer.mode);
  const draft = useApp((state) => state.composer.drafts[state.composer.mode]);
  const encoding = useApp((state) => state.composer.encodings[state.composer.mode]);
  const isAdvanced = useApp((state) => state.composer.advanced.isEnabled);
  const focusRequest = useApp((state) => state.composer.focusRequest);
  const isProtocolMode = useApp((state) => state.protocol.isComposing);
  const editorRef = useRef<Editor | null>(null);
  const actions = getAppStore().getState().composer;
  const encodings = MODE_ENCODINGS[mode];
  const usesEditor = mode !== 'close' || encoding !== 'text';

  const onMount = useCallback((editor: Editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void getAppStore().getState().composer.send());
    installHistoryKeys(editor);
  }, []);

  // A loaded snippet or a message taken from the timeline goes straight to the keyboard.
  useEffect(() => {
    if (focusRequest === 0) return;
    requestAnimationFrame(() => (usesEditor ? editorRef.current?.focus() : document.querySelector<HTMLInputElement>('.close-form input')?.focus()));
  }, [focusRequest]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !getAppStore().getState().protocol.isComposing) {
      event.preventDefault();
      void actions.send();
    }
  };

  return (
    <section className="panel composer" aria-label={t('composer:label')} onKeyDown={onKeyDown}>
      <div className="toolbar composer-toolbar">
        <div className="segmented" role="group" aria-label={t('composer:mode.label')}>
          {MODES.map(([item, key]) => (
            <button key={item} type="button" aria-pressed={!isProtocolMode && mode === item} onClick={() => { actions.setMode(item); getAppStore().getState().protocol.setComposing(false); }}>{t(key)}</button>
          ))}
          <ProtocolModeButton />
        </div>
        {!isProtocolMode && (
        <>
        {encodings.length > 1 && (
          <select aria-label={t('composer:encoding.label')} value={encoding} onChange={(event) => actions.setEncoding(event.target.value as PayloadEncoding)}>
            {encodings.map((each) => <option key={each} value={each}>{mode === 'close' && each === 'text' ? t('composer:encoding.closeFields') : t(ENCODING_WORDS[each])}</option>)}
          </select>
        )}
        {mode === 'json' && (
          <button type="button" onClick={() => void editorRef.current?.getAction('editor.action.formatDocument')?.run()} title={t('composer:json.formatTitle')}>
            {t('composer:json.format')}
          </button>
        )}
        <button type="button" aria-pressed={isAdvanced} onClick={() => actions.updateAdvanced({ isEnabled: !isAdvanced })}>{t('composer:frameOptions.toggle')}</button>
        <span className="toolbar-spacer" />
        <SnippetsButton />
        <SaveComposerMessageButton />
        </>
        )}
      </div>
      {isAdvanced && !isProtocolMode && <FrameOptions />}
      {isProtocolMode && <ProtocolComposer />}
      <div className="composer-body" hidden={isProtocolMode}>
        <div className="composer-editor" hidden={!usesEditor}>
          <CodeEditor
            modelKey={mode}
            language={mode === 'json' ? 'json' : 'plaintext'}
            value={draft}
            ariaLabel={encoding === 'text' ? t('composer:editor.message', { key: isMac ? '⌃⇧M' : 'Ctrl+M' }) : t('composer:editor.payload', { encoding: t(ENCODING_WORDS[encoding]) })}
            onChange={actions.setDraft}
            onMount={onMount}
            isTabFocusMode
          />
        </div>
        {!usesEditor && <CloseFields />}
      </div>
      {!isProtocolMode && <ComposerFooter />}
    </section>
  );
}
