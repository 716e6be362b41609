// `npm start`: the desktop app when an Electron binary can be had, otherwise the same renderer in
// the browser through `frameline ui`. Electron ≥ 45 downloads its binary on first run; offline
// machines cannot, and that must cost the user one clear line, not a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const forwardedArgs = process.argv.slice(2);

function ensureBuilt() {
  const built = existsSync(join(root, 'dist/electron/cli.js')) && existsSync(join(root, 'dist/renderer/index.html'));
  if (!built) {
    console.log('Frameline: building first (npm run build)…');
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

function electronBinary() {
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const binary = () => (existsSync(pathFile) ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8')) : null);
  let found = binary();
  if (found && existsSync(found)) return { path: found };
  const download = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8', timeout: 120_000 });
  found = binary();
  if (download.status === 0 && found && existsSync(found)) return { path: found };
  const firstLine = `${download.stderr ?? ''}`.split('\n').find((line) => line.trim()) ?? 'no output';
  return { reason: `Electron's binary could not be downloaded (${firstLine.trim().slice(0, 120)})` };
}

function hasDisplay() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

ensureBuilt();
const electron = electronBinary();
const reason = electron.path ? (hasDisplay() ? null : 'no display is available') : electron.reason;
if (reason) {
  console.log(`Frameline: ${reason}; starting the browser UI instead (frameline ui).`);
  run(process.execPath, [join(root, 'bin/frameline.js'), 'ui', ...forwardedArgs]);
} else {
  run(electron.path, [root, ...forwardedArgs]);
}
