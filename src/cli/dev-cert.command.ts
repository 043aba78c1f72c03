import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEVELOPMENT_CERTIFICATE_NAMES,
  writeDevelopmentCertificate,
} from '../security/dev-certificate.js';
import type { Command } from './command.js';

const USAGE = `Usage: pim-governance-api dev-cert
       (in a clone: npm run --silent dev-cert)

Writes a self-signed certificate and its key under ./data for a local HTTPS server. The
variables go to stdout (eval "$(pim-governance-api dev-cert)" sets them), the notes to stderr.
\`pim-governance-api start --https\` does this by itself.`;

export const devCertCommand: Command = {
  summary: 'write a development certificate for HTTPS into ./data',
  usage: USAGE,
  async run(args) {
    parseArgs({ args: [...args] });
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
  },
};

function shellQuoted(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
