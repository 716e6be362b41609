import { spawnSync } from 'node:child_process';
import { findExecutable } from './find-executable.js';

/** A Python interpreter that can `import websockets`, and the module's version. */
export interface PythonWebsockets {
  readonly python: string;
  readonly version: string;
}

// Debian's python3-websockets is installed for /usr/bin/python3; a pyenv or venv python3 earlier
// on PATH usually lacks it, so the system interpreter is tried first.
/** Interpreters to try, the system one first. */
export const pythonCandidates: readonly string[] = ['/usr/bin/python3', 'python3'];
let cached: { found?: PythonWebsockets; tried: string[] } | undefined;

/** Finds an interpreter with the websockets module; `tried` says what was checked when none has it. */
export function findPythonWebsockets(): { found?: PythonWebsockets; tried: string[] } {
  if (cached) return cached;
  const tried: string[] = [];
  for (const candidate of pythonCandidates) {
    const python = findExecutable(candidate);
    if (python === undefined) {
      tried.push(`${candidate} (not found)`);
      continue;
    }
    const result = spawnSync(python, ['-c', 'import websockets; print(websockets.__version__)'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    if (result.status === 0) {
      cached = { found: { python, version: result.stdout.trim() }, tried };
      return cached;
    }
    tried.push(`${python} (cannot import websockets)`);
  }
  cached = { tried };
  return cached;
}
