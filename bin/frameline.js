#!/usr/bin/env node
// The `frameline` command: runs the bundled CLI. The bundle is made by `npm install` (prepare)
// or `npm run build`; if it is missing, say how to make it instead of a stack trace.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/electron/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('frameline: the CLI is not built yet; run `npm run build` in the Frameline folder.');
  process.exit(2);
}
await import(cli.href);
