import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup.js';

/** The monaco editor instance a panel owns. */
export type Editor = monaco.editor.IStandaloneCodeEditor;

interface CodeEditorProps {
  /** One model per key, kept for the panel's lifetime (e.g. one per composer mode). */
  readonly modelKey: string;
  readonly language: 'json' | 'plaintext';
  readonly value: string;
  readonly ariaLabel: string;
  readonly isReadOnly?: boolean;
  /** Tab moves the focus out of the editor instead of inserting a tab (no keyboard trap); Ctrl+M switches it. */
  readonly isTabFocusMode?: boolean;
  readonly onChange?: (value: string) => void;
  /** Called once with the editor, to add commands and key handlers. */
  readonly onMount?: (editor: Editor) => void;
}

/**
 * One monaco instance per panel (STYLE.md §7): created once, fed models, never re-mounted when
 * the content changes. Content is plain text; nothing in it is interpreted as markup.
 */
export function CodeEditor({ modelKey, language, value, ariaLabel, isReadOnly = false, isTabFocusMode = true, onChange, onMount }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const models = useRef(new Map<string, monaco.editor.ITextModel>());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      readOnly: isReadOnly,
      domReadOnly: isReadOnly,
      fontSize: 12,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      renderLineHighlight: isReadOnly ? 'none' : 'line',
      ariaLabel,
      tabFocusMode: isTabFocusMode,
      links: false,
      contextmenu: !isReadOnly,
      fixedOverflowWidgets: true,
      tabSize: 2,
      // A payload editor inserts only what is typed: no auto-closed quotes or brackets.
      autoClosingBrackets: 'never',
      autoClosingQuotes: 'never',
      autoSurround: 'never',
      autoClosingOvertype: 'never',
      // Hostile text shown safely (issue 19): controls as control pictures, bidi controls as
      // [U+202E], and zero-width and other invisible or look-alike characters boxed, in payloads
      // shown and in what the user types or pastes alike.
      renderControlCharacters: true,
      unicodeHighlight: { invisibleCharacters: true, ambiguousCharacters: true, includeStrings: true, includeComments: true },
    });
    editorRef.current = editor;
    const subscription = editor.onDidChangeModelContent(() => onChangeRef.current?.(editor.getValue()));
    onMount?.(editor);
    const ownedModels = models.current;
    return () => {
      subscription.dispose();
      editor.dispose();
      ownedModels.forEach((model) => model.dispose());
      ownedModels.clear();
    };
    // The editor lives as long as the panel; later prop changes only swap models and text.
  }, []);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel });
  }, [ariaLabel]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    let model = models.current.get(modelKey);
    if (!model) {
      model = monaco.editor.createModel(value, language);
      models.current.set(modelKey, model);
    }
    if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
    if (editor.getModel() !== model) editor.setModel(model);
    if (model.getValue() !== value) model.setValue(value);
  }, [modelKey, language, value]);

  return <div className="code-editor" ref={host} />;
}
