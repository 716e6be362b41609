import { open, readFile, stat } from 'node:fs/promises';
import { readCapture, type CaptureReadOptions, type CaptureReadResult, type CaptureSource } from '../native-reader.js';
import { message } from '../../../../shared/i18n/message.js';
import { captureProblem } from '../capture-problem.js';
import { readHarCapture } from './har-import.js';

const maxHarBytes = 512 * 1024 * 1024;

/**
 * Opens any capture Frameline reads: a HAR (by its `.har` name or a `"log"` object at the start)
 * or a `.frameline.json` file. Never throws; one problem names the file and the field or offset.
 */
export async function openCapture(source: CaptureSource, options: CaptureReadOptions = {}): Promise<CaptureReadResult> {
  const file = 'path' in source ? source.path : source.fileName;
  try {
    const head = 'path' in source ? await readHead(source.path) : Buffer.from(source.bytes.subarray(0, 64)).toString('utf8');
    if (!file.toLowerCase().endsWith('.har') && !/^\uFEFF?\s*\{\s*"log"/.test(head)) return await readCapture(source, options);
    const size = 'path' in source ? (await stat(source.path)).size : source.bytes.byteLength;
    if (size > maxHarBytes) return { ok: false, problem: captureProblem(file, message('capture:problem.harTooLarge', { file, size, limit: maxHarBytes })) };
    // The bytes, never one string of them: messages are parsed one at a time where they lie.
    const bytes = 'path' in source ? await readFile(source.path) : source.bytes;
    return readHarCapture(file, bytes, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: captureProblem(file, message('capture:problem.unreadable', { file, reason })) };
  }
}

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, 64, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
