import type { DialFailure } from './dial-failure.js';
import type { SystemErrorLike } from './system-error.js';
import type { CertificateSummary } from './tls-summary.js';

const trustHint = 'If you trust this server, pass its CA certificate with --ca FILE, or connect with --insecure to skip verification (shown with a warning).';

/** What certificate classification knows: the name checked and the leaf the server sent. */
export interface CertificateContext {
  /** The name the certificate must match: SNI override, else the URL's host. */
  readonly expectedName: string;
  readonly leaf?: CertificateSummary;
}

/** Classifies a certificate that OpenSSL or Node's name check did not accept (`authorizationError`). */
export function classifyCertificateError(code: string, context: CertificateContext): DialFailure {
  const { expectedName, leaf } = context;
  const subject = leaf === undefined ? 'The server certificate' : `The server certificate (${leaf.subject})`;
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return {
        stage: 'tls',
        code,
        message: `${subject} expired${leaf === undefined ? '' : ` on ${leaf.validTo}`}`,
        hint: 'Renew the certificate on the server (check its clock too), or connect with --insecure to look anyway.',
      };
    case 'CERT_NOT_YET_VALID':
      return {
        stage: 'tls',
        code,
        message: `${subject} is not valid yet${leaf === undefined ? '' : ` (valid from ${leaf.validFrom})`}`,
        hint: "Check this machine's clock and the server's certificate dates.",
      };
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return { stage: 'tls', code, message: `${subject} is self-signed and not trusted`, hint: trustHint };
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return { stage: 'tls', code, message: `${subject} chains to a root CA that is not trusted`, hint: trustHint };
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return {
        stage: 'tls',
        code,
        message: `${subject} was issued by an unknown CA${leaf === undefined ? '' : ` (${leaf.issuer})`}`,
        hint: `${trustHint} If the server should be publicly trusted, it may be missing its intermediate certificates.`,
      };
    case 'ERR_TLS_CERT_ALTNAME_INVALID': {
      const names = leaf === undefined || leaf.subjectAltName.length === 0 ? 'no subject alternative names' : leaf.subjectAltName.join(', ');
      return {
        stage: 'tls',
        code,
        message: `The server certificate does not cover the name ${expectedName}`,
        hint: `The certificate is for ${names}, not ${expectedName}. Connect with a name it covers, set the SNI/server name override, or fix the certificate.`,
      };
    }
    case 'CERT_REVOKED':
      return { stage: 'tls', code, message: `${subject} has been revoked`, hint: 'The server must get a new certificate.' };
    default:
      return {
        stage: 'tls',
        code,
        message: `${subject} was not accepted: ${code}`,
        hint: trustHint,
      };
  }
}

const handshakeCodes: ReadonlyArray<readonly [RegExp, (error: SystemErrorLike, serverName: string) => Omit<DialFailure, 'stage' | 'code'>]> = [
  [/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|RECORD_LAYER_FAILURE/i, (_error, name) => ({
    message: `The server at ${name} did not answer with TLS`,
    hint: 'The port probably speaks plain HTTP: use ws:// instead of wss://, or the TLS port.',
  })],
  [/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|VERSION_TOO_LOW|VERSION_TOO_HIGH/i, (error) => ({
    message: `No TLS version acceptable to both sides (${error.reason ?? error.message})`,
    hint: 'Adjust the TLS min/max version so it overlaps what the server accepts.',
  })],
  [/NO_APPLICATION_PROTOCOL/i, () => ({
    message: 'The server accepts none of the offered ALPN protocols',
    hint: 'Offer http/1.1 (the WebSocket handshake needs HTTP/1.1), or check the server ALPN configuration.',
  })],
  [/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE.*cert|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN/i, (error) => ({
    message: `The server rejected the client certificate (${error.reason ?? error.message})`,
    hint: 'Give a client certificate and key the server trusts (--cert FILE --key FILE).',
  })],
  [/HANDSHAKE_FAILURE|NO_SHARED_CIPHER|INSUFFICIENT_SECURITY/i, (error) => ({
    message: `TLS handshake failed: no common cipher or parameters (${error.reason ?? error.message})`,
    hint: 'Check the TLS versions and ciphers the server accepts; the server may also require a client certificate.',
  })],
];

/** Classifies an error raised during the TLS handshake itself (not a certificate verdict). */
export function classifyTlsHandshakeError(error: SystemErrorLike, serverName: string): DialFailure {
  const text = `${error.code ?? ''} ${error.reason ?? ''} ${error.message}`;
  for (const [pattern, describe] of handshakeCodes) {
    if (pattern.test(text)) return { stage: 'tls', code: error.code, ...describe(error, serverName) };
  }
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || /socket disconnected|socket hang up/i.test(error.message)) {
    return {
      stage: 'tls',
      code: error.code ?? 'ECONNRESET',
      message: `The connection to ${serverName} closed during the TLS handshake`,
      hint: 'The server (or a proxy) dropped the TLS hello: check that this port speaks TLS, the SNI name, and the TLS versions.',
    };
  }
  return {
    stage: 'tls',
    code: error.code,
    message: `TLS handshake with ${serverName} failed: ${error.message}`,
    hint: 'Check the port speaks TLS and the TLS options (versions, SNI, client certificate).',
  };
}

/** Classifies a CA, certificate or key file that could not be read or used. */
export function classifyTlsFileError(error: SystemErrorLike, role: 'CA' | 'certificate' | 'key', file: string): DialFailure {
  return {
    stage: 'tls',
    code: error.code,
    message: `Cannot use the ${role} file ${file}: ${error.message}`,
    hint: `Check the ${role} file path and that it holds PEM data.`,
  };
}
