import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  collect,
  directories,
  freshDirectory,
  REPO,
  runNode,
  SEED_CLI,
  startServer,
  stopAll,
  TOKEN_CLI,
  waitForOutput,
} from './support/built-app.js';
import { DOCUMENTED_REQUEST_ID, REQUESTS_PATH } from './support/requests.js';
import { READ_WRITE, TENANT_A, USER_A } from './support/tokens.js';

const DAYS_AHEAD = 1500;

/** libfaketime (Debian package `faketime`; .ci/run installs it), wherever Debian put it. */
function faketimeLibrary(): string | undefined {
  const folders = ['/usr/lib', '/usr/lib64'].flatMap((root) =>
    existsSync(root)
      ? [root, ...readdirSync(root).map((name) => path.join(root, name))]
      : [],
  );
  return folders
    .map((folder) => path.join(folder, 'faketime', 'libfaketime.so.1'))
    .find((file) => existsSync(file));
}

const library = faketimeLibrary();
/** Every process of the quick start reads the same moved clock: server, CLIs and curl. */
const clockAhead: Record<string, string> = library
  ? { LD_PRELOAD: library, FAKETIME: `+${DAYS_AHEAD}d` }
  : {};
const when = library
  ? `with the clock ${DAYS_AHEAD} days ahead`
  : 'at the real date (install the Debian package faketime to move the clock)';

const CURL_SECTION = '## Try it with curl';
const RESOURCE_MANAGER_SECTION =
  '## The Azure Resource Manager PIM API, over the same state';
const MIGRATION_SECTION = '## Moving a client from Graph to Resource Manager';

/** The first shell block of a section of the README, as a user pastes it. */
function readmeSteps(heading: string): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(heading);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start));
  if (start === -1 || !block) {
    throw new Error(`README.md has no sh block under "${heading}"`);
  }
  return block[1];
}

/**
 * Runs the README's steps in the server's working directory. Its `npm run …` commands run the
 * built CLIs directly (`npm test` has built dist/ already, and rebuilding it would pull it from
 * under the other suites), with files named from the repository's root, as there. Each curl
 * answer ends its own line.
 */
function runReadmeSteps(
  heading: string,
  cwd: string,
  port: number,
): Promise<string> {
  const script = [
    'npm() {',
    '  case "$*" in',
    `    "run seed -- "*) shift 3; node "${SEED_CLI}" "${REPO}/$1" ;;`,
    `    "run --silent token -- "*) shift 4; node "${TOKEN_CLI}" "$@" ;;`,
    '    *) echo "the README runs npm $*, which this test does not know" >&2; return 1 ;;',
    '  esac',
    '}',
    'curl() { command curl "$@"; echo; }',
    'set -e',
    readmeSteps(heading).replaceAll('127.0.0.1:3000', `127.0.0.1:${port}`),
  ].join('\n');
  const child = spawn('bash', ['-c', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...clockAhead },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output.stdout())
        : reject(
            new Error(
              `the README's steps exited with ${code}:\n${output.stdout()}\n${output.stderr()}`,
            ),
          ),
    );
  });
}

describe(`the README's quick start and curl steps, ${when}`, () => {
  afterAll(async () => {
    await stopAll();
    for (const directory of directories) {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('finds the documentation request waiting after a scheduler run on a new database; cancel → 204, GET → Closed / Canceled, cancel again → 400', async () => {
    const directory = freshDirectory();
    // `npm start` on a new ./data/pim.sqlite, its scheduler running every second.
    const server = await startServer(directory, {
      ...clockAhead,
      SCHEDULER_INTERVAL_SECONDS: '1',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    });
    await waitForOutput(server, 'loaded the example data');
    await waitForOutput(server, 'The scheduler ran at');
    const port = Number(new URL(server.baseUrl).port);

    const token = await runNode(
      TOKEN_CLI,
      ['--tid', TENANT_A, '--oid', USER_A, '--scp', READ_WRITE],
      directory,
      clockAhead,
    );
    const waiting = await fetch(
      `http://127.0.0.1:${port}${REQUESTS_PATH}/${DOCUMENTED_REQUEST_ID}`,
      { headers: { Authorization: `Bearer ${token.stdout.trim()}` } },
    );
    expect(await waiting.json()).toMatchObject({
      status: { status: 'InProgress', subStatus: 'PendingApproval' },
    });

    const output = await runReadmeSteps(CURL_SECTION, directory, port);

    const lines = output.trim().split(/\r?\n/);
    expect(lines.filter((line) => line.startsWith('HTTP/'))).toEqual([
      'HTTP/1.1 204 No Content',
    ]);
    const [read, again] = lines
      .slice(-2)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(read).toMatchObject({
      id: DOCUMENTED_REQUEST_ID,
      status: { status: 'Closed', subStatus: 'Canceled' },
    });
    expect(again).toMatchObject({
      error: { code: 'RequestCannotBeCancelled' },
    });
  });

  it('cancels the documentation request through the Resource Manager route as the README shows: 200, then GET → Canceled, seen Closed / Canceled through Graph', async () => {
    const directory = freshDirectory();
    const server = await startServer(directory, clockAhead);
    await waitForOutput(server, 'loaded the example data');
    const port = Number(new URL(server.baseUrl).port);

    const output = await runReadmeSteps(
      RESOURCE_MANAGER_SECTION,
      directory,
      port,
    );

    const lines = output.trim().split(/\r?\n/);
    expect(lines.filter((line) => line.startsWith('HTTP/'))).toEqual([
      'HTTP/1.1 200 OK',
    ]);
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({
      name: DOCUMENTED_REQUEST_ID,
      properties: { requestType: 'SelfActivate', status: 'Canceled' },
    });
    const token = await runNode(
      TOKEN_CLI,
      ['--tid', TENANT_A, '--oid', USER_A, '--scp', READ_WRITE],
      directory,
      clockAhead,
    );
    const throughGraph = await fetch(
      `http://127.0.0.1:${port}${REQUESTS_PATH}/${DOCUMENTED_REQUEST_ID}`,
      { headers: { Authorization: `Bearer ${token.stdout.trim()}` } },
    );
    expect(await throughGraph.json()).toMatchObject({
      status: { status: 'Closed', subStatus: 'Canceled' },
    });
  });

  it('activates and cancels through each API as the README’s migration example shows: 204 through Graph, PendingApproval then 200 through ARM, both requests Closed / Canceled', async () => {
    const directory = freshDirectory();
    const server = await startServer(directory, clockAhead);
    await waitForOutput(server, 'loaded the example data');
    const port = Number(new URL(server.baseUrl).port);

    const output = await runReadmeSteps(MIGRATION_SECTION, directory, port);

    const lines = output.split(/\r?\n/).filter((line) => line.trim() !== '');
    expect(lines.filter((line) => /^\d{3}$/.test(line))).toEqual([
      '204',
      '200',
    ]);
    const created = JSON.parse(
      lines.find((line) => line.startsWith('{')) ?? '{}',
    ) as { name: string; properties: { status: string } };
    expect(created.properties.status).toBe('PendingApproval');
    const token = await runNode(
      TOKEN_CLI,
      ['--tid', TENANT_A, '--oid', USER_A, '--scp', READ_WRITE],
      directory,
      clockAhead,
    );
    const mine = await fetch(
      `http://127.0.0.1:${port}${REQUESTS_PATH}?$filter=subjectId eq '${USER_A}' and type eq 'UserAdd'`,
      { headers: { Authorization: `Bearer ${token.stdout.trim()}` } },
    );
    const requests = (
      (await mine.json()) as {
        value: { id: string; reason: string; status: { subStatus: string } }[];
      }
    ).value.filter(({ reason }) => reason === 'Incident 42');
    expect(requests.map(({ status }) => status.subStatus)).toEqual([
      'Canceled',
      'Canceled',
    ]);
    expect(requests.map(({ id }) => id)).toContain(created.name);
  });
});
