import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dial } from '../../../electron/engine/net/dial.js';
import type { DialOptions } from '../../../electron/engine/net/dial-options.js';
import { createCertificates, type CertificateSet } from '../../harness/certificates.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startTlsWsServer, type ServerCertificateChoice, type TlsWsServerPeer } from '../../harness/tls-ws-server.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { recordingHooks, upgradeStatusLine } from './recording-hooks.js';

const openssl = requirePeer('openssl');

describe.skipIf(!openssl.isAvailable)('wss:// with openssl-made certificates', () => {
  let certificates: CertificateSet;
  const servers = new Map<ServerCertificateChoice | 'client-cert', TlsWsServerPeer>();
  let plain: WsServerPeer;

  beforeAll(async () => {
    certificates = await createCertificates();
    for (const certificate of ['server', 'expired', 'wrong-name', 'self-signed'] as const) {
      servers.set(certificate, await startTlsWsServer({ certificates, certificate }));
    }
    servers.set('client-cert', await startTlsWsServer({ certificates, isClientCertRequired: true }));
    plain = await startWsServer();
  });
  afterAll(async () => {
    for (const server of servers.values()) await server.stop();
    await plain?.stop();
    certificates?.remove();
  });

  const portOf = (name: ServerCertificateChoice | 'client-cert'): number => servers.get(name)?.port ?? 0;
  const options = (url: string, tls: DialOptions['tls'] = {}): DialOptions => ({ url, connectTimeoutMs: 5_000, tls });

  it('trusts the server through --ca, sends SNI, and records the chain', async () => {
    const hooks = recordingHooks();
    const result = await dial(options(`wss://localhost:${portOf('server')}/`, { caFile: certificates.caCert }), hooks);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['dns', 'tcp-connected', 'tls-established']);
    const tls = hooks.events[2];
    expect(tls).toMatchObject({ name: 'tls-established', servername: 'localhost', isAuthorized: true, authorizationError: null, protocol: 'TLSv1.3' });
    expect(result.tls).toMatchObject({ isAuthorized: true, servername: 'localhost' });
    const leaf = result.tls?.peerCertificates[0];
    expect(leaf).toMatchObject({ subject: 'CN=localhost', issuer: 'CN=Frameline Test CA', subjectAltName: 'DNS:localhost, IP Address:127.0.0.1' });
    expect(leaf?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(leaf?.validTo).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(result.tls?.peerCertificates.at(-1)?.subject).toBe('CN=Frameline Test CA');
    expect(await upgradeStatusLine(result.socket, `localhost:${portOf('server')}`)).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });

  it('checks an IP URL against the IP SAN without sending SNI', async () => {
    const result = await dial(options(`wss://127.0.0.1:${portOf('server')}/`, { caFile: certificates.caCert }), recordingHooks());
    expect(result).toMatchObject({ ok: true, tls: { isAuthorized: true, servername: null } });
    if (result.ok) result.socket.destroy();
  });

  it('uses the server-name override for SNI and the name check, with connect-to', async () => {
    const result = await dial(
      { ...options('wss://api.example.test/', { caFile: certificates.caCert, serverName: 'localhost' }), connectTo: { host: '127.0.0.1', port: portOf('server') } },
      recordingHooks(),
    );
    expect(result).toMatchObject({ ok: true, tls: { isAuthorized: true, servername: 'localhost' } });
    if (result.ok) result.socket.destroy();
  });

  it('rejects a self-signed certificate, pointing at --ca and --insecure', async () => {
    const result = await dial(options(`wss://localhost:${portOf('self-signed')}/`, { caFile: certificates.caCert }), recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', hint: expect.stringContaining('--ca FILE') } });
  });

  it('rejects a certificate from an unknown CA when no --ca is given', async () => {
    const result = await dial(options(`wss://localhost:${portOf('server')}/`), recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'tls', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: expect.stringContaining('unknown CA (CN=Frameline Test CA)') } });
  });

  it('rejects an expired certificate, naming the date', async () => {
    const result = await dial(options(`wss://localhost:${portOf('expired')}/`, { caFile: certificates.caCert }), recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'tls', code: 'CERT_HAS_EXPIRED', message: 'The server certificate (CN=localhost) expired on 2020-02-01T00:00:00.000Z' } });
  });

  it('rejects the wrong host name, listing the SANs against the name', async () => {
    const result = await dial(options(`wss://localhost:${portOf('wrong-name')}/`, { caFile: certificates.caCert }), recordingHooks());
    expect(result).toMatchObject({
      ok: false,
      failure: { stage: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'The server certificate does not cover the name localhost', hint: expect.stringContaining('DNS:wrong.example, not localhost') },
    });
  });

  it('accepts anything with insecure, records why it would have failed, and warns', async () => {
    const hooks = recordingHooks();
    const result = await dial(options(`wss://localhost:${portOf('self-signed')}/`, { insecure: true }), hooks);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['dns', 'tcp-connected', 'tls-established', 'warning']);
    expect(hooks.events[2]).toMatchObject({ isAuthorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(hooks.events[3]).toMatchObject({ name: 'warning', message: expect.stringContaining('certificate not verified') });
    expect(await upgradeStatusLine(result.socket, 'localhost')).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });

  it('presents a client certificate when the server requires one', async () => {
    const port = portOf('client-cert');
    const result = await dial(
      options(`wss://localhost:${port}/`, { caFile: certificates.caCert, certFile: certificates.client.cert, keyFile: certificates.client.key }),
      recordingHooks(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await upgradeStatusLine(result.socket, 'localhost')).toBe('HTTP/1.1 101 Switching Protocols');
    expect(servers.get('client-cert')?.clientCertificateSubjects()).toContain('frameline-client');
    result.socket.destroy();
  });

  it('fails the handshake without the required client certificate (TLS 1.2, where the server decides in the handshake)', async () => {
    const result = await dial(options(`wss://localhost:${portOf('client-cert')}/`, { caFile: certificates.caCert, maxVersion: 'TLSv1.2' }), recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'tls' } });
  });

  it('reports no common TLS version', async () => {
    const result = await dial(options(`wss://localhost:${portOf('server')}/`, { caFile: certificates.caCert, maxVersion: 'TLSv1.1' }), recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'tls', message: expect.stringContaining('No TLS version acceptable') } });
  });

  it('says so when a wss:// URL points at a plain ws server', async () => {
    const result = await dial(options(`wss://127.0.0.1:${plain.port}/`), recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'tls', message: 'The server at 127.0.0.1 did not answer with TLS' } });
  });

  it('fails fast on a missing CA file, before any network work', async () => {
    const hooks = recordingHooks();
    const result = await dial(options(`wss://localhost:${portOf('server')}/`, { caFile: `${certificates.dir}/missing.pem` }), hooks);
    expect(result).toMatchObject({ ok: false, failure: { stage: 'tls', code: 'ENOENT' } });
    expect(hooks.events).toEqual([]);
  });
});
