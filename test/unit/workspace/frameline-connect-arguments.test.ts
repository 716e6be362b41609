import { describe, expect, it } from 'vitest';
import { parseConnectArgs } from '../../../electron/cli/connect-args.js';
import { defaultSessionOptions, type SessionOptions } from '../../../shared/contract/session-options.js';
import { exportCommand } from '../../../shared/workspace/interop/command-export.js';
import { framelineConnectArguments, framelineConnectArgumentsFromRequest } from '../../../shared/workspace/interop/frameline-connect-arguments.js';
import { framelineCommand } from '../../../renderer/features/handshake/handshake-commands.js';

const url = 'wss://chat.example.test/chat';
const options: SessionOptions = {
  ...defaultSessionOptions(url),
  headers: [['X-Trace', 'it is 42']],
  subprotocols: ['chat.v2', 'chat.v1'],
  origin: 'https://app.example.test',
  deflate: { ...defaultSessionOptions(url).deflate, enabled: true },
  proxy: { kind: 'http-connect', host: '::1', port: 3128, username: 'me', password: 'p@ss' },
  connectTo: { host: '10.0.0.5', port: 8443 },
  connectTimeoutMs: 2500,
  family: 6,
  tls: { insecure: true, caFile: '/ca.pem', serverName: 'api.example.test' },
  heartbeat: { autoPingIntervalMs: 5000, autoPong: false },
  mode: 'strict',
  limits: { ...defaultSessionOptions(url).limits, payloadRetentionBytes: 4096, handshakeTimeoutMs: 3000 },
};

describe('one frameline connect command line for the workspace export and the handshake pane', () => {
  it('carries every setting that differs from the defaults, and the CLI reads the same settings back', () => {
    const argv = framelineConnectArguments(options).flat();
    expect(argv.slice(0, 3)).toEqual(['frameline', 'connect', url]);
    expect(parseConnectArgs(argv.slice(2)).options).toEqual(options);
  });

  it('is the same command in both places: the workspace on one line, the handshake pane one option a line', () => {
    const exported = exportCommand('frameline', options).command;
    const copied = framelineCommand(url, null, options);
    expect(copied.split(' \\\n  ').join(' ')).toBe(exported);
    expect(exported).toContain("--proxy 'http://me:p%40ss@[::1]:3128'");
  });

  it('from a recorded request when the settings are unknown: application headers, subprotocols, Origin, deflate and HTTP/1.0', () => {
    const headers: [string, string][] = [['Host', 'chat.example.test'], ['Sec-WebSocket-Protocol', 'a, b'], ['Origin', 'https://o.test'], ['Sec-WebSocket-Extensions', 'permessage-deflate'], ['Cookie', 'k=v']];
    expect(framelineConnectArgumentsFromRequest(url, headers, '1.0')).toEqual([
      ['frameline', 'connect', url],
      ['-H', 'Cookie: k=v'],
      ['--subprotocol', 'a'],
      ['--subprotocol', 'b'],
      ['--origin', 'https://o.test'],
      ['--deflate'],
      ['--http1.0'],
    ]);
  });
});
