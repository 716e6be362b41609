import { message, type Message } from '../../../shared/i18n/message.js';
import { dialFailure, type DialFailure } from './dial-failure.js';
import type { SystemErrorLike } from './system-error.js';
import type { CertificateSummary } from '../../../shared/contract/capture.js';

/** What certificate classification knows: the name checked and the leaf the server sent. */
export interface CertificateContext {
  /** The name the certificate must match: SNI override, else the URL's host. */
  readonly expectedName: string;
  readonly leaf?: CertificateSummary;
}

/** Classifies a certificate that OpenSSL or Node's name check did not accept (`authorizationError`). */
export function classifyCertificateError(code: string, context: CertificateContext): DialFailure {
  const { expectedName, leaf } = context;
  const certificate = leaf === undefined ? message('failure:tls.certificate') : message('failure:tls.certificateNamed', { subject: leaf.subject });
  const failure = (sentence: Message, hint: Message): DialFailure => dialFailure('tls', sentence, hint, code);
  const trust = message('failure:tls.hint.trust');
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return failure(leaf === undefined ? message('failure:tls.expired', { certificate }) : message('failure:tls.expiredOn', { certificate, date: leaf.validTo }), message('failure:tls.hint.renew'));
    case 'CERT_NOT_YET_VALID':
      return failure(leaf === undefined ? message('failure:tls.notYetValid', { certificate }) : message('failure:tls.notYetValidFrom', { certificate, date: leaf.validFrom }), message('failure:tls.hint.clock'));
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return failure(message('failure:tls.selfSigned', { certificate }), trust);
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return failure(message('failure:tls.untrustedRoot', { certificate }), trust);
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return failure(
        leaf === undefined ? message('failure:tls.unknownIssuer', { certificate }) : message('failure:tls.unknownIssuerNamed', { certificate, issuer: leaf.issuer }),
        message('failure:tls.hint.trustOrIntermediates'),
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID': {
      const names = leaf?.subjectAltName ?? message('failure:tls.noAltNames');
      return failure(message('failure:tls.wrongName', { name: expectedName }), message('failure:tls.hint.wrongName', { names, name: expectedName }));
    }
    case 'CERT_REVOKED':
      return failure(message('failure:tls.revoked', { certificate }), message('failure:tls.hint.revoked'));
    default:
      return failure(message('failure:tls.notAccepted', { certificate, code }), trust);
  }
}

const handshakeCodes: ReadonlyArray<readonly [RegExp, (error: SystemErrorLike, serverName: string) => readonly [Message, Message]]> = [
  [/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|RECORD_LAYER_FAILURE/i, (_error, name) => [message('failure:tls.notTls', { name }), message('failure:tls.hint.notTls')]],
  [/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|VERSION_TOO_LOW|VERSION_TOO_HIGH/i, (error) => [message('failure:tls.noVersion', { reason: error.reason ?? error.message }), message('failure:tls.hint.noVersion')]],
  [/NO_APPLICATION_PROTOCOL/i, () => [message('failure:tls.noAlpn'), message('failure:tls.hint.noAlpn')]],
  [/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE.*cert|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN/i, (error) => [message('failure:tls.clientCertificate', { reason: error.reason ?? error.message }), message('failure:tls.hint.clientCertificate')]],
  [/HANDSHAKE_FAILURE|NO_SHARED_CIPHER|INSUFFICIENT_SECURITY/i, (error) => [message('failure:tls.noCipher', { reason: error.reason ?? error.message }), message('failure:tls.hint.noCipher')]],
];

/** Classifies an error raised during the TLS handshake itself (not a certificate verdict). */
export function classifyTlsHandshakeError(error: SystemErrorLike, serverName: string): DialFailure {
  const text = `${error.code ?? ''} ${error.reason ?? ''} ${error.message}`;
  for (const [pattern, describe] of handshakeCodes) {
    if (pattern.test(text)) return dialFailure('tls', ...describe(error, serverName), error.code);
  }
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || /socket disconnected|socket hang up/i.test(error.message)) {
    return dialFailure('tls', message('failure:tls.closed', { name: serverName }), message('failure:tls.hint.closed'), error.code ?? 'ECONNRESET');
  }
  return dialFailure('tls', message('failure:tls.other', { name: serverName, error: error.message }), message('failure:tls.hint.other'), error.code);
}

const fileKeys = {
  CA: ['failure:tls.file.CA', 'failure:tls.hint.file.CA'],
  certificate: ['failure:tls.file.certificate', 'failure:tls.hint.file.certificate'],
  key: ['failure:tls.file.key', 'failure:tls.hint.file.key'],
} as const;

/** Classifies a CA, certificate or key file that could not be read or used. */
export function classifyTlsFileError(error: SystemErrorLike, role: 'CA' | 'certificate' | 'key', file: string): DialFailure {
  const [sentence, hint] = fileKeys[role];
  return dialFailure('tls', message(sentence, { file, error: error.message }), message(hint), error.code);
}
