import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The slice of ws's PerMessageDeflate the tests use (ws ships no types for its lib files). */
export interface WsPerMessageDeflate {
  offer(): Record<string, unknown>;
  accept(configurations: unknown[]): Record<string, unknown>;
  compress(data: Buffer, fin: boolean, callback: (error: Error | null, result?: Buffer) => void): void;
  decompress(data: Buffer, fin: boolean, callback: (error: Error | null, result?: Buffer) => void): void;
  cleanup(): void;
}

interface WsPerMessageDeflateClass {
  new (options: Record<string, unknown>): WsPerMessageDeflate;
}

interface WsExtension {
  parse(header: string): Record<string, unknown[]>;
  format(extensions: Record<string, unknown>): string;
}

const require = createRequire(import.meta.url);
// ws's package "exports" hides lib/, so its files are loaded by path next to its entry point.
const wsLib = join(dirname(require.resolve('ws')), 'lib');
const PerMessageDeflate = require(join(wsLib, 'permessage-deflate.js')) as WsPerMessageDeflateClass;
const extension = require(join(wsLib, 'extension.js')) as WsExtension;

/** A ws client and server that negotiated permessage-deflate through ws's own offer/accept code. */
export interface WsDeflatePair {
  readonly client: WsPerMessageDeflate;
  readonly server: WsPerMessageDeflate;
  /** The Sec-WebSocket-Extensions values exchanged, for our own negotiation to read. */
  readonly offerHeader: string;
  readonly responseHeader: string;
}

/** Negotiates like a ws client talking to a ws server; options are ws's (e.g. `serverNoContextTakeover`). */
export function negotiateWsPair(clientOptions: Record<string, unknown> = {}, serverOptions: Record<string, unknown> = {}): WsDeflatePair {
  const client = new PerMessageDeflate({ threshold: 0, ...clientOptions, isServer: false });
  const server = new PerMessageDeflate({ threshold: 0, ...serverOptions, isServer: true });
  const offerHeader = extension.format({ 'permessage-deflate': [client.offer()] });
  const accepted = server.accept(extension.parse(offerHeader)['permessage-deflate']!);
  const responseHeader = extension.format({ 'permessage-deflate': [accepted] });
  client.accept(extension.parse(responseHeader)['permessage-deflate']!);
  return { client, server, offerHeader, responseHeader };
}

/** ws's compress as a promise: one whole message, tail already stripped by ws. */
export function wsCompress(peer: WsPerMessageDeflate, data: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => peer.compress(Buffer.from(data), true, (error, result) => (error ? reject(error) : resolve(result!))));
}

/** ws's decompress as a promise: one whole message (ws appends the tail itself). */
export function wsDecompress(peer: WsPerMessageDeflate, data: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => peer.decompress(Buffer.from(data), true, (error, result) => (error ? reject(error) : resolve(result!))));
}
