import { describe, expect, it } from 'vitest';
import { english } from '../../harness/english.js';
import { parseConnectArgs } from '../../../electron/cli/connect-args.js';
import { parseDiagnoseArgs } from '../../../electron/cli/diagnose-args.js';
import { parseListenArgs } from '../../../electron/cli/listen-args.js';
import { UsageError } from '../../../electron/cli/usage-error.js';

describe('frameline diagnose arguments', () => {
  it('takes the same connection options as connect', () => {
    const argv = ['wss://api.example/ws', '-H', 'X-Token: abc', '--origin', 'https://app.example', '--connect-to', '127.0.0.1:8443', '--ca', 'ca.pem', '--http1.0'];
    const diagnose = parseDiagnoseArgs(argv);
    // Only the protocol differs: detected, so the liveness probe measures a Socket.IO, STOMP or MQTT heartbeat.
    expect(diagnose.options).toEqual({ ...parseConnectArgs(argv).options, protocol: 'auto' });
    expect(diagnose).toMatchObject({ idleLimitMs: 75_000, isIdleProbeEnabled: true, largeMessageBytes: 1024 * 1024, isJson: false, listen: null, livenessProtocol: {} });
  });

  it('reads the liveness probe\'s protocol options', () => {
    const diagnose = parseDiagnoseArgs(['ws://h/', '--liveness', '--protocol', 'mqtt', '--keep-alive', '2', '--namespace', '/chat']);
    expect(diagnose.options.protocol).toBe('mqtt');
    expect(diagnose.livenessProtocol).toEqual({ keepAliveSeconds: 2, namespace: '/chat' });
    expect(() => parseDiagnoseArgs(['ws://h/', '--protocol', 'amqp'])).toThrow(UsageError);
    expect(parseDiagnoseArgs(['ws://h/', '--liveness', '--keep-alive', '0']).livenessProtocol).toEqual({ keepAliveSeconds: 0 });
  });

  it('checks the liveness probe\'s protocol options with the contract\'s schema, as the window does', () => {
    expect(usageText(() => parseDiagnoseArgs(['ws://h/', '--liveness', '--namespace', 'chat']))).toBe('--namespace: a Socket.IO namespace starts with / and has no spaces, commas, ? or #');
    expect(usageText(() => parseDiagnoseArgs(['ws://h/', '--liveness', '--keep-alive', '70000']))).toMatch(/^--keep-alive: .*65535/);
  });

  it('checks --liveness-limit with the contract\'s schema, as the window checks its heartbeat probe\'s limit', () => {
    expect(parseDiagnoseArgs(['ws://h/', '--liveness-limit', '2.5'])).toMatchObject({ isLivenessProbeEnabled: true, livenessLimitMs: 2_500 });
    expect(parseDiagnoseArgs(['ws://h/', '--liveness'])).toMatchObject({ livenessLimitMs: null });
    expect(usageText(() => parseDiagnoseArgs(['ws://h/', '--liveness-limit', '0.5']))).toBe('--liveness-limit: must be at least 1');
    expect(usageText(() => parseDiagnoseArgs(['ws://h/', '--liveness-limit', '601']))).toBe('--liveness-limit: must be at most 600');
  });

  it('reads --idle-limit, --no-idle, --json and the path test options', () => {
    expect(parseDiagnoseArgs(['ws://a/', '--idle-limit', '10', '--no-idle', '--json'])).toMatchObject({ idleLimitMs: 10_000, isIdleProbeEnabled: false, isJson: true });
    expect(parseDiagnoseArgs(['--through', 'ws://127.0.0.1:8080/', '--listen', '9000']).listen).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(parseDiagnoseArgs(['--through', 'ws://127.0.0.1:8080/', '--listen', '0.0.0.0:9000']).listen).toEqual({ host: '0.0.0.0', port: 9000 });
  });

  it.each([
    [[], 'needs a ws:// or wss:// URL'],
    [['http://a/'], 'URL must start with ws://'],
    [['ws://a/', '--listen', '9000'], '--listen needs --through'],
    [['--through', 'ws://a/'], '--through needs --listen'],
    [['ws://a/', '--idle-limit', '0'], '--no-idle'],
    [['ws://a/', '--bogus'], 'unknown option --bogus'],
  ])('refuses %j', (argv, message) => {
    expect(usageText(() => parseDiagnoseArgs(argv))).toContain(message);
  });
});

describe('frameline listen arguments', () => {
  it('reads the address, TLS files, echo, respond, json and capture', () => {
    const nothingToSend = { subprotocols: [], isDeflateAccepted: false, script: [], close: null, isInteractive: false };
    expect(parseListenArgs(['9000'])).toEqual({ host: '127.0.0.1', port: 9000, tls: null, echo: false, pingIntervalMs: 0, pongTimeoutMs: 0, respondStatus: null, isJson: false, captureFile: null, protocol: 'none', ...nothingToSend });
    expect(parseListenArgs(['[::1]:9000', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--echo', '--respond', '426', '--json', '--capture', 'x.frameline.json'])).toEqual({
      host: '::1', port: 9000, tls: { certFile: 'c.pem', keyFile: 'k.pem' }, echo: true, pingIntervalMs: 0, pongTimeoutMs: 0, respondStatus: 426, isJson: true, captureFile: 'x.frameline.json', protocol: 'none', ...nothingToSend,
    });
    expect(parseListenArgs(['9000', '--ping-interval', '30', '--pong-timeout', '10'])).toMatchObject({ pingIntervalMs: 30_000, pongTimeoutMs: 10_000 });
    expect(parseListenArgs(['9000', '--protocol', 'auto'])).toMatchObject({ protocol: 'auto' });
  });

  it('reads what to accept and what to send to each client, in order', () => {
    expect(parseListenArgs(['9000', '--subprotocol', 'chat.v2', '--subprotocol', 'chat.v1', '--deflate', '--send', 'hi', '--ping', '--send-binary', '0a0b', '--close', '4000:bye', '-i'])).toMatchObject({
      subprotocols: ['chat.v2', 'chat.v1'],
      isDeflateAccepted: true,
      script: [{ type: 'text', data: 'hi' }, { type: 'ping', base64: '' }, { type: 'binary', base64: 'Cgs=' }],
      close: { code: 4000, reason: 'bye' },
      isInteractive: true,
    });
    expect(usageText(() => parseListenArgs(['9000', '--subprotocol', 'chat v1']))).toContain("--subprotocol expects a token");
  });

  it('refuses a lone TLS file, a bad status and a missing port', () => {
    expect(usageText(() => parseListenArgs(['9000', '--tls-cert', 'c.pem']))).toBe('--tls-cert and --tls-key go together');
    expect(usageText(() => parseListenArgs(['9000', '--respond', '101']))).toContain('--respond expects');
    expect(usageText(() => parseListenArgs([]))).toContain('listen needs');
    expect(usageText(() => parseListenArgs(['9000', '--pong-timeout', '5']))).toContain('--pong-timeout needs --ping-interval');
    expect(usageText(() => parseListenArgs(['9000', '--protocol', 'xmpp']))).toContain("--protocol expects auto, none, socket.io, stomp, mqtt, graphql-ws or signalr, got 'xmpp'");
  });
});

/** The English line a usage mistake prints (UsageError carries a message, rendered by the CLI's main). */
function usageText(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return english(error.text);
    throw error;
  }
  throw new Error('expected a UsageError');
}
