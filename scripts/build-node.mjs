// Bundles the Node side (CLI, Electron main, preload) with esbuild. Typechecking is `npm run
// typecheck`'s job; this only emits. Dependencies stay external (they are in node_modules at run
// time), except in the preload, which runs sandboxed and may only require 'electron'.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

const entries = [
  { entryPoints: ['electron/cli.ts'], outfile: 'dist/electron/cli.js', format: 'esm', packages: 'external' },
  { entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', packages: 'external' },
  { entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] },
];

for (const entry of entries) {
  const source = entry.entryPoints[0];
  if (!existsSync(source)) {
    throw new Error(`build-node: missing entry ${source}`);
  }
  await build({ ...common, ...entry });
}
