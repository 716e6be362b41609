import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';
import { runCommand } from './run-command.js';

/** What the Python client saw. */
export interface PythonClientResult {
  /** The Sec-WebSocket-Extensions the client got in the 101. */
  readonly extensions: string;
  /** Messages received, in order: strings for text, Buffers for binary. */
  readonly received: Array<string | Buffer>;
  readonly closeCode: number | null;
  readonly output: string;
}

const script = fileURLToPath(new URL('./python/ws_client.py', import.meta.url));

/**
 * Runs python3-websockets as the client: sends `messages`, waits for as many back, closes with
 * 1000. A second, independent implementation, so its permessage-deflate output and its inflater
 * check what goes through Frameline.
 */
export async function runPythonWsClient(url: string, messages: ReadonlyArray<string | Uint8Array>, options: { deflate?: boolean; timeoutMs?: number } = {}): Promise<PythonClientResult> {
  const send = messages.map((message) => (typeof message === 'string' ? { text: message } : { binary: Buffer.from(message).toString('base64') }));
  const stdout = await runCommand(peerPath('python-websockets'), ['-u', script, '--url', url, '--send', JSON.stringify(send), ...(options.deflate === false ? ['--no-deflate'] : [])], { timeoutMs: options.timeoutMs ?? 30_000 });
  const lines = stdout.split('\n');
  const received = lines.filter((line) => line.startsWith('RECEIVED ')).map((line) => {
    const item = JSON.parse(line.slice('RECEIVED '.length)) as { text?: string; binary?: string };
    return item.text !== undefined ? item.text : Buffer.from(item.binary ?? '', 'base64');
  });
  const extensionsLine = lines.find((line) => line.startsWith('EXTENSIONS '));
  const closedLine = lines.find((line) => line.startsWith('CLOSED '));
  return {
    extensions: extensionsLine ? (JSON.parse(extensionsLine.slice('EXTENSIONS '.length)) as string) : '',
    received,
    closeCode: closedLine ? Number(closedLine.slice('CLOSED '.length)) : null,
    output: stdout,
  };
}
