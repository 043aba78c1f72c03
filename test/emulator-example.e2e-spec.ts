import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { writeDevelopmentCertificate } from '../src/security/dev-certificate.js';
import { sameClock } from './support/built-app.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { READ_WRITE, TENANT_A, userToken } from './support/tokens.js';

const EXAMPLE = path.resolve('examples/emulator-suite/pim-client.test.ts');
/** The example's administrator: its seed makes this user an Owner of its subscription. */
const EXAMPLE_ADMIN = '0e000000-0000-4000-8000-0000000000ad';

/**
 * Runs examples/emulator-suite as its README says, in a process of its own: Node's test runner,
 * the SDKs trusting the development certificate through NODE_EXTRA_CA_CERTS, the control API.
 * `npm run lint` type-checks the example; here its types are only stripped.
 */
describe('examples/emulator-suite', () => {
  let testApp: TestApp;
  let certFile: string;

  beforeAll(async () => {
    const certificate = await writeDevelopmentCertificate(
      mkdtempSync(path.join(tmpdir(), 'pim-example-')),
    );
    certFile = certificate.certFile;
    testApp = await startTestApp({
      TLS_CERT_FILE: certificate.certFile,
      TLS_KEY_FILE: certificate.keyFile,
    });
  });
  afterAll(() => testApp.close());

  /** The example as JavaScript, where Node resolves the project's node_modules. */
  function compiledExample(): string {
    const { outputText } = ts.transpileModule(readFileSync(EXAMPLE, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
      },
    });
    const directory = path.resolve('node_modules/.cache/pim-example');
    mkdirSync(directory, { recursive: true });
    const file = path.join(directory, 'pim-client.test.mjs');
    writeFileSync(file, outputText);
    return file;
  }

  it('passes against the service over HTTPS', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--test', compiledExample()],
      {
        env: {
          PATH: process.env.PATH,
          ...sameClock(),
          PIM_BASE_URL: testApp.baseUrl,
          PIM_TOKEN: userToken([READ_WRITE], {
            tenantId: TENANT_A,
            objectId: EXAMPLE_ADMIN,
          }),
          NODE_EXTRA_CA_CERTS: certFile,
        },
        timeout: 60_000,
      },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the example failed:\n${error.stdout}\n${error.stderr}`);
    });

    expect(stdout).toMatch(/^# pass 4$/m);
    expect(stdout).toMatch(/^# fail 0$/m);
  });
});
