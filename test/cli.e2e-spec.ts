import { execFile } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import { EnvironmentVariables } from '../src/config/environment-variables.js';
import {
  directories,
  freshDirectory,
  REPO,
  runNode,
} from './support/built-app.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { REQUESTS_PATH } from './support/requests.js';
import { TEST_JWT_SECRET, userToken } from './support/tokens.js';

const BIN = path.join(REPO, 'dist', 'cli', 'main.js');
const TENANT = '0a0a0a0a-0000-4000-8000-00000000000a';

/** `pim-governance-api` as the package's bin runs it: the built code, in a folder of its own. */
describe('the pim-governance-api command line (dist/cli/main.js)', () => {
  const servers: CliServer[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    directories
      .splice(0)
      .forEach((directory) =>
        rmSync(directory, { recursive: true, force: true }),
      );
  });

  it('--help lists its commands', async () => {
    const result = await runNode(BIN, ['--help'], freshDirectory());

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pim-governance-api <command>/);
    for (const command of ['start', 'token', 'seed', 'dev-cert']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('start --help names a flag for every configuration variable', async () => {
    const result = await runNode(BIN, ['start', '--help'], freshDirectory());

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--in-memory');
    expect(result.stdout).toContain('--https');
    const variables = Object.keys(new EnvironmentVariables());
    expect(variables).toContain('THROTTLE_LIMIT');
    for (const variable of variables) {
      const flag = `--${variable.toLowerCase().replaceAll('_', '-')}`;
      expect(result.stdout).toMatch(
        new RegExp(`^  ${flag} +<value> +${variable}$`, 'm'),
      );
    }
  });

  it.each(['token', 'seed', 'dev-cert'])(
    '%s --help describes it',
    async (command) => {
      const result = await runNode(BIN, [command, '--help'], freshDirectory());

      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: pim-governance-api ${command}`);
    },
  );

  it('refuses an unknown flag with exit code 2, naming it', async () => {
    const result = await runNode(
      BIN,
      ['start', '--in-memroy'],
      freshDirectory(),
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "Unknown option '--in-memroy'. `pim-governance-api start --help` lists the options.\n",
    );
  });

  it('refuses an unknown command with exit code 2, listing the commands', async () => {
    const result = await runNode(BIN, ['serve'], freshDirectory());

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Unknown command "serve"\./);
    expect(result.stderr).toContain('Commands:');
  });

  // Node 20 itself reads `--env-file` wherever it stands in the arguments, and stops with exit
  // code 9 first; later versions leave a script's arguments to the script (exit code 2).
  it('refuses --env-file naming a missing file', async () => {
    const result = await runNode(
      BIN,
      ['token', '--env-file', 'missing.env', '--tid', TENANT],
      freshDirectory(),
    );

    expect([2, 9]).toContain(result.code);
    expect(result.stderr).toMatch(/missing\.env.*(does not exist|not found)/);
  });

  it('npm run token prints a token from the build, without rebuilding it', async () => {
    const before = [
      statSync(path.join(REPO, 'dist')).mtimeMs,
      statSync(BIN).mtimeMs,
    ];

    const { stdout } = await promisify(execFile)(
      'npm',
      [
        'run',
        '--silent',
        'token',
        '--',
        '--tid',
        TENANT,
        '--roles',
        'PrivilegedAccess.Read.AzureResources',
      ],
      {
        cwd: REPO,
        // The whole environment: a clock moved by faketime (.ci/run) must reach the command too.
        env: { ...process.env, AUTH_JWT_SECRET: TEST_JWT_SECRET },
      },
    );

    expect(jwt.verify(stdout.trim(), TEST_JWT_SECRET)).toMatchObject({
      tid: TENANT,
      roles: ['PrivilegedAccess.Read.AzureResources'],
    });
    expect([
      statSync(path.join(REPO, 'dist')).mtimeMs,
      statSync(BIN).mtimeMs,
    ]).toEqual(before);
    expect(existsSync(path.join(REPO, 'dist.next'))).toBe(false);
  });

  describe('start: flags over environment variables over a .env file', () => {
    /** Starts the bin in `cwd` on an in-memory database; `env` adds to the test secret. */
    async function start(
      cwd: string,
      args: string[],
      env: Record<string, string> = {},
    ): Promise<CliServer> {
      const server = await startCliServer(
        process.execPath,
        [BIN, 'start', '--in-memory', ...args],
        cwd,
        { AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_FORMAT: 'json', ...env },
      );
      servers.push(server);
      return server;
    }

    /** The statuses of two calls in a row by one caller. */
    async function twoCalls(server: CliServer): Promise<number[]> {
      const statuses: number[] = [];
      for (let call = 0; call < 2; call += 1) {
        const response = await fetch(`${server.url}${REQUESTS_PATH}`, {
          headers: { Authorization: `Bearer ${userToken()}` },
        });
        statuses.push(response.status);
      }
      return statuses;
    }

    function withDotEnv(text: string): string {
      const directory = freshDirectory();
      writeFileSync(path.join(directory, '.env'), text);
      return directory;
    }

    it('reads .env in the working directory', async () => {
      const server = await start(withDotEnv('THROTTLE_LIMIT=1\n'), [
        '--port',
        '0',
      ]);

      expect(await twoCalls(server)).toEqual([200, 429]);
    });

    it('reads the file --env-file names instead', async () => {
      const directory = withDotEnv('THROTTLE_LIMIT=50\n');
      writeFileSync(path.join(directory, 'limits.env'), 'THROTTLE_LIMIT=1\n');

      const server = await start(directory, [
        '--env-file=limits.env',
        '--port',
        '0',
      ]);

      expect(await twoCalls(server)).toEqual([200, 429]);
    });

    it('takes an environment variable over .env', async () => {
      const server = await start(
        withDotEnv('THROTTLE_LIMIT=1\n'),
        ['--port', '0'],
        { THROTTLE_LIMIT: '50' },
      );

      expect(await twoCalls(server)).toEqual([200, 200]);
    });

    it('takes a flag over both', async () => {
      const server = await start(
        withDotEnv('THROTTLE_LIMIT=1\nPORT=not-a-port\n'),
        ['--port', '0', '--throttle-limit', '50'],
        { THROTTLE_LIMIT: '1', PORT: 'not-a-port' },
      );

      expect(await twoCalls(server)).toEqual([200, 200]);
      expect(new URL(server.url).port).not.toBe('');
    });
  });
});
