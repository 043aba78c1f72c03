import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type AddressInfo, createServer } from 'node:net';
import { referencedRecords } from './support/directory.js';
import {
  directories,
  freePort,
  freshDirectory,
  MAIN,
  runNode,
  type RunningServer,
  SEED_CLI,
  startServer,
  stop,
  stopAll,
  TOKEN_CLI,
  waitForOutput,
} from './support/built-app.js';
import { REQUESTS_PATH } from './support/requests.js';
import {
  GRAPH_AUDIENCE,
  PRODUCTION_AUTH,
  READ,
  READ_WRITE,
  REGISTERED_API_AUDIENCE,
  TENANT_A,
  USER_A,
  userToken,
} from './support/tokens.js';

const UNKNOWN_ID = 'd2b1f6a0-1111-4222-8333-944455556666';
const OUTSIDE_TENANT = '0c0c0c0c-0000-4000-8000-00000000000c';

/** The variables set to a value: spawn would pass `undefined` on as the text "undefined". */
function withoutUnset(
  env: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}
const STACK_FRAME = /^\s+at /m;

afterAll(async () => {
  await stopAll();
  for (const directory of directories) {
    rmSync(directory, { recursive: true, force: true });
  }
});

async function mintToken(cwd: string, args: string[]): Promise<string> {
  const result = await runNode(TOKEN_CLI, args, cwd);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  const token = result.stdout.trim();
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  return token;
}

async function getRequest(
  server: RunningServer,
  id: string,
  token: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.baseUrl}${REQUESTS_PATH}/${id}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
}

/** A valid seed record of tenant A; override any field. */
function seedRecord(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
    tenantId: TENANT_A,
    requestorId: USER_A,
    resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
    roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
    subjectId: USER_A,
    type: 'UserAdd',
    assignmentState: 'Active',
    requestedDateTime: '2026-11-28T09:00:00Z',
    reason: 'Deploying a hotfix',
    schedule: {
      type: 'Once',
      startDateTime: '2026-11-28T10:00:00Z',
      endDateTime: null,
      duration: 'PT8H',
    },
    status: {
      status: 'InProgress',
      subStatus: 'PendingApproval',
      statusDetails: [{ key: 'ApprovalRule', value: 'Pending' }],
    },
    ...overrides,
  };
}

function writeSeedFile(
  directory: string,
  records: Record<string, unknown>[],
): string {
  const file = path.join(directory, 'seed.json');
  writeFileSync(
    file,
    JSON.stringify({ ...referencedRecords(), roleAssignmentRequests: records }),
  );
  return file;
}

/** An application token of tenant A that may read, printed by dist/cli/token.js in `directory`. */
function readerToken(directory: string): Promise<string> {
  return mintToken(directory, ['--tid', TENANT_A, '--roles', READ]);
}

describe('starting the server (node dist/main.js)', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run npm test, which builds it`);
    }
  });

  describe('with invalid configuration', () => {
    it.each([
      ['PORT', 'abc'],
      ['DATABASE_URL', 'mysql://x'],
    ])(
      '%s=%s: exits non-zero with a message naming the variable, without a stack trace',
      async (variable, value) => {
        const result = await runNode(MAIN, [], freshDirectory(), {
          [variable]: value,
        });

        expect(result.code).not.toBe(0);
        expect(result.code).not.toBeNull();
        expect(result.stderr).toContain(variable);
        expect(result.stderr).not.toMatch(STACK_FRAME);
      },
    );

    it.each([
      ['HOST', { HOST: '192.0.2.1' }],
      ['PORT', {}],
    ])(
      'exits non-zero naming %s, without a stack trace, when it cannot listen',
      async (variable, env) => {
        const occupied = createServer();
        await new Promise<void>((resolve) =>
          occupied.listen(0, '127.0.0.1', resolve),
        );
        const { port } = occupied.address() as AddressInfo;
        try {
          const result = await runNode(MAIN, [], freshDirectory(), {
            PORT: String(port),
            ...env,
          });

          expect(result.code).not.toBe(0);
          expect(result.code).not.toBeNull();
          expect(result.stderr).toContain(variable);
          expect(result.stderr).not.toMatch(STACK_FRAME);
        } finally {
          await new Promise((resolve) => occupied.close(resolve));
        }
      },
    );

    it('refuses NODE_ENV=production without AUTH_JWKS_URI or AUTH_JWT_SECRET, creating no development secret', async () => {
      const directory = freshDirectory();

      const result = await runNode(MAIN, [], directory, {
        NODE_ENV: 'production',
        PORT: String(await freePort()),
      });

      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toContain('production');
      expect(result.stderr).toContain('AUTH_JWKS_URI');
      expect(result.stderr).toContain('AUTH_JWT_SECRET');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(existsSync(path.join(directory, 'data', 'dev-jwt-secret'))).toBe(
        false,
      );
    });

    it.each([
      [
        'without AUTH_AUDIENCE',
        { AUTH_AUDIENCE: undefined },
        ['AUTH_AUDIENCE', 'Application ID URI'],
      ],
      [
        "with Microsoft Graph's own audience",
        { AUTH_AUDIENCE: GRAPH_AUDIENCE },
        ['AUTH_AUDIENCE', 'for Graph alone', 'register your own API'],
      ],
      [
        'without an issuer policy',
        { AUTH_ALLOWED_TENANTS: undefined },
        ['AUTH_ALLOWED_TENANTS', 'AUTH_ISSUER'],
      ],
    ])(
      'refuses NODE_ENV=production %s, saying why, without a stack trace',
      async (_case, change, expected) => {
        const result = await runNode(MAIN, [], freshDirectory(), {
          NODE_ENV: 'production',
          PORT: String(await freePort()),
          ...withoutUnset({ ...PRODUCTION_AUTH, ...change }),
        });

        expect(result.code).not.toBe(0);
        expect(result.code).not.toBeNull();
        for (const text of expected) {
          expect(result.stderr).toContain(text);
        }
        expect(result.stderr).not.toMatch(STACK_FRAME);
      },
    );
  });

  describe('in production, with its own API audience and allowed tenants', () => {
    it('serves the tokens issued for its API to an allowed tenant only', async () => {
      const server = await startServer(freshDirectory(), {
        NODE_ENV: 'production',
        ...PRODUCTION_AUTH,
      });
      try {
        const statusFor = async (token: string) =>
          (
            await fetch(`${server.baseUrl}${REQUESTS_PATH}`, {
              headers: { Authorization: `Bearer ${token}` },
            })
          ).status;

        expect(
          await statusFor(
            userToken([READ_WRITE], { audience: REGISTERED_API_AUDIENCE }),
          ),
        ).toBe(200);
        expect(await statusFor(userToken([READ_WRITE]))).toBe(401);
        expect(
          await statusFor(
            userToken([READ_WRITE], {
              audience: REGISTERED_API_AUDIENCE,
              tenantId: OUTSIDE_TENANT,
            }),
          ),
        ).toBe(401);
      } finally {
        await stop(server.child);
      }
    });
  });

  describe('with no configuration, in a fresh directory', () => {
    let directory: string;
    let server: RunningServer;

    // One server for the whole block.
    beforeAll(async () => {
      directory = freshDirectory();
      server = await startServer(directory, {});
    });
    afterAll(() => stop(server.child));

    it('serves on 127.0.0.1 and says how to mint a token', async () => {
      await waitForOutput(server, 'npm run --silent token');

      expect(server.output()).toContain(`Serving ${server.baseUrl}/beta`);
      expect(server.output()).toContain('npm run --silent token');
      expect(server.output()).toContain(
        path.join(directory, 'data', 'dev-jwt-secret'),
      );
    });

    it('creates ./data/pim.sqlite and ./data/dev-jwt-secret, the secret readable by its owner only', () => {
      expect(
        statSync(path.join(directory, 'data', 'pim.sqlite')).isFile(),
      ).toBe(true);
      const secret = statSync(path.join(directory, 'data', 'dev-jwt-secret'));
      expect(secret.mode & 0o777).toBe(0o600);
    });

    it('accepts a delegated token printed by dist/cli/token.js in the same directory', async () => {
      const token = await mintToken(directory, [
        '--tid',
        TENANT_A,
        '--oid',
        USER_A,
        '--scp',
        READ_WRITE,
      ]);

      const response = await getRequest(server, UNKNOWN_ID, token);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: { code: 'RoleAssignmentRequestNotFound' },
      });
    });

    it('accepts an application token printed by dist/cli/token.js --roles', async () => {
      const token = await mintToken(directory, [
        '--tid',
        TENANT_A,
        '--roles',
        READ,
      ]);

      const response = await getRequest(server, UNKNOWN_ID, token);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: { code: 'RoleAssignmentRequestNotFound' },
      });
    });

    it('accepts a Resource Manager user token printed by dist/cli/token.js --aud, on the Resource Manager routes only', async () => {
      const token = await mintToken(directory, [
        '--tid',
        TENANT_A,
        '--oid',
        USER_A,
        '--aud',
        'https://management.azure.com/',
      ]);

      const armResponse = await fetch(
        `${server.baseUrl}/subscriptions/${UNKNOWN_ID}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests?api-version=2020-10-01`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      const graphResponse = await getRequest(server, UNKNOWN_ID, token);

      expect(armResponse.status).toBe(404);
      expect(await armResponse.json()).toMatchObject({
        error: { code: 'SubscriptionNotFound' },
      });
      expect(graphResponse.status).toBe(401);
    });

    it('refuses a token minted with another development secret', async () => {
      const token = await mintToken(freshDirectory(), [
        '--tid',
        TENANT_A,
        '--oid',
        USER_A,
        '--scp',
        READ_WRITE,
      ]);

      const response = await getRequest(server, UNKNOWN_ID, token);

      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        error: { code: 'InvalidAuthenticationToken' },
      });
    });

    it('token.js without --tid prints its usage and exits non-zero', async () => {
      const result = await runNode(
        TOKEN_CLI,
        ['--oid', USER_A, '--scp', READ_WRITE],
        directory,
      );

      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Usage:');
      expect(result.stderr).toContain('--tid');
    });

    it.each([
      [
        'a stray argument',
        ['--tid', TENANT_A, '--roles', READ, 'extra'],
        'extra',
      ],
      [
        'an unknown option',
        ['--tid', TENANT_A, '--roles', READ, '--bogus'],
        '--bogus',
      ],
      [
        'an invalid --expires-in',
        ['--tid', TENANT_A, '--roles', READ, '--expires-in', 'soon'],
        '--expires-in',
      ],
    ])(
      'token.js with %s says what is wrong, without a stack trace, and exits non-zero',
      async (_case, args, named) => {
        const result = await runNode(TOKEN_CLI, args, directory);

        expect(result.code).not.toBe(0);
        expect(result.code).not.toBeNull();
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain(named);
        expect(result.stderr).not.toMatch(STACK_FRAME);
      },
    );

    it('seed.js FILE loads a valid seed file, prints a summary, and the server returns the request', async () => {
      const record = seedRecord({
        id: '11111111-2222-4333-8444-555555555555',
        status: { status: 'InProgress', subStatus: 'Granted' },
      });
      const second = seedRecord({ id: '11111111-2222-4333-8444-666666666666' });
      const file = writeSeedFile(freshDirectory(), [record, second]);

      const result = await runNode(SEED_CLI, [file], directory);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('"roleAssignmentRequests":2');
      const token = await mintToken(directory, [
        '--tid',
        TENANT_A,
        '--oid',
        USER_A,
        '--scp',
        READ_WRITE,
      ]);
      const response = await getRequest(server, String(record.id), token);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: record.id,
        resourceId: record.resourceId,
        type: 'UserAdd',
        assignmentState: 'Active',
        status: { status: 'InProgress', subStatus: 'Granted' },
        schedule: { type: 'Once', duration: 'PT8H' },
      });
    });

    it('seed.js A B C loads the files in order, each whole: one that fails stops it, and those before it stay loaded', async () => {
      const first = seedRecord({ id: '33333333-2222-4333-8444-555555555555' });
      const second = seedRecord({ id: '33333333-2222-4333-8444-666666666666' });
      const last = seedRecord({ id: '33333333-2222-4333-8444-777777777777' });
      const loaded = [
        writeSeedFile(freshDirectory(), [first]),
        writeSeedFile(freshDirectory(), [second]),
      ];
      const failing = writeSeedFile(freshDirectory(), [
        seedRecord({
          id: '33333333-2222-4333-8444-888888888888',
          tenantId: 'not-a-guid',
        }),
      ]);
      const after = writeSeedFile(freshDirectory(), [last]);

      const result = await runNode(
        SEED_CLI,
        [...loaded, failing, after],
        directory,
      );

      expect(result.code).toBe(1);
      expect(result.stdout.trim().split('\n')).toEqual(
        loaded.map(
          (file) =>
            expect.stringMatching(
              new RegExp(
                `^Seeded .*"roleAssignmentRequests":1.* from ${file}$`,
              ),
            ) as unknown as string,
        ),
      );
      expect(result.stderr).toContain(`Not loaded: ${failing}, ${after}\n`);
      expect(result.stderr).toContain('roleAssignmentRequests[0].tenantId: ');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      const token = await readerToken(directory);
      for (const record of [first, second]) {
        expect(
          (await getRequest(server, String(record.id), token)).status,
        ).toBe(200);
      }
      expect((await getRequest(server, String(last.id), token)).status).toBe(
        400,
      );
    });

    it('seed.js with an invalid file exits non-zero, lists each problem by index and field, and writes nothing', async () => {
      const valid = seedRecord({ id: '22222222-2222-4333-8444-555555555555' });
      const file = writeSeedFile(freshDirectory(), [
        valid,
        seedRecord({
          id: '22222222-2222-4333-8444-666666666666',
          status: { status: 'InProgress', subStatus: 'Sleeping' },
        }),
        seedRecord({
          id: '22222222-2222-4333-8444-777777777777',
          tenantId: 'not-a-guid',
        }),
      ]);

      const result = await runNode(SEED_CLI, [file], directory);

      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toContain(
        'roleAssignmentRequests[1].status.subStatus: ',
      );
      expect(result.stderr).toContain('roleAssignmentRequests[2].tenantId: ');
      expect(result.stderr).not.toContain('roleAssignmentRequests[0]');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      const token = await readerToken(directory);
      const response = await getRequest(server, String(valid.id), token);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: { code: 'RoleAssignmentRequestNotFound' },
      });
    });
    it('seed.js validates a large file on worker threads: problems keep their index, nothing is written', async () => {
      // 45,000 records: more than one thread's share, so the tail is validated in a worker.
      const records = Array.from({ length: 45_000 }, (_, index) =>
        seedRecord({
          id: `33333333-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
        }),
      );
      records[44_321] = { ...records[44_321], type: 'Sideways' };
      const file = writeSeedFile(freshDirectory(), records);

      const refused = await runNode(SEED_CLI, [file], directory);

      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('roleAssignmentRequests[44321].type: ');
      expect(refused.stderr).not.toMatch(STACK_FRAME);

      records[44_321] = { ...records[44_321], type: 'UserAdd' };
      const accepted = await runNode(
        SEED_CLI,
        [writeSeedFile(freshDirectory(), records)],
        directory,
      );

      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain('"roleAssignmentRequests":45000');
    });
  });

  describe('with SEED_FILE', () => {
    afterEach(stopAll);

    it('loads the file at start (HOST=127.0.0.1)', async () => {
      const directory = freshDirectory();
      const record = seedRecord();
      writeSeedFile(directory, [record]);

      const server = await startServer(directory, {
        HOST: '127.0.0.1',
        SEED_FILE: './seed.json',
      });

      const token = await mintToken(directory, [
        '--tid',
        TENANT_A,
        '--oid',
        USER_A,
        '--scp',
        READ_WRITE,
      ]);
      const response = await getRequest(server, String(record.id), token);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: record.id,
        status: { status: 'InProgress', subStatus: 'PendingApproval' },
      });
    });

    it('stops the start when the file is invalid, listing the problems without a stack trace', async () => {
      const directory = freshDirectory();
      writeSeedFile(directory, [
        seedRecord(),
        seedRecord({
          id: '33333333-2222-4333-8444-666666666666',
          status: { status: 'Open', subStatus: 'Granted' },
        }),
      ]);

      const result = await runNode(MAIN, [], directory, {
        PORT: String(await freePort()),
        SEED_FILE: './seed.json',
      });

      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toContain(
        'roleAssignmentRequests[1].status.status: ',
      );
      expect(result.stderr).not.toMatch(STACK_FRAME);
    });
  });
});
