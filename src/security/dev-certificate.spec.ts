import { createPrivateKey, X509Certificate } from 'node:crypto';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  generateDevelopmentCertificate,
  writeDevelopmentCertificate,
} from './dev-certificate.js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
// The DER of the OID 1.2.840.113549.1.1.11, sha256WithRSAEncryption: Node.js does not name a
// certificate's signature algorithm.
const SHA256_WITH_RSA = Buffer.from('06092a864886f70d01010b', 'hex');
const DAY_MS = 24 * 60 * 60 * 1000;

describe('generateDevelopmentCertificate', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  let certificate: X509Certificate;
  let key: string;

  beforeAll(async () => {
    const generated = await generateDevelopmentCertificate(now);
    certificate = new X509Certificate(generated.cert);
    key = generated.key;
  });

  it('is for localhost, 127.0.0.1 and ::1 in its subjectAltName, and no other name', () => {
    expect(certificate.subjectAltName?.split(', ')).toEqual([
      'DNS:localhost',
      'IP Address:127.0.0.1',
      'IP Address:0:0:0:0:0:0:0:1',
    ]);
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkHost('example.com')).toBeUndefined();
    expect(certificate.checkIP('10.0.0.1')).toBeUndefined();
  });

  it('is valid from now for 365 days', () => {
    expect(new Date(certificate.validFrom)).toEqual(now);
    expect(new Date(certificate.validTo)).toEqual(
      new Date(now.getTime() + 365 * DAY_MS),
    );
  });

  it('is a self-signed server certificate, not an authority, signed with SHA-256', () => {
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.subject).toBe('CN=localhost');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(certificate.keyUsage).toEqual([SERVER_AUTH]);
    expect(certificate.raw.includes(SHA256_WITH_RSA)).toBe(true);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(
      2048,
    );
  });

  it('comes with its private key', () => {
    expect(certificate.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });

  it('is new every time', async () => {
    const other = await generateDevelopmentCertificate(now);

    expect(new X509Certificate(other.cert).fingerprint256).not.toBe(
      certificate.fingerprint256,
    );
  });
});

describe('writeDevelopmentCertificate', () => {
  let directory: string;

  beforeEach(() => {
    directory = path.join(
      mkdtempSync(path.join(tmpdir(), 'pim-cert-')),
      'data',
    );
  });
  afterEach(() => {
    rmSync(path.dirname(directory), { recursive: true, force: true });
  });

  it('writes dev-cert.pem and dev-key.pem into the directory, creating it; the key is for its owner only', async () => {
    const files = await writeDevelopmentCertificate(directory);

    expect(files).toEqual({
      certFile: path.join(directory, 'dev-cert.pem'),
      keyFile: path.join(directory, 'dev-key.pem'),
    });
    const certificate = new X509Certificate(readFileSync(files.certFile));
    expect(
      certificate.checkPrivateKey(
        createPrivateKey(readFileSync(files.keyFile)),
      ),
    ).toBe(true);
    expect(statSync(files.keyFile).mode & 0o777).toBe(0o600);
  });

  it('replaces the files of an earlier run, and takes the key back to owner-only', async () => {
    const first = await writeDevelopmentCertificate(directory);
    const firstCertificate = readFileSync(first.certFile, 'utf8');
    writeFileSync(first.keyFile, 'old', { mode: 0o644 });

    const second = await writeDevelopmentCertificate(directory);

    expect(readFileSync(second.certFile, 'utf8')).not.toBe(firstCertificate);
    expect(
      new X509Certificate(readFileSync(second.certFile)).checkPrivateKey(
        createPrivateKey(readFileSync(second.keyFile)),
      ),
    ).toBe(true);
    expect(statSync(second.keyFile).mode & 0o777).toBe(0o600);
  });
});
