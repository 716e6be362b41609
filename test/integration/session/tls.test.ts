import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { createCertificates, type CertificateSet } from '../../harness/certificates.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startTlsWsServer, type TlsWsServerPeer } from '../../harness/tls-ws-server.js';
import { dispose, eventRecords, frameRecords, handshakeRecord, lastRecord, startSession, text, waitForEnd, waitForFrames } from './session-records.js';

const openssl = requirePeer('openssl');

describe.skipIf(!openssl.isAvailable)('session to a TLS endpoint with an openssl certificate', () => {
  let certificates: CertificateSet;
  let server: TlsWsServerPeer;
  let session: Session | undefined;
  beforeAll(async () => {
    certificates = await createCertificates();
    server = await startTlsWsServer({ certificates });
  });
  afterAll(async () => {
    await server?.stop();
    certificates?.remove();
  });
  afterEach(() => {
    dispose(session);
    session = undefined;
  });

  async function echo(current: Session): Promise<void> {
    current.send({ type: 'text', data: 'over tls' });
    const [frame] = await waitForFrames(current, 'in', 1);
    expect(frame).toMatchObject({ opcode: Opcode.text, violations: [] });
    expect(text(frame!.payload)).toBe('over tls');
    current.close(1000);
    expect(await waitForEnd(current)).toMatchObject({ by: 'client', how: 'close-frame' });
  }

  it('verifies the certificate with the CA file, records the chain, and echoes', async () => {
    session = await startSession({ url: server.url, tls: { caFile: certificates.caCert } });
    expect(session.state).toBe('open');
    const [established] = eventRecords(session, 'tls-established');
    expect(established).toMatchObject({ isAuthorized: true, authorizationError: null, alpnProtocol: expect.toBeOneOf(['http/1.1', null]) });
    expect(established!['peerCertificates']).toEqual(expect.arrayContaining([expect.objectContaining({ subject: expect.stringContaining('localhost') })]));
    const { kind: _kind, seq: _seq, name: _name, atMicros: _atMicros, durationMicros: _durationMicros, ...eventSummary } = established!;
    expect(session.capture.header.tls).toEqual(eventSummary);
    expect(eventRecords(session, 'warning')).toEqual([]);
    expect(handshakeRecord(session).response?.statusCode).toBe(101);
    await echo(session);
  });

  it('rejects the certificate without the CA file: a tls-stage error with a hint, no handshake', async () => {
    session = await startSession({ url: server.url });
    const closed = await waitForEnd(session);
    const [error] = eventRecords(session, 'error');
    expect(error).toMatchObject({ stage: 'tls', message: expect.stringMatching(/certificate/i), hint: expect.stringMatching(/--ca FILE|--insecure/) });
    expect(eventRecords(session, 'handshake-sent')).toEqual([]);
    expect(frameRecords(session)).toEqual([]);
    expect(closed.how).toBe('error');
    expect(lastRecord(session)).toMatchObject({ name: 'closed', how: 'error' });
  });

  it('accepts it with insecure, and says so in a warning event', async () => {
    session = await startSession({ url: server.url, tls: { insecure: true } });
    expect(session.state).toBe('open');
    const [warning] = eventRecords(session, 'warning');
    expect(warning).toMatchObject({ message: expect.stringMatching(/certificate not verified \(insecure mode\)/) });
    expect(eventRecords(session, 'tls-established')[0]).toMatchObject({ isAuthorized: false });
    await echo(session);
  });

  it('rejects a self-signed certificate even with the CA file, naming why', async () => {
    const selfSigned = await startTlsWsServer({ certificates, certificate: 'self-signed' });
    try {
      session = await startSession({ url: selfSigned.url, tls: { caFile: certificates.caCert } });
      await waitForEnd(session);
      expect(eventRecords(session, 'error')[0]).toMatchObject({ stage: 'tls', message: expect.stringMatching(/self-signed/), hint: expect.any(String) });
    } finally {
      await selfSigned.stop();
    }
  });
});
