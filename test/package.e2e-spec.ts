import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Agent, fetch as undiciFetch } from 'undici';
import { REPO, sameClock } from './support/built-app.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runExampleSuite } from './support/example-suite.js';

const run = promisify(execFile);
const INSTALL_TIMEOUT_MS = 120_000;
const RESOURCES_PATH = '/beta/privilegedAccess/azureResources/resources';
/** The example data's tenant and one of its users (examples/seed.json). */
const EXAMPLE_TENANT = '0a0a0a0a-0000-4000-8000-00000000000a';
const EXAMPLE_USER = 'a1a1a1a1-0000-4000-8000-0000000000a1';

interface LockEntry {
  readonly version: string;
  readonly name?: string;
  readonly resolved?: string;
  readonly dev?: boolean;
  readonly [field: string]: unknown;
}

/**
 * A lockfile for a project that depends on the tarball only, from the repository's: the same
 * production packages, so that `npm ci --offline` installs them from the cache the repository's
 * own `npm ci` filled, without the registry (whose package documents it does not cache).
 */
function lockfileOf(tarball: string): object {
  const lock = JSON.parse(
    readFileSync(path.join(REPO, 'package-lock.json'), 'utf8'),
  ) as { packages: Record<string, LockEntry> };
  // The package's own fields as packed: the lockfile's root entry may predate them.
  const manifest = JSON.parse(
    readFileSync(path.join(REPO, 'package.json'), 'utf8'),
  ) as Record<string, unknown>;
  const installed = Object.entries(lock.packages)
    .filter(([location, entry]) => location !== '' && !entry.dev)
    .map(([location, entry]) => {
      const name =
        entry.name ??
        location.slice(location.lastIndexOf('node_modules/') + 13);
      return [
        location,
        {
          ...entry,
          resolved:
            entry.resolved ??
            `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`,
        },
      ];
    });
  return {
    name: 'app',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', dependencies: { 'pim-governance-api': tarball } },
      'node_modules/pim-governance-api': {
        version: manifest.version,
        resolved: tarball,
        license: manifest.license,
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
      },
      ...Object.fromEntries(installed),
    },
  };
}

/**
 * The package as a user gets it: `npm pack`, installed into an empty folder, its bin run with
 * npx, its `startEmulator()` imported by the example suite. The install is offline (the
 * repository's npm cache), and better-sqlite3's native module is the repository's build (the
 * same version, checked) rather than compiled again for two minutes.
 */
describe('the packed package, installed in an empty folder', () => {
  let folder: string;
  let app: string;
  let packedFiles: string[];
  const servers: CliServer[] = [];
  const userEnv = () => ({ npm_config_update_notifier: 'false' });

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'pim-package-'));
    // The scripts (prepare: a build) are left out: `npm test` has built dist/ already.
    const { stdout } = await run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', folder],
      { cwd: REPO },
    );
    const [packed] = JSON.parse(stdout) as {
      filename: string;
      files: { path: string }[];
    }[];
    packedFiles = packed.files.map((file) => file.path);
    app = path.join(folder, 'app');
    mkdirSync(app);
    const tarball = `file:../${packed.filename}`;
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'app',
        private: true,
        type: 'module',
        dependencies: { 'pim-governance-api': tarball },
      }),
    );
    writeFileSync(
      path.join(app, 'package-lock.json'),
      JSON.stringify(lockfileOf(tarball)),
    );
    await run(
      'npm',
      ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
      { cwd: app, timeout: INSTALL_TIMEOUT_MS },
    );
    const sqlite = (root: string) =>
      path.join(root, 'node_modules', 'better-sqlite3');
    const version = (root: string) =>
      (
        JSON.parse(
          readFileSync(path.join(sqlite(root), 'package.json'), 'utf8'),
        ) as {
          version: string;
        }
      ).version;
    expect(version(app)).toBe(version(REPO));
    const binary = path.join('build', 'Release', 'better_sqlite3.node');
    mkdirSync(path.dirname(path.join(sqlite(app), binary)), {
      recursive: true,
    });
    copyFileSync(
      path.join(sqlite(REPO), binary),
      path.join(sqlite(app), binary),
    );
  }, INSTALL_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(folder, { recursive: true, force: true });
  });

  async function npxStart(args: string[]): Promise<CliServer> {
    const server = await startCliServer(
      'npx',
      ['pim-governance-api', 'start', '--in-memory', '--port', '0', ...args],
      app,
      { ...userEnv(), LOG_FORMAT: 'json' },
    );
    servers.push(server);
    return server;
  }

  /** A token from the installed `token` command, signed with the folder's development secret. */
  async function cliToken(): Promise<string> {
    const { stdout } = await run(
      'npx',
      [
        'pim-governance-api',
        'token',
        '--tid',
        EXAMPLE_TENANT,
        '--oid',
        EXAMPLE_USER,
        '--scp',
        'PrivilegedAccess.ReadWrite.AzureResources',
      ],
      {
        cwd: app,
        // The server's clock, should faketime move it (.ci/run): the token must not expire.
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...sameClock(),
          ...userEnv(),
        },
      },
    );
    return stdout.trim();
  }

  it('holds the build, the example seed, README, LICENSE and nothing else', () => {
    const outsideDist = packedFiles.filter((file) => !file.startsWith('dist/'));
    expect(outsideDist.sort()).toEqual(
      ['LICENSE', 'README.md', 'examples/seed.json', 'package.json'].sort(),
    );
    expect(packedFiles).toContain('dist/cli/main.js');
    expect(packedFiles).toContain('dist/index.d.ts');
    expect(
      packedFiles.filter(
        (file) => !/\.(js|d\.ts)$/.test(file) && file.startsWith('dist/'),
      ),
    ).toEqual([]);
    const manifest = JSON.parse(
      readFileSync(
        path.join(app, 'node_modules', 'pim-governance-api', 'package.json'),
        'utf8',
      ),
    ) as { license: string; private?: boolean };
    expect(manifest.license).toBe('MIT');
    expect(manifest.private).toBeUndefined();
  });

  it('npx pim-governance-api start --in-memory serves the example data over HTTP', async () => {
    const server = await npxStart([]);

    const response = await fetch(`${server.url}${RESOURCES_PATH}`, {
      headers: { Authorization: `Bearer ${await cliToken()}` },
    });

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: unknown[] };
    expect(body.value.length).toBeGreaterThan(0);
  });

  it('… and --https with a certificate it generated and names', async () => {
    const server = await npxStart(['--https']);
    const certFile = /NODE_EXTRA_CA_CERTS=(\S+)/.exec(server.output())?.[1];

    const response = await undiciFetch(`${server.url}${RESOURCES_PATH}`, {
      headers: { Authorization: `Bearer ${await cliToken()}` },
      dispatcher: new Agent({
        connect: { ca: readFileSync(certFile ?? '', 'utf8') },
      }),
    });

    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(200);
  });

  it('runs examples/emulator-suite with its startEmulator()', async () => {
    const report = await runExampleSuite(
      path.join(app, 'node_modules', 'pim-governance-api'),
    );

    expect(report).toMatch(/^# pass 4$/m);
    expect(report).toMatch(/^# fail 0$/m);
  });
});
