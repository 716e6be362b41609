import type { CaptureHeaderFields } from '../../../shared/contract/capture.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';

/** A header as a session would fill it for a plain `ws://` connection. */
export function sampleHeader(overrides: Partial<CaptureHeaderFields> = {}): CaptureHeaderFields {
  return {
    created: { iso: '2025-03-01T12:00:00.000Z', epochMicros: 1_740_830_400_000_000 },
    targetUrl: 'ws://example.test:8080/chat',
    options: { proxies: [{ kind: 'http', host: 'proxy.test', port: 3128, hasCredentials: true }], connectTo: null, tls: null },
    endpoints: { local: { address: '127.0.0.1', port: 50000 }, remote: { address: '127.0.0.1', port: 8080 } },
    tls: null,
    handshake: null,
    extensions: [],
    subprotocol: null,
    redactions: [{ location: 'request-header', name: 'Authorization' }],
    ...overrides,
  };
}

/** A frame record whose header bytes are the encoding of its fields (overrides included) for `payload`; any field can be overridden. */
export function sampleFrame(payload: Uint8Array | string, overrides: Partial<FrameRecord> = {}): FrameRecord {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const masked = overrides.masked ?? false;
  const maskingKey = masked ? (overrides.maskingKey === undefined ? Uint8Array.of(0x37, 0xfa, 0x21, 0x3d) : overrides.maskingKey) : null;
  const fields = {
    kind: 'frame' as const,
    atMicros: 1000,
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 0x1,
    masked,
    maskingKey,
    payloadLength: bytes.byteLength,
    payload: bytes,
    payloadTruncated: false,
    messageId: 1,
    fragment: 'whole' as const,
    violations: [],
    ...overrides,
  };
  // With an empty payload the encoder writes exactly the header; a key that never arrived is left out of it.
  const encoded = encodeFrame({ ...fields, maskingKey: fields.maskingKey ?? (masked ? new Uint8Array(4) : null), payload: undefined, declaredLength: fields.payloadLength });
  const headerBytes = masked && fields.maskingKey === null ? encoded.subarray(0, encoded.byteLength - 4) : encoded;
  return { headerBytes, ...fields };
}
/** The header of a `wss://` session through a proxy, with nested keys in an unusual order on purpose. */
export function tlsHeader(): CaptureHeaderFields {
  return sampleHeader({
    targetUrl: 'wss://example.test/feed?room=1',
    options: {
      tls: { isInsecure: false, servername: 'example.test', alpn: ['http/1.1'], minVersion: 'TLSv1.2', maxVersion: null, hasCustomCa: true, hasClientCertificate: false },
      connectTo: { port: 8443, host: '10.0.0.5' },
      proxies: [{ port: 1080, kind: 'socks5', host: 'socks.test', hasCredentials: false }],
    },
    tls: {
      protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', alpnProtocol: 'http/1.1', servername: 'example.test', isAuthorized: true,
      authorizationError: null,
      peerCertificates: [{ subject: 'CN=example.test', issuer: 'CN=Test CA', validFrom: 'Jan 1 00:00:00 2025 GMT', validTo: 'Jan 1 00:00:00 2026 GMT', fingerprint256: 'AB:CD', subjectAltName: 'DNS:example.test' }],
    },
    extensions: [{ name: 'permessage-deflate', params: { server_no_context_takeover: true, client_max_window_bits: '10' } }],
    subprotocol: 'chat.v2',
  });
}
