import { writeFileSync } from 'node:fs';
import { peerPath } from './peer-availability.js';
import { runCommand } from './run-command.js';
import { createTempDir } from './temp-dir.js';

/** A PEM certificate and its unencrypted PEM key, as file paths. */
export interface CertificateFiles {
  readonly cert: string;
  readonly key: string;
}

/** Everything a TLS test needs, made fresh by openssl; `remove()` deletes the files. */
export interface CertificateSet {
  readonly dir: string;
  /** The test CA's certificate: trust it (`ca` option) to accept `server` and `client`. */
  readonly caCert: string;
  /** Valid for 127.0.0.1 and localhost (subjectAltName), signed by the CA. */
  readonly server: CertificateFiles;
  /** Same names, signed by the CA, but valid only during January 2020. */
  readonly expired: CertificateFiles;
  /** Signed by the CA for wrong.example only. */
  readonly wrongName: CertificateFiles;
  /** Valid for 127.0.0.1 and localhost but signed by itself, not the CA. */
  readonly selfSigned: CertificateFiles;
  /** A client certificate (extendedKeyUsage clientAuth) signed by the CA, CN frameline-client. */
  readonly client: CertificateFiles;
  remove(): void;
}

const loopbackNames = 'DNS:localhost,IP:127.0.0.1';

// `openssl ca` is used because it can set explicit validity dates (OpenSSL 3.0's `x509 -req`
// cannot), which an already-expired certificate needs.
const caConfig = `[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any_name
unique_subject = no
copy_extensions = none
[any_name]
commonName = supplied
[server_ext]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = ${loopbackNames}
[wrong_name_ext]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
[client_ext]
basicConstraints = CA:FALSE
extendedKeyUsage = clientAuth
`;

/** Makes a CA and the leaf certificates above with openssl, in a new temp dir (EC P-256: fast). */
export async function createCertificates(): Promise<CertificateSet> {
  const openssl = peerPath('openssl');
  const dir = createTempDir('certs');
  const run = (args: string[]): Promise<string> => runCommand(openssl, args, { cwd: dir.path });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  writeFileSync(dir.file('ca.cnf'), caConfig);
  writeFileSync(dir.file('index.txt'), '');
  writeFileSync(dir.file('serial'), '1000\n');
  await Promise.all([
    run(['req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Frameline Test CA', '-days', '7',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']),
    run(['req', '-x509', ...newKey, '-keyout', 'self-signed.key', '-out', 'self-signed.pem', '-subj', '/CN=localhost', '-days', '7',
      '-addext', `subjectAltName=${loopbackNames}`]),
    ...['server', 'expired', 'wrong-name', 'client'].map((name) =>
      run(['req', '-new', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name === 'client' ? 'frameline-client' : 'localhost'}`]),
    ),
  ]);
  const sign = (name: string, extensions: string, validity: string[]): Promise<string> =>
    run(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.pem`,
      '-extensions', extensions, ...validity]);
  // Sequential: `openssl ca` updates one index and serial file.
  await sign('server', 'server_ext', ['-days', '7']);
  await sign('expired', 'server_ext', ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z']);
  await sign('wrong-name', 'wrong_name_ext', ['-days', '7']);
  await sign('client', 'client_ext', ['-days', '7']);
  const pair = (name: string): CertificateFiles => ({ cert: dir.file(`${name}.pem`), key: dir.file(`${name}.key`) });
  return {
    dir: dir.path,
    caCert: dir.file('ca.pem'),
    server: pair('server'),
    expired: pair('expired'),
    wrongName: pair('wrong-name'),
    selfSigned: pair('self-signed'),
    client: pair('client'),
    remove: dir.remove,
  };
}
