import { readFileSync } from 'node:fs';

/** A log file's text, or '' while the daemon has not created it yet. */
export function readIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
