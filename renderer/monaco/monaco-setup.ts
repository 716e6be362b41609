import './monaco-contributions.js';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

/**
 * monaco, bundled locally with exactly two workers: the editor worker and the JSON language
 * worker (for validation and formatting). Vite emits both as files next to the app.
 */
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

/** The monaco theme that matches the system colour scheme. */
function currentTheme(): string {
  return darkQuery.matches ? 'vs-dark' : 'vs';
}

monaco.editor.setTheme(currentTheme());
darkQuery.addEventListener('change', () => monaco.editor.setTheme(currentTheme()));

export { monaco };
