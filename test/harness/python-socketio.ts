import { spawnSync } from 'node:child_process';
import { findExecutable } from './find-executable.js';
import type { PeerAvailability } from './peer-availability.js';
import { pythonCandidates } from './python-websockets.js';

let cached: PeerAvailability | undefined;

/**
 * An interpreter that can import python-socketio with its aiohttp server (Debian's
 * python3-socketio and python3-aiohttp, for /usr/bin/python3); the path is the interpreter.
 */
export function lookUpPythonSocketio(): PeerAvailability {
  if (cached) return cached;
  const tried: string[] = [];
  for (const candidate of pythonCandidates) {
    const python = findExecutable(candidate);
    if (python === undefined) {
      tried.push(`${candidate} (not found)`);
      continue;
    }
    const result = spawnSync(python, ['-c', 'import socketio, engineio, aiohttp'], { encoding: 'utf8', timeout: 10_000 });
    if (result.status === 0) return (cached = { name: 'python-socketio', isAvailable: true, path: python });
    tried.push(`${python} (cannot import socketio, engineio and aiohttp)`);
  }
  return (cached = { name: 'python-socketio', isAvailable: false, reason: `no Python with python-socketio and aiohttp; tried ${tried.join(', ')}` });
}
