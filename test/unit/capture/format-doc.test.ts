import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import { logStream } from '../../../electron/engine/capture/export/log-stream.js';
import { writeCapture } from '../../../electron/engine/capture/native-writer.js';

describe('docs/capture-format.md', () => {
  it('has an example that imports and re-exports to the same bytes', async () => {
    const doc = readFileSync(new URL('../../../docs/capture-format.md', import.meta.url), 'utf8');
    const example = /## Example\n\n```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const result = await readCapture({ fileName: 'example.frameline.json', bytes: Buffer.from(example ?? '') });
    if (!result.ok) throw new Error(result.problem.message);
    expect([result.log.count, result.log.wireChunkCount]).toEqual([5, 4]);
    const sink = new PassThrough();
    const parts: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => parts.push(chunk));
    await writeCapture(logStream(result.log), sink);
    result.log.dispose();
    expect(Buffer.concat(parts).toString('utf8')).toBe(example);
  });
});
