import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeDevelopmentCertificate } from '../security/dev-certificate.js';
import { type Command, stringOptions, UsageError } from './command.js';
import {
  CONFIGURATION_FLAGS,
  configurationFlagsHelp,
  variablesOfFlags,
} from './configuration-flags.js';

const USAGE = `Usage: pim-governance-api start [options]

Serves the API (http://127.0.0.1:3000/beta by default) and logs "Serving <url>/beta" once it
listens. Flags override environment variables, which override a .env file.

  --in-memory           an in-memory SQLite database (DATABASE_URL=sqlite::memory:), gone at exit
  --https               HTTPS with a generated development certificate (in ./data, or a temporary
                        folder with --in-memory); clients trust it with NODE_EXTRA_CA_CERTS
  --seed <file>         load a seed document at start (SEED_FILE)

Every configuration variable (README, "Configuration") is also a flag:
${configurationFlagsHelp()}`;

export const startCommand: Command = {
  summary: 'start the server (HTTP or --https, a file database or --in-memory)',
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        'in-memory': { type: 'boolean' },
        https: { type: 'boolean' },
        seed: { type: 'string' },
        ...stringOptions([...CONFIGURATION_FLAGS.keys()]),
      },
    });
    const variables = variablesOfFlags(values);
    if (values.seed !== undefined) {
      variables.SEED_FILE = values.seed;
    }
    if (values['in-memory']) {
      if (variables.DATABASE_URL !== undefined) {
        throw new UsageError('Give --in-memory or --database-url, not both.');
      }
      variables.DATABASE_URL = 'sqlite::memory:';
    }
    if (values.https) {
      const certificate = await writeDevelopmentCertificate(
        values['in-memory'] ? temporaryDirectory() : path.resolve('data'),
      );
      variables.TLS_CERT_FILE = certificate.certFile;
      variables.TLS_KEY_FILE = certificate.keyFile;
      process.stderr.write(
        `HTTPS with a development certificate: clients trust it with NODE_EXTRA_CA_CERTS=${certificate.certFile}\n`,
      );
    }
    Object.assign(process.env, variables);
    // The server as `node dist/main.js` runs it, on the environment set above.
    await import('../main.js');
  },
};

/** A folder that goes with the process, as the in-memory database does. */
function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'pim-governance-api-'));
  process.once('exit', () =>
    rmSync(directory, { recursive: true, force: true }),
  );
  return directory;
}
