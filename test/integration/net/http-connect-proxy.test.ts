import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dial } from '../../../electron/engine/net/dial.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import { createCertificates, type CertificateSet } from '../../harness/certificates.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startSquid, type SquidPeer } from '../../harness/squid.js';
import { startTlsWsServer, type TlsWsServerPeer } from '../../harness/tls-ws-server.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { recordingHooks, upgradeStatusLine } from './recording-hooks.js';

const squidPeer = requirePeer('squid');
const squidAuthPeer = requirePeer('squid-basic-auth');
const opensslPeer = requirePeer('openssl');

describe.skipIf(!squidPeer.isAvailable || !opensslPeer.isAvailable)('HTTP CONNECT through squid', () => {
  let squid: SquidPeer;
  let server: WsServerPeer;
  let certificates: CertificateSet;
  let tlsServer: TlsWsServerPeer;
  beforeAll(async () => {
    [squid, server, certificates] = await Promise.all([startSquid(), startWsServer(), createCertificates()]);
    tlsServer = await startTlsWsServer({ certificates });
  });
  afterAll(async () => {
    await Promise.all([squid?.stop(), server?.stop(), tlsServer?.stop()]);
    certificates?.remove();
  });

  it('opens a tunnel to a ws server and records the hop', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: { kind: 'http-connect', host: '127.0.0.1', port: squid.port }, connectTimeoutMs: 10_000 }, hooks);
    expect(result.ok, squid.logs()).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['tcp-connected', 'proxy-tunnel-established']);
    expect(hooks.events[0]).toMatchObject({ peer: 'proxy', remotePort: squid.port });
    expect(hooks.events[1]).toMatchObject({ proxyKind: 'http-connect', proxyAddress: '127.0.0.1', proxyPort: squid.port, target: `127.0.0.1:${server.port}`, statusLine: expect.stringMatching(/^HTTP\/1\.1 200/) });
    expect(result.remote).toEqual({ address: '127.0.0.1', port: squid.port });
    expect(await upgradeStatusLine(result.socket, `127.0.0.1:${server.port}`)).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });

  it('runs TLS inside the tunnel with SNI for the URL host', async () => {
    const hooks = recordingHooks();
    const result = await dial(
      { url: `wss://localhost:${tlsServer.port}/`, connectTo: { host: '127.0.0.1', port: tlsServer.port }, proxy: { kind: 'http-connect', host: '127.0.0.1', port: squid.port }, tls: { caFile: certificates.caCert }, connectTimeoutMs: 10_000 },
      hooks,
    );
    expect(result.ok, squid.logs()).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['tcp-connected', 'proxy-tunnel-established', 'tls-established']);
    expect(hooks.events[2]).toMatchObject({ servername: 'localhost', isAuthorized: true });
    expect(await upgradeStatusLine(result.socket, 'localhost')).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });

  it('quotes the status line when squid refuses the destination', async () => {
    // 192.0.2.1 (TEST-NET-1) is denied by the harness ACL before squid would connect anywhere.
    const result = await dial({ url: 'ws://192.0.2.1:80/', proxy: { kind: 'http-connect', host: '127.0.0.1', port: squid.port }, connectTimeoutMs: 10_000 }, recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'proxy', code: 'HTTP_403', message: expect.stringMatching(/refused to tunnel to 192\.0\.2\.1:80: HTTP\/1\.1 403/) } });
  });

  it('reports a target squid cannot reach', async () => {
    const port = server.port;
    await server.stop();
    const result = await dial({ url: `ws://127.0.0.1:${port}/`, proxy: { kind: 'http-connect', host: '127.0.0.1', port: squid.port }, connectTimeoutMs: 10_000 }, recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'proxy', code: expect.stringMatching(/^HTTP_5\d\d$/) } });
    server = await startWsServer();
  });

  it('takes the proxy from HTTP_PROXY and goes direct when NO_PROXY matches', async () => {
    const viaProxy = recordingHooks({ HTTP_PROXY: squid.url ?? '' });
    const proxied = await dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: { kind: 'environment' }, connectTimeoutMs: 10_000 }, viaProxy);
    expect(proxied.ok).toBe(true);
    if (proxied.ok) proxied.socket.destroy();
    expect(viaProxy.names()).toEqual(['note', 'tcp-connected', 'proxy-tunnel-established']);
    expect(viaProxy.events[0]).toMatchObject({ message: `proxy from HTTP_PROXY: http://127.0.0.1:${squid.port}` });
    const chinese = createTranslate('zh-CN');
    const inChinese = (event: unknown): string => renderMessage(chinese, eventMessage(event as EventRecordJson, 'message'));
    expect(inChinese(viaProxy.events[0])).toBe(`使用 HTTP_PROXY 里设置的代理：http://127.0.0.1:${squid.port}`);

    const exempt = recordingHooks({ HTTP_PROXY: squid.url ?? '', no_proxy: 'example.test, 127.0.0.1' });
    const direct = await dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: { kind: 'environment' }, connectTimeoutMs: 10_000 }, exempt);
    expect(direct.ok).toBe(true);
    if (direct.ok) direct.socket.destroy();
    expect(exempt.names()).toEqual(['note', 'tcp-connected']);
    expect(exempt.events[0]).toMatchObject({ message: 'no proxy from the environment: no_proxy entry "127.0.0.1" matches 127.0.0.1' });
    expect(inChinese(exempt.events[0])).toBe('不经过环境变量里的代理，直接连接：no_proxy 里的“127.0.0.1”与 127.0.0.1 匹配');
    expect(exempt.events[1]).toMatchObject({ peer: 'server', remotePort: server.port });
  });
});

describe.skipIf(!squidAuthPeer.isAvailable || !opensslPeer.isAvailable)('HTTP CONNECT through squid with basic auth', () => {
  let squid: SquidPeer;
  let server: WsServerPeer;
  beforeAll(async () => {
    [squid, server] = await Promise.all([startSquid({ auth: { username: 'frameline', password: 'wire-secret' } }), startWsServer()]);
  });
  afterAll(async () => {
    await Promise.all([squid?.stop(), server?.stop()]);
  });

  const viaSquid = (credentials: { username?: string; password?: string }) =>
    dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: { kind: 'http-connect', host: '127.0.0.1', port: squid.port, ...credentials }, connectTimeoutMs: 10_000 }, recordingHooks());

  it('407 without credentials names the proxy and asks for them', async () => {
    const result = await viaSquid({});
    expect(result, squid.logs()).toMatchObject({
      ok: false,
      failure: { stage: 'proxy', code: 'HTTP_407', message: `The HTTP proxy 127.0.0.1:${squid.port} requires authentication: HTTP/1.1 407 Proxy Authentication Required`, hint: expect.stringContaining('frameline-test') },
    });
  });

  it('407 with a wrong password says the credentials were rejected', async () => {
    const result = await viaSquid({ username: 'frameline', password: 'wrong' });
    expect(result).toMatchObject({ ok: false, failure: { code: 'HTTP_407', message: expect.stringContaining('rejected the credentials') } });
  });

  it('tunnels with the right credentials', async () => {
    const result = await viaSquid({ username: 'frameline', password: 'wire-secret' });
    expect(result.ok, squid.logs()).toBe(true);
    if (!result.ok) return;
    expect(await upgradeStatusLine(result.socket, `127.0.0.1:${server.port}`)).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });
});
