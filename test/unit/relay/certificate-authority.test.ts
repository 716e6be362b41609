import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import forge from 'node-forge';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateAuthority } from '../../../electron/engine/relay/certificate-authority.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';

describe('the relay\'s local CA', () => {
  let temp: TempDir | undefined;
  afterEach(() => temp?.remove());

  it('is made on first use with its key readable by the user only, and mints leaves it signed for names and addresses', async () => {
    temp = createTempDir('relay-ca');
    const authority = await CertificateAuthority.open(temp.file('made'));
    const info = authority.info;
    expect(info.isNew).toBe(true);
    expect(statSync(info.certificatePath.replace(/\.pem$/, '-key.pem')).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(readFileSync(info.certificatePath));
    expect(ca.ca).toBe(true);
    expect(info.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    for (const host of ['app.test', '127.0.0.1']) {
      const leaf = await authority.leafFor(host);
      const [leafPem] = leaf.chain.split(/(?<=-----END CERTIFICATE-----\n)/);
      const certificate = new X509Certificate(leafPem!);
      expect(certificate.verify(ca.publicKey)).toBe(true);
      expect(certificate.checkIssued(ca)).toBe(true);
      expect(host === '127.0.0.1' ? certificate.checkIP(host) : certificate.checkHost(host)).toBe(host);
      expect(certificate.ca).toBe(false);
    }
    expect(await authority.leafFor('app.test')).toBe(await authority.leafFor('app.test'));
  });

  it('writes what Chromium\'s strict parser accepts: UTF8String names, minimal positive serials, the issuer\'s key id', async () => {
    temp = createTempDir('relay-ca');
    const authority = await CertificateAuthority.open(temp.file('strict'));
    const leaf = await authority.leafFor('under_score.test');
    const [leafPem, caPem] = leaf.chain.split(/(?<=-----END CERTIFICATE-----\r?\n)/).map((pem) => forge.pki.certificateFromPem(pem));
    for (const certificate of [leafPem!, caPem!]) {
      expect(certificate.subject.attributes.map((attribute) => attribute.valueTagClass)).toEqual(certificate.subject.attributes.map(() => forge.asn1.Type.UTF8));
      // X.690 §8.3.2: no leading zero byte; RFC 5280 §4.1.2.2: positive.
      expect(Number.parseInt(certificate.serialNumber.slice(0, 2), 16)).toBeGreaterThanOrEqual(0x40);
      expect(Number.parseInt(certificate.serialNumber.slice(0, 2), 16)).toBeLessThan(0x80);
    }
    // The extension's DER: SEQUENCE { [0] keyIdentifier }, the CA's own key id.
    const extension = leafPem!.getExtension('authorityKeyIdentifier') as { value: string } | null;
    expect(extension?.value).toBe(`\x30\x16\x80\x14${caPem!.generateSubjectKeyIdentifier().getBytes()}`);
  });

  it('is loaded again, not remade, and a broken one is kept aside and reported', async () => {
    temp = createTempDir('relay-ca');
    const first = (await CertificateAuthority.open(temp.file('kept'))).info;
    // Another process start: no shared promise, so the files themselves are read.
    const again = await CertificateAuthority.load(temp.file('kept'));
    expect([again.info.isNew, again.info.fingerprint256]).toEqual([false, first.fingerprint256]);
    writeFileSync(first.certificatePath, 'not a certificate');
    const remade = await CertificateAuthority.load(temp.file('kept'));
    expect(remade.info.isNew).toBe(true);
    expect(remade.info.problem).toContain('frameline-relay-ca.pem');
    expect(readdirSync(temp.file('kept')).filter((name) => name.includes('.corrupt-'))).toHaveLength(2);
  });

  it('says in the reader’s language why a CA was replaced when its key file belongs to another certificate', async () => {
    temp = createTempDir('relay-ca');
    const kept = (await CertificateAuthority.load(temp.file('kept'))).info;
    const other = (await CertificateAuthority.load(temp.file('other'))).info;
    writeFileSync(kept.certificatePath.replace(/\.pem$/, '-key.pem'), readFileSync(other.certificatePath.replace(/\.pem$/, '-key.pem')));
    const remade = (await CertificateAuthority.load(temp.file('kept'))).info;
    expect(remade.problem).toBe(`${kept.certificatePath}: the key file does not belong to the certificate`);
    expect(renderMessage(createTranslate('zh-CN'), remade.problemText!)).toBe(`${kept.certificatePath}：私钥文件与证书不匹配`);
  });
});
