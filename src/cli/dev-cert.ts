import path from 'node:path';
import {
  DEVELOPMENT_CERTIFICATE_NAMES,
  writeDevelopmentCertificate,
} from '../security/dev-certificate.js';

/**
 * `npm run dev-cert`: a self-signed certificate under ./data for a local HTTPS server. The
 * variables go to stdout (`eval "$(npm run --silent dev-cert)"` sets them), the notes to stderr.
 */
async function main(): Promise<void> {
  const files = await writeDevelopmentCertificate(path.resolve('data'));
  const names = [
    ...DEVELOPMENT_CERTIFICATE_NAMES.dns,
    ...DEVELOPMENT_CERTIFICATE_NAMES.ips,
  ].join(', ');
  process.stderr.write(
    `Wrote a self-signed certificate for ${names}, valid for a year, and its private key:\n` +
      `  ${files.certFile}\n  ${files.keyFile}\n` +
      'Start the server with these variables to serve HTTPS on PORT:\n',
  );
  process.stdout.write(
    `export TLS_CERT_FILE=${shellQuoted(files.certFile)}\n` +
      `export TLS_KEY_FILE=${shellQuoted(files.keyFile)}\n`,
  );
  process.stderr.write(
    `Node.js clients trust the certificate with NODE_EXTRA_CA_CERTS=${shellQuoted(files.certFile)}\n`,
  );
}

function shellQuoted(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `No certificate was written: ${(error as Error).message}\n`,
  );
  process.exit(1);
});
