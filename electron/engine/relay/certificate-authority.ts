import { createHash, generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { message, verbatim, type Message } from '../../../shared/i18n/message.js';
import { errorText, MessageError } from '../../../shared/i18n/message-error.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Forge from 'node-forge';
import { sweepStaleTempFiles, writeFileAtomic } from '../profiles/atomic-file.js';

/** What a user needs to trust the relay's CA, and what a test passes to Chromium. */
export interface CertificateAuthorityInfo {
  /** The CA certificate (PEM), to import into a browser or the system store. */
  readonly certificatePath: string;
  readonly subject: string;
  /** SHA-256 of the certificate, colon-separated hex, as browsers show it. */
  readonly fingerprint256: string;
  /** base64 SHA-256 of the CA's SubjectPublicKeyInfo: Chromium's `--ignore-certificate-errors-spki-list` takes it. */
  readonly spkiSha256: string;
  readonly validTo: string;
  /** True when this call created the CA (first use). */
  readonly isNew: boolean;
  /** A CA file that could not be read and was kept aside before a new one was made, with why. */
  readonly problem: string | null;
  /** `problem` as a message, for readers in another language. */
  readonly problemText?: Message;
}

/** A leaf certificate and its key for one host name or address, in PEM, the chain leaf first. */
export interface LeafCertificate {
  readonly key: string;
  readonly chain: string;
}

const certificateFile = 'frameline-relay-ca.pem';
const keyFile = 'frameline-relay-ca-key.pem';
const caYears = 5;
const leafDays = 30;
const generateKeyPairAsync = promisify(generateKeyPair);
const openedByDirectory = new Map<string, Promise<CertificateAuthority>>();
// node-forge, loaded by the first `load`: a CLI run that relays no wss:// never pays its start-up time (docs/performance.md).
let forge: typeof Forge;

/**
 * The relay's local certificate authority, for wss:// through the relay as an HTTP proxy: a
 * client's TLS is terminated here with a leaf certificate for the host it asked for, minted on
 * first use and signed by this CA. The CA is made on first use in the app data folder (its key
 * readable by the user only, 0600) and never installed anywhere: the user decides whether to
 * trust it. Certificates are built with node-forge; keys come from Node's own crypto.
 */
export class CertificateAuthority {
  private readonly leaves = new Map<string, LeafCertificate>();
  private leafKey: Promise<{ privatePem: string; publicPem: string }> | null = null;

  private constructor(
    private readonly certificatePem: string,
    private readonly privateKey: Forge.pki.rsa.PrivateKey,
    readonly info: CertificateAuthorityInfo,
  ) {}

  /**
   * The CA of `directory`, loaded or made once per process (relays and the window share it). A
   * file that cannot be used is kept aside (`*.corrupt-<time>`) and reported in `info.problem`.
   */
  static open(directory: string): Promise<CertificateAuthority> {
    let opened = openedByDirectory.get(directory);
    if (!opened) {
      opened = CertificateAuthority.load(directory);
      openedByDirectory.set(directory, opened);
      opened.catch(() => openedByDirectory.delete(directory));
    }
    return opened;
  }

  /** Reads (or makes) the CA in `directory` now, without the per-process sharing of `open`. */
  static async load(directory: string): Promise<CertificateAuthority> {
    forge ??= (await import('node-forge')).default;
    await mkdir(directory, { recursive: true, mode: 0o700 });
    // A creation killed midway can leave a temp copy of the key behind.
    await sweepStaleTempFiles(directory);
    const certificatePath = join(directory, certificateFile);
    const keyPath = join(directory, keyFile);
    let problem: Message | null = null;
    if (await exists(certificatePath)) {
      try {
        const certificatePem = await readFile(certificatePath, 'utf8');
        const keyPem = await readFile(keyPath, 'utf8');
        return new CertificateAuthority(certificatePem, usableCa(certificatePem, keyPem), describe(certificatePath, certificatePem, false, null));
      } catch (error) {
        // Our own checks say why in a message; a file Node or forge cannot parse keeps their words.
        problem = message('errors:relayCa.problem', { file: certificatePath, problem: errorText(error) ?? verbatim((error as Error).message) });
        const stamp = Date.now();
        await rename(certificatePath, `${certificatePath}.corrupt-${stamp}`).catch(() => undefined);
        await rename(keyPath, `${keyPath}.corrupt-${stamp}`).catch(() => undefined);
      }
    }
    const made = await makeCa();
    await writeFileAtomic(keyPath, made.keyPem);
    await writeFileAtomic(certificatePath, made.certificatePem);
    return new CertificateAuthority(made.certificatePem, forge.pki.privateKeyFromPem(made.keyPem), describe(certificatePath, made.certificatePem, true, problem));
  }

  /** The certificate chain and key to serve `host` (a name or an IP address) with; made once per host. */
  async leafFor(host: string): Promise<LeafCertificate> {
    const known = this.leaves.get(host);
    if (known) return known;
    // One key pair serves every host: minting a certificate is then a signature, not a key generation.
    this.leafKey ??= generateKeyPairAsync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).then(({ privateKey, publicKey }) => ({ privatePem: privateKey, publicPem: publicKey }));
    const key = await this.leafKey;
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = forge.pki.publicKeyFromPem(key.publicPem);
    certificate.serialNumber = serialNumber();
    certificate.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
    certificate.validity.notAfter = new Date(Date.now() + leafDays * 24 * 3600 * 1000);
    const issuer = forge.pki.certificateFromPem(this.certificatePem);
    certificate.setSubject([utf8Attribute('commonName', host)]);
    // The issuer exactly as the CA's subject is encoded, so chain building matches it byte for byte.
    certificate.setIssuer(issuer.subject.attributes);
    certificate.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      // RFC 6125 §6.4.4: clients match the name against subjectAltName, an address as an iPAddress entry.
      { name: 'subjectAltName', altNames: [isIP(host) ? { type: 7, ip: host } : { type: 2, value: host }] },
      { name: 'subjectKeyIdentifier' },
      // RFC 5280 §4.2.1.1: which CA key signed it (strict verifiers require it).
      { name: 'authorityKeyIdentifier', keyIdentifier: issuer.generateSubjectKeyIdentifier().getBytes() },
    ]);
    certificate.sign(this.privateKey, forge.md.sha256.create());
    const leaf = { key: key.privatePem, chain: `${forge.pki.certificateToPem(certificate)}${this.certificatePem}` };
    this.leaves.set(host, leaf);
    return leaf;
  }
}

async function makeCa(): Promise<{ certificatePem: string; keyPem: string }> {
  const pair = await generateKeyPairAsync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  certificate.serialNumber = serialNumber();
  certificate.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  certificate.validity.notAfter = new Date(Date.now() + caYears * 365 * 24 * 3600 * 1000);
  // A random suffix tells one installation's CA from another's in a trust store.
  const subject = [utf8Attribute('commonName', `Frameline relay local CA ${randomBytes(4).toString('hex')}`), utf8Attribute('organizationName', 'Frameline (local only; not a public CA)')];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(pair.privateKey), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), keyPem: pair.privateKey };
}

/** Checks the files belong together and still work as a CA; throws saying what is wrong. */
function usableCa(certificatePem: string, keyPem: string): Forge.pki.rsa.PrivateKey {
  const x509 = new X509Certificate(certificatePem);
  if (!x509.ca) throw new MessageError(message('errors:relayCa.notCa'));
  if (Date.parse(x509.validTo) < Date.now()) throw new MessageError(message('errors:relayCa.expired', { date: x509.validTo }));
  const privateKey = forge.pki.privateKeyFromPem(keyPem);
  const publicKey = forge.pki.certificateFromPem(certificatePem).publicKey as Forge.pki.rsa.PublicKey;
  if (publicKey.n.compareTo(privateKey.n) !== 0) throw new MessageError(message('errors:relayCa.keyMismatch'));
  return privateKey;
}

function describe(certificatePath: string, certificatePem: string, isNew: boolean, problem: Message | null): CertificateAuthorityInfo {
  const x509 = new X509Certificate(certificatePem);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    certificatePath,
    subject: x509.subject.replace(/\n/g, ', '),
    fingerprint256: x509.fingerprint256,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    validTo: x509.validTo,
    isNew,
    problem: problem === null ? null : englishText(problem),
    ...(problem === null ? {} : { problemText: problem }),
  };
}

/**
 * RFC 5280 §4.1.2.2: a positive integer of at most 20 bytes, unique per issuer. 16 random bytes
 * whose first byte is 0x40–0x7f: positive, and with no leading zero byte, which DER forbids
 * (X.690 §8.3.2) and strict parsers such as Chromium's refuse.
 */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] as number) & 0x3f) | 0x40;
  return bytes.toString('hex');
}

/**
 * A name attribute as UTF8String (RFC 5280 §4.1.2.6): node-forge writes PrintableString by
 * default, whose alphabet lacks `;`, `_`, `*` and more, and strict parsers such as Chromium's
 * refuse a certificate with a character outside it.
 */
function utf8Attribute(name: string, value: string): Forge.pki.CertificateField {
  return { name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as Forge.pki.CertificateField['valueTagClass'] };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
