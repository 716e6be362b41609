import { spawnSync } from 'node:child_process';
import { findExecutable } from './find-executable.js';

/** A Python interpreter that can import a module, and the module's version. */
export interface PythonModule {
  readonly python: string;
  readonly version: string;
}

// Debian's python3-* packages are installed for /usr/bin/python3; a pyenv or venv python3 earlier
// on PATH usually lacks them, so the system interpreter is tried first.
const candidates = ['/usr/bin/python3', 'python3'];
const cache = new Map<string, { found?: PythonModule; tried: string[] }>();

/** Finds an interpreter that can `import module` (or a comma-separated list); `tried` says what was checked when none can. */
export function findPythonModule(module: string, versionExpression = `${module}.__version__`): { found?: PythonModule; tried: string[] } {
  const cached = cache.get(module);
  if (cached) return cached;
  const tried: string[] = [];
  let result: { found?: PythonModule; tried: string[] } = { tried };
  for (const candidate of candidates) {
    const python = findExecutable(candidate);
    if (python === undefined) {
      tried.push(`${candidate} (not found)`);
      continue;
    }
    const run = spawnSync(python, ['-c', `import ${module}; print(${versionExpression})`], { encoding: 'utf8', timeout: 10_000 });
    if (run.status === 0) {
      result = { found: { python, version: run.stdout.trim() }, tried };
      break;
    }
    tried.push(`${python} (cannot import ${module})`);
  }
  cache.set(module, result);
  return result;
}
