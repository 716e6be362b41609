import type { IncomingMessage } from 'node:http';

/** A body we read, or why not. */
export type BodyResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly status: 400 | 413 };

/**
 * Reads a small request body as UTF-8, up to `maxBytes` (413 beyond it, without reading the
 * rest); a client that aborts or resets mid-body is a 400. Never rejects.
 */
export function readSmallBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let isDone = false;
    const finish = (result: BodyResult): void => {
      if (isDone) return;
      isDone = true;
      request.removeAllListeners('data');
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) return finish({ ok: false, status: 413 });
      chunks.push(chunk);
    });
    request.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    request.on('error', () => finish({ ok: false, status: 400 }));
    request.on('close', () => finish({ ok: false, status: 400 }));
  });
}
