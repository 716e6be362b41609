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

  it('allowed imports stay clean', async () => {
    expect(await ruleIds('electron/engine/session/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
    expect(await ruleIds('renderer/features/example.ts', "import { Opcode } from '../../shared/protocol/opcode.js';\nexport const x = Opcode;\n")).toEqual([]);
  });
});
