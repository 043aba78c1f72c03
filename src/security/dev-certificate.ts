import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

/** How a client on the same machine reaches a development server: the names the certificate is for. */
export const DEVELOPMENT_CERTIFICATE_NAMES = {
  dns: ['localhost'],
  ips: ['127.0.0.1', '::1'],
} as const;

const VALIDITY_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DevelopmentCertificate {
  /** PEM. Clients trust it as its own authority (NODE_EXTRA_CA_CERTS, `ca`). */
  readonly cert: string;
  /** PEM, PKCS#8, unencrypted. */
  readonly key: string;
}

export interface DevelopmentCertificateFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * A self-signed server certificate for local HTTPS. TLS clients check the name they connect to
 * against the subjectAltName only (not the common name), so every local name is listed there.
 */
export async function generateDevelopmentCertificate(
  now: Date = new Date(),
): Promise<DevelopmentCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + VALIDITY_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'keyUsage',
        digitalSignature: true,
        keyEncipherment: true,
        critical: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...DEVELOPMENT_CERTIFICATE_NAMES.dns.map((value) => ({
            type: 2 as const,
            value,
          })),
          ...DEVELOPMENT_CERTIFICATE_NAMES.ips.map((ip) => ({
            type: 7 as const,
            ip,
          })),
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/**
 * Generates a development certificate into `directory` (dev-cert.pem, dev-key.pem), replacing
 * any there. The key is readable by its owner only.
 */
export async function writeDevelopmentCertificate(
  directory: string,
): Promise<DevelopmentCertificateFiles> {
  const certificate = await generateDevelopmentCertificate();
  const files = {
    certFile: path.join(directory, 'dev-cert.pem'),
    keyFile: path.join(directory, 'dev-key.pem'),
  };
  mkdirSync(directory, { recursive: true });
  writeFileSync(files.keyFile, certificate.key, { mode: 0o600 });
  // `mode` applies to new files only: a key written before keeps its own permissions otherwise.
  chmodSync(files.keyFile, 0o600);
  writeFileSync(files.certFile, certificate.cert);
  return files;
}
