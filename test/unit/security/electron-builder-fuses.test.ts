import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema validation, so the file is read exactly as packaging reads it.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig: (projectDir: string, configPath: string | null, options: null) => Promise<Record<string, unknown>>;
  validateConfiguration: (config: Record<string, unknown>, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (isEnabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and sets every security fuse (Electron security checklist)', async () => {
    const config = await getConfig(process.cwd(), null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps the renderer inside app.asar, where the integrity check covers it', async () => {
    const config = await getConfig(process.cwd(), null, null);
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack ?? []).toEqual([]);
  });

  it('would refuse a misspelled fuse, so the keys above are ones electron-builder knows', async () => {
    const config = await getConfig(process.cwd(), null, null);
    await expect(validateConfiguration({ ...config, electronFuses: { runAsnode: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});
