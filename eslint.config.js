// Layer rules live here so that a wrong import fails `npm run check` instead of waiting for review.
// Each message points to docs/architecture.md, which explains the boundary.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const see = ' See docs/architecture.md#layers.';
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const noNode = { group: nodeBuiltins, message: 'This layer is runtime-neutral or a view: no Node built-ins.' + see };
const noElectron = { name: 'electron', message: 'Only electron/main.ts, preload.ts and ipc/ may import electron.' + see };
const ipcMessage = 'Use the typed handlers in electron/ipc.' + see;
// The only files that may import electron at all; everything else runs in plain Node or the page.
const electronShell = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md §8).' }],
    },
  },
  {
    // Every file outside the Electron shell, whatever its layer; the layer blocks below repeat noElectron.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: electronShell,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // Main may use electron, but IPC only through electron/ipc (ipcMain there, ipcRenderer in the preload).
    files: ['electron/main.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: ipcMessage }] }] },
  },
  {
    files: ['electron/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain'], message: ipcMessage }] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'ws', message: 'shared/ is sans-io.' + see }],
        patterns: [
          noNode,
          { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'zustand', 'monaco-editor'], message: 'shared/ imports nothing from electron/, renderer/ or UI libraries.' + see },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['Buffer', 'process', 'require', 'window', 'document', 'setTimeout', 'setInterval', 'performance', 'crypto'].map((name) => ({
          name, message: `shared/ is sans-io: no ${name}. Inject it from the engine or renderer.` + see,
        })),
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli.ts', 'electron/cli/**/*.ts', 'electron/web-host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['**/renderer/**'], message: 'The engine never imports the view.' + see }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'ws', message: 'The renderer talks to main only through FramelineApi.' + see }],
        patterns: [noNode, { group: ['**/electron/**'], message: 'The renderer imports only shared/ and renderer/.' + see }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/ipc/**', 'electron/preload.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'electron', property: 'ipcMain', message: ipcMessage },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/vite.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
