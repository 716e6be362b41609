import { useCallback, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { monaco } from '../../monaco/monaco-setup.js';
import { CodeEditor } from '../../monaco/code-editor.js';
import type { Editor } from '../../monaco/code-editor.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import type { ComposerMode } from './build-send-request.js';
import { FrameOptions } from './frame-options.js';
import { Snippets } from './snippets.js';
import { ProtocolComposer } from '../protocols/protocol-composer.js';
import { ProtocolModeButton } from '../protocols/protocol-mode-button.js';
import { SaveComposerMessageButton } from '../workspace-sidebar/save-message-buttons.js';

const MODES: readonly { mode: ComposerMode; label: string }[] = [
  { mode: 'text', label: 'Text' },
  { mode: 'json', label: 'JSON' },
  { mode: 'binary', label: 'Binary' },
  { mode: 'ping', label: 'Ping' },
  { mode: 'pong', label: 'Pong' },
  { mode: 'close', label: 'Close' },
];

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

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

/** The "Composer" region: type a message and send exactly that (STYLE.md §3). */
export function ComposerPanel() {
  const mode = useApp((state) => state.composer.mode);
  const draft = useApp((state) => state.composer.drafts[state.composer.mode]);
  const binaryEncoding = useApp((state) => state.composer.binaryEncoding);
  const closeCode = useApp((state) => state.composer.closeCode);
  const closeReason = useApp((state) => state.composer.closeReason);
  const isAdvanced = useApp((state) => state.composer.advanced.isEnabled);
  const error = useApp((state) => state.composer.error);
  const historyLength = useApp((state) => state.composer.history.length);
  const isSending = useApp((state) => state.composer.isSending);
  const canSend = useApp((state) => {
    const session = state.sessions.byId[state.sessions.activeId ?? ''];
    return session !== undefined && session.state === 'open' && !session.readOnly;
  });
  const isProtocolMode = useApp((state) => state.protocol.isComposing);
  const editorRef = useRef<Editor | null>(null);
  const actions = getAppStore().getState().composer;

  const onMount = useCallback((editor: Editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void getAppStore().getState().composer.send());
    installHistoryKeys(editor);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !getAppStore().getState().protocol.isComposing) {
      event.preventDefault();
      void actions.send();
    }
  };

  const usesBytes = mode === 'binary' || mode === 'ping' || mode === 'pong';
  return (
    <section className="panel composer" aria-label="Composer" onKeyDown={onKeyDown}>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Message type">
          {MODES.map((item) => (
            <button key={item.mode} type="button" aria-pressed={!isProtocolMode && mode === item.mode} onClick={() => { actions.setMode(item.mode); getAppStore().getState().protocol.setComposing(false); }}>{item.label}</button>
          ))}
          <ProtocolModeButton />
        </div>
        {!isProtocolMode && (
        <>
        {usesBytes && (
          <select aria-label="Payload encoding" value={binaryEncoding} onChange={(event) => actions.update({ binaryEncoding: event.target.value as typeof binaryEncoding })}>
            <option value="hex">hex</option>
            <option value="base64">base64</option>
          </select>
        )}
        {mode === 'json' && (
          <button type="button" onClick={() => void editorRef.current?.getAction('editor.action.formatDocument')?.run()} title="Re-indent the JSON in the editor (what you see is what is sent)">
            Format
          </button>
        )}
        <button type="button" aria-pressed={isAdvanced} onClick={() => actions.updateAdvanced({ isEnabled: !isAdvanced })}>Frame options</button>
        <span className="toolbar-spacer" />
        <Snippets />
        {!isProtocolMode && <SaveComposerMessageButton />}
        <span className="muted" title="Arrow up on the first line recalls earlier messages">{`History ${historyLength}`}</span>
        <button type="button" className="primary" disabled={!canSend || isSending} onClick={() => void actions.send()} title={`Send (${isMac ? 'Cmd' : 'Ctrl'}+Enter)`}>
          Send
        </button>
        </>
        )}
      </div>
      {isAdvanced && !isProtocolMode && <FrameOptions />}
      {isProtocolMode && <ProtocolComposer />}
      <div className="composer-body" hidden={isProtocolMode}>
        <div className="composer-editor" hidden={mode === 'close'}>
          <CodeEditor
            modelKey={mode}
            language={mode === 'json' ? 'json' : 'plaintext'}
            value={draft}
            ariaLabel={usesBytes ? `Payload (${binaryEncoding})` : 'Message'}
            onChange={actions.setDraft}
            onMount={onMount}
          />
        </div>
        {mode === 'close' && (
          <div className="close-form">
            <label className="field">
              <span>Close code</span>
              <input aria-label="Close code" inputMode="numeric" value={closeCode} onChange={(event) => actions.update({ closeCode: event.target.value })} placeholder="empty: no status" />
            </label>
            <label className="field grow">
              <span>Reason</span>
              <input aria-label="Close reason" value={closeReason} onChange={(event) => actions.update({ closeReason: event.target.value })} />
            </label>
          </div>
        )}
      </div>
      <div className="composer-status" hidden={isProtocolMode}>
        {error ? <span className="error-text" role="alert">{error}</span> : <span className="muted">{canSend ? `${isMac ? 'Cmd' : 'Ctrl'}+Enter sends exactly what is typed` : 'Connect a session to send'}</span>}
      </div>
    </section>
  );
}
