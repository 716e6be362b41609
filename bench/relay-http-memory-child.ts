import { connect, createServer, type Server } from 'node:net';
import { HttpExchangeStore } from '../electron/engine/relay/http-exchange-store.js';
import { RelayServer } from '../electron/engine/relay/relay-server.js';
import { httpBodyStartBytes, maxHttpExchangesPerRelay } from '../shared/contract/relay-http-exchange.js';
import { defaultSessionOptions } from '../shared/contract/session-options.js';
import { relayConnectionSchema } from '../shared/contract/api-relay.js';
import { relayInterceptionSchema } from '../shared/contract/relay-interception.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What a relay's kept HTTP exchanges cost, in a fresh process (`node --expose-gc --import tsx
// bench/relay-http-memory-child.ts [EXCHANGES]`), printed as one JSON object. A real RelayServer
// passes EXCHANGES requests (default 600, past the 500 kept) from raw TCP clients to a raw TCP
// upstream, each with heads near the parser's limits (16 KiB, 90 headers) and 8 KiB bodies both
// ways (4 KiB of each kept); its reports go into an HttpExchangeStore, as the window's registry and
// `frameline relay --har` keep them (`… [EXCHANGES] [HEADERS]` for fewer headers). Retained = heap used with the store minus heap used once the
// store is dropped, both after forced collections: what the kept exchanges alone hold. The same
// list parsed back from JSON, as the window's slice keeps it, is measured the same way (in Node's
// V8, not in the window's Chromium).

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const exchanges = Number(process.argv[2] ?? 600);
const headerCount = Number(process.argv[3] ?? 90);
const bodyBytes = 2 * httpBodyStartBytes;

// Closed sockets let go of their buffers and callbacks over the next turns of the event loop: collect between turns.
async function settledHeap(): Promise<number> {
  for (let round = 0; round < 4; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    gc!();
  }
  return process.memoryUsage().heapUsed;
}

// Headers of about 170 bytes each (90 make a head of about 15.5 KiB, under the 16 KiB limit). Values differ per exchange, as real ones do.
function headerLines(prefix: string, index: number): string {
  let text = '';
  for (let header = 0; header < headerCount; header += 1) text += `X-${prefix}-${header}: ${`${index}-${header}-`.padEnd(150, 'v')}\r\n`;
  return text;
}

function body(index: number): string {
  return `${index}:`.padEnd(bodyBytes, 'b');
}

/** An upstream that reads a request with a Content-Length body, answers with a large head and an 8 KiB body, and closes. */
function startUpstream(): Promise<Server> {
  const server = createServer((socket) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd < 0 || received.length < headEnd + 4 + bodyBytes) return;
      const index = Number(/X-Index: (\d+)/.exec(received)?.[1] ?? 0);
      const answer = body(index);
      socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n${headerLines('Answer', index)}Content-Length: ${answer.length}\r\nConnection: close\r\n\r\n${answer}`);
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function exchange(port: number, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const payload = body(index);
    socket.on('connect', () => socket.write(`POST /poll?EIO=4&transport=polling&t=${index} HTTP/1.1\r\nHost: relay\r\nX-Index: ${index}\r\n${headerLines('Asked', index)}Content-Type: text/plain\r\nContent-Length: ${payload.length}\r\n\r\n${payload}`));
    socket.on('data', () => undefined);
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

/** Waits (at most 10 s) until the store holds `count` exchanges, all over: a client sees the close before the relay reports the end. */
async function allReported(count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !(store !== null && store.size >= count && store.list().every((each) => each.end.kind !== 'open'))) await new Promise((resolve) => setTimeout(resolve, 20));
}

const upstream = await startUpstream();
const upstreamPort = (upstream.address() as { port: number }).port;
const caDirectory = mkdtempSync(join(tmpdir(), 'frameline-bench-ca-'));
const relay = new RelayServer({
  host: '127.0.0.1',
  port: 0,
  upstreamUrl: `ws://127.0.0.1:${upstreamPort}/`,
  mode: 'frame-exact',
  upstream: relayConnectionSchema.parse(defaultSessionOptions(`ws://127.0.0.1:${upstreamPort}/`)),
  interception: relayInterceptionSchema.parse({}),
  tls: null,
  caDirectory,
});
let store: HttpExchangeStore | null = new HttpExchangeStore();
relay.onDidObserveHttp((observed) => store?.put(observed));
const { port } = await relay.start();
// Warm up the code paths, then start from an empty store once the last warm-up exchange is reported over.
for (let index = 0; index < 20; index += 1) await exchange(port, index);
await allReported(20);
store = new HttpExchangeStore();
const heapBefore = await settledHeap();
const rssBefore = process.memoryUsage().rss;
for (let index = 0; index < exchanges; index += 1) await exchange(port, index);
await allReported(Math.min(exchanges, maxHttpExchangesPerRelay));
const kept = store.size;
const sample = JSON.stringify(store.list().at(-1));
// The window's copy arrives as JSON (the bridge, IPC's structured clone aside) and is kept as parsed.
const asSent = JSON.stringify(store.list());
const heapWithStore = await settledHeap();
const rssWithStore = process.memoryUsage().rss;
store = null;
const heapWithout = await settledHeap();
let windowCopy: unknown = JSON.parse(asSent);
const heapWithCopy = await settledHeap();
windowCopy = null;
const heapWithoutCopy = await settledHeap();
void windowCopy;

await relay.stop();
upstream.close();

rmSync(caDirectory, { recursive: true, force: true });
console.log(JSON.stringify({
  exchanges,
  kept,
  keptLimit: maxHttpExchangesPerRelay,
  retainedBytes: heapWithStore - heapWithout,
  retainedBytesPerExchange: (heapWithStore - heapWithout) / kept,
  headerCount,
  heapGrowthBytes: heapWithStore - heapBefore,
  rssGrowthBytes: rssWithStore - rssBefore,
  oneExchangeAsJsonBytes: sample.length,
  parsedCopyRetainedBytes: heapWithCopy - heapWithoutCopy,
}));
