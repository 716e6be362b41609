import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer boundaries of docs/architecture.md are lint rules, so a wrong import fails
 * `npm run check`. These cases lint small sources as if they lived in each layer.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('layer rules', () => {
  it('shared/ may not use Node built-ins, Buffer, timers or electron', async () => {
    expect(await ruleIds('shared/protocol/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(await ruleIds('shared/protocol/example.ts', 'export const x = Buffer.from([1]);\n')).toEqual([expect.stringContaining('no-restricted-globals')]);
    expect(await ruleIds('shared/protocol/example.ts', 'export const x = setTimeout;\n')).toEqual([expect.stringContaining('no-restricted-globals')]);
    expect(await ruleIds('shared/contract/example.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([expect.stringContaining('no-restricted-imports')]);
  });

  it('the engine may not import electron or the renderer', async () => {
    expect(await ruleIds('electron/engine/session/example.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([
      expect.stringContaining('docs/architecture.md'),
    ]);
    expect(await ruleIds('electron/engine/session/example.ts', "import { App } from '../../../renderer/app.js';\nexport const x = App;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
  });

  it('the renderer may not import electron/, Node or ws', async () => {
    expect(await ruleIds('renderer/features/example.ts', "import { Session } from '../../electron/engine/session/session.js';\nexport const x = Session;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(await ruleIds('renderer/features/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(await ruleIds('renderer/features/example.ts', "import WebSocket from 'ws';\nexport const x = WebSocket;\n")).toEqual([expect.stringContaining('no-restricted-imports')]);
  });

  it('ipcMain is imported only in electron/ipc, however it is spelled', async () => {
    const named = "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n";
    expect(await ruleIds('electron/main.ts', named)).toEqual([expect.stringContaining('electron/ipc')]);
    expect(await ruleIds('electron/preload.ts', named)).toEqual([expect.stringContaining('electron/ipc')]);
    expect(await ruleIds('electron/main.ts', "import * as electron from 'electron';\nexport const x = electron.app;\n")).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(await ruleIds('electron/main.ts', "import electron from 'electron';\nexport const x = electron.ipcMain;\n")).toEqual([expect.stringContaining('no-restricted-properties')]);
    expect(await ruleIds('electron/ipc/example.ts', named)).toEqual([]);
  });

  it('only main.ts, preload.ts and ipc/ import electron at all', async () => {
    const app = "import { app } from 'electron';\nexport const x = app;\n";
    for (const filePath of ['electron/app-paths.ts', 'electron/cli/example.ts', 'electron/web-host/example.ts', 'electron/example.ts', 'test/unit/example.ts', 'bench/example.ts', 'scripts/example.mjs']) {
      expect(await ruleIds(filePath, app), filePath).toEqual([expect.stringContaining('Only electron/main.ts, preload.ts and ipc/ may import electron')]);
    }
    expect(await ruleIds('electron/main.ts', app)).toEqual([]);
    expect(await ruleIds('electron/preload.ts', "import { contextBridge, ipcRenderer } from 'electron';\nexport const x = [contextBridge, ipcRenderer];\n")).toEqual([]);
    expect(await ruleIds('electron/ipc/example.ts', app)).toEqual([]);
  });

  it('allowed imports stay clean', async () => {
    expect(await ruleIds('electron/engine/session/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
    expect(await ruleIds('renderer/features/example.ts', "import { Opcode } from '../../shared/protocol/opcode.js';\nexport const x = Opcode;\n")).toEqual([]);
  });
});
