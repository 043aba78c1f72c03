import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { type AddressInfo, createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUESTS_PATH } from './support/requests.js';
import { READ, READ_WRITE, TENANT_A, USER_A } from './support/tokens.js';

/**
 * The built server and command-line tools, run as a user runs them: `node dist/…` in a working
 * directory of its own, with nothing but the environment given. `npm test` builds dist/ first.
 */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = path.join(REPO, 'dist', 'main.js');
const TOKEN_CLI = path.join(REPO, 'dist', 'cli', 'token.js');
const SEED_CLI = path.join(REPO, 'dist', 'cli', 'seed.js');

const UNKNOWN_ID = 'd2b1f6a0-1111-4222-8333-944455556666';
const STACK_FRAME = /^\s+at /m;
const PROCESS_TIMEOUT_MS = 20_000;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunningServer {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  output(): string;
}

const children = new Set<ChildProcess>();
const directories: string[] = [];

function freshDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'pim-startup-'));
  directories.push(directory);
  return directory;
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function spawnNode(
  script: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): ChildProcess {
  // Only what is given: no NODE_ENV=test or NODE_OPTIONS of Jest's own process.
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function collect(child: ChildProcess): { stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return { stdout: () => stdout, stderr: () => stderr };
}

/** Runs a script to its end. */
function runNode(
  script: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Finished> {
  const child = spawnNode(script, args, cwd, env);
  const output = collect(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish:\n${output.stderr()}`));
    }, PROCESS_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: output.stdout(), stderr: output.stderr() });
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts `node dist/main.js` and waits until its port accepts connections. */
async function startServer(
  cwd: string,
  env: Record<string, string>,
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnNode(MAIN, [], cwd, { ...env, PORT: String(port) });
  const output = collect(child);
  const combined = () => `${output.stdout()}${output.stderr()}`;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  while (!(await canConnect(port))) {
    if (exited) {
      throw new Error(`the server exited during start:\n${combined()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`the server did not start:\n${combined()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: combined };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stop));
}

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
  writeFileSync(file, JSON.stringify({ roleAssignmentRequests: records }));
  return file;
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

    it('serves on 127.0.0.1 and says how to mint a token', () => {
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
      const token = await mintToken(directory, [
        '--tid',
        TENANT_A,
        '--roles',
        READ,
      ]);
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
