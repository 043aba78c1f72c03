import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import {
  type DevelopmentCertificateFiles,
  generateDevelopmentCertificate,
  writeDevelopmentCertificate,
} from '../src/security/dev-certificate.js';
import {
  DEV_CERT_CLI,
  directories,
  freshDirectory,
  MAIN,
  runNode,
  startServer,
  stopAll,
  waitForOutput,
} from './support/built-app.js';
import { rawRequest, type RawResponse } from './support/raw-http.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { userToken } from './support/tokens.js';

const STACK_FRAME = /^\s+at /m;

afterAll(async () => {
  await stopAll();
  for (const directory of directories) {
    rmSync(directory, { recursive: true, force: true });
  }
});

function tlsEnv(files: DevelopmentCertificateFiles): Record<string, string> {
  return { TLS_CERT_FILE: files.certFile, TLS_KEY_FILE: files.keyFile };
}

function expectJson(response: RawResponse): unknown {
  expect(response.headers['content-type']).toBe(
    'application/json; charset=utf-8',
  );
  return JSON.parse(response.text);
}

describe('HTTPS with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  let files: DevelopmentCertificateFiles;
  let cert: Buffer;
  let testApp: TestApp;

  beforeAll(async () => {
    files = await writeDevelopmentCertificate(freshDirectory());
    cert = readFileSync(files.certFile);
    testApp = await startTestApp(tlsEnv(files));
  });
  afterAll(() => testApp.close());

  function call(
    method: string,
    urlPath: string,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    return rawRequest(testApp.baseUrl, {
      method,
      path: urlPath,
      headers: { Authorization: `Bearer ${userToken()}`, ...headers },
      ca: cert,
    });
  }

  it('listens on an https URL', () => {
    expect(testApp.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a GET at 127.0.0.1, a name of the certificate: 200, the request as JSON, an https @odata.context', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const response = await call('GET', `${REQUESTS_PATH}/${stored.id}`);

    expect(response.status).toBe(200);
    expect(expectJson(response)).toMatchObject({
      '@odata.context': `${testApp.baseUrl}/beta/$metadata#governanceRoleAssignmentRequests/$entity`,
      id: stored.id,
      status: { status: 'InProgress', subStatus: 'PendingApproval' },
    });
    expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a client that checks the name localhost (the certificate names it too)', async () => {
    const { port } = new URL(testApp.baseUrl);

    const response = await call('GET', '/health/live', {
      // The TLS client checks the certificate against the Host it sends.
      Host: `localhost:${port}`,
    });

    expect(response.status).toBe(200);
  });

  it('cancels over HTTPS: 204, and the request is Closed / Canceled with one audit record', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const response = await call('POST', `${REQUESTS_PATH}/${stored.id}/cancel`);

    expect(response.status).toBe(204);
    expect(
      await findStoredRequest(testApp.dataSource, stored.id),
    ).toMatchObject({ status: 'Closed', subStatus: 'Canceled' });
    expect(await auditEventsOf(testApp.dataSource, stored.id)).toHaveLength(1);
  });

  it('answers errors over HTTPS as Graph errors', async () => {
    const response = await rawRequest(testApp.baseUrl, {
      method: 'GET',
      path: `${REQUESTS_PATH}/${aRequest().id}`,
      ca: cert,
    });

    expect(response.status).toBe(401);
    expect(expectJson(response)).toMatchObject({
      error: {
        code: 'InvalidAuthenticationToken',
        message: 'Access token is empty.',
        innerError: { 'request-id': response.headers['request-id'] },
      },
    });
  });

  it('is refused by a client that does not trust the certificate: the TLS check is real', async () => {
    const otherCertificate = await generateDevelopmentCertificate();

    await expect(
      rawRequest(testApp.baseUrl, { method: 'GET', path: '/health/live' }),
    ).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    await expect(
      rawRequest(testApp.baseUrl, {
        method: 'GET',
        path: '/health/live',
        ca: otherCertificate.cert,
      }),
    ).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('does not answer plain HTTP on its port', async () => {
    const plainUrl = testApp.baseUrl.replace(/^https:/, 'http:');

    await expect(
      new Promise((resolve, reject) => {
        httpRequest(`${plainUrl}/health/live`, resolve)
          .on('error', reject)
          .end();
      }),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('the built server (node dist/main.js) with TLS_* settings', () => {
  beforeAll(() => {
    if (!existsSync(MAIN) || !existsSync(DEV_CERT_CLI)) {
      throw new Error('dist/ is missing: run npm run build first');
    }
  });

  it('npm run dev-cert writes data/dev-cert.pem and data/dev-key.pem and prints the variables; the server started with them serves HTTPS', async () => {
    const cwd = freshDirectory();

    const result = await runNode(DEV_CERT_CLI, [], cwd);

    const certFile = path.join(cwd, 'data', 'dev-cert.pem');
    const keyFile = path.join(cwd, 'data', 'dev-key.pem');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `export TLS_CERT_FILE='${certFile}'\nexport TLS_KEY_FILE='${keyFile}'\n`,
    );
    expect(result.stderr).toContain(`NODE_EXTRA_CA_CERTS='${certFile}'`);
    expect(new X509Certificate(readFileSync(certFile)).subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );

    const server = await startServer(cwd, {
      NODE_ENV: 'test',
      TLS_CERT_FILE: certFile,
      TLS_KEY_FILE: keyFile,
    });
    const httpsUrl = server.baseUrl.replace(/^http:/, 'https:');
    await waitForOutput(server, `Serving ${httpsUrl}/beta`);
    const response = await rawRequest(httpsUrl, {
      method: 'GET',
      path: '/health/live',
      ca: readFileSync(certFile),
    });

    expect(response.status).toBe(200);
    expect(expectJson(response)).toMatchObject({ status: 'ok' });
  });

  describe('refuses to start with a message naming the variable, without a stack trace', () => {
    let files: DevelopmentCertificateFiles;
    let otherKeyFile: string;

    beforeAll(async () => {
      const directory = freshDirectory();
      files = await writeDevelopmentCertificate(directory);
      otherKeyFile = path.join(directory, 'other-key.pem');
      writeFileSync(otherKeyFile, (await generateDevelopmentCertificate()).key);
    });

    it.each<[string, () => Record<string, string>, () => string]>([
      [
        'TLS_CERT_FILE alone',
        () => ({ TLS_CERT_FILE: files.certFile }),
        () =>
          'TLS_CERT_FILE is set but TLS_KEY_FILE is not; HTTPS needs both (or neither, for plain HTTP)',
      ],
      [
        'TLS_KEY_FILE alone',
        () => ({ TLS_KEY_FILE: files.keyFile }),
        () =>
          'TLS_KEY_FILE is set but TLS_CERT_FILE is not; HTTPS needs both (or neither, for plain HTTP)',
      ],
      [
        'a certificate file that does not exist',
        () => ({
          TLS_CERT_FILE: '/nonexistent/cert.pem',
          TLS_KEY_FILE: files.keyFile,
        }),
        () => 'TLS_CERT_FILE=/nonexistent/cert.pem cannot be read (ENOENT)',
      ],
      [
        'the key of another certificate',
        () => ({ TLS_CERT_FILE: files.certFile, TLS_KEY_FILE: otherKeyFile }),
        () =>
          `TLS_KEY_FILE=${otherKeyFile} is not the private key of the certificate in TLS_CERT_FILE=${files.certFile}`,
      ],
    ])('%s', async (_case, env, message) => {
      const result = await runNode(MAIN, [], freshDirectory(), {
        NODE_ENV: 'test',
        ...env(),
      });

      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`Invalid configuration: ${message()}\n`);
      expect(result.stderr).not.toMatch(STACK_FRAME);
    });
  });
});
