import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup.js';

interface DiffEditorProps {
  readonly original: string;
  readonly modified: string;
  readonly ariaLabel: string;
}

/**
 * One read-only monaco diff editor per panel (STYLE.md §7), created once and fed two models;
 * inline, so it reads in a narrow pane. Content is plain text, never markup.
 */
export function DiffEditor({ original, modified, ariaLabel }: DiffEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const models = useRef<{ original: monaco.editor.ITextModel; modified: monaco.editor.ITextModel } | null>(null);

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = monaco.editor.createDiffEditor(host.current, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: false,
      minimap: { enabled: false },
      fontSize: 12,
      wordWrap: 'on',
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
      ariaLabel,
    });
    const pair = { original: monaco.editor.createModel('', 'plaintext'), modified: monaco.editor.createModel('', 'plaintext') };
    editor.setModel(pair);
    editorRef.current = editor;
    models.current = pair;
    return () => {
      editor.dispose();
      pair.original.dispose();
      pair.modified.dispose();
    };
    // The editor lives as long as the panel; later prop changes only replace the texts.
  }, []);

  useEffect(() => {
    const pair = models.current;
    if (!pair) return;
    if (pair.original.getValue() !== original) pair.original.setValue(original);
    if (pair.modified.getValue() !== modified) pair.modified.setValue(modified);
  }, [original, modified]);

  return <div className="code-editor diff-editor" ref={host} />;
}
