// npm run bench: measures the service against a bare node:http reference and an empty ceiling.
// See bench/README.md for what it does and how to read its figures.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { MAY_ACT, mayActValues } from './statements.mjs';
import {
  backgroundId,
  listedIds,
  LISTED_SUB_STATUS,
  poolId,
  readableIds,
  REJECTED_COUNT,
  RESOURCE_COUNT,
  resourceId,
  TENANT,
  USER,
  writeSeedFiles,
} from './dataset.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECRET = 'benchmark-secret-0123456789abcdefghijklmnop';
/**
 * A production server takes only the tokens of the API registered for it, from the tenants it
 * allows (docs/deployment.md): the benchmark's own, on Graph's routes and Resource Manager's.
 */
const GRAPH_AUDIENCE = 'api://b3c4e5f6-0000-4000-8000-00000000be01';
const RESOURCE_MANAGER_AUDIENCE = 'api://b3c4e5f6-0000-4000-8000-00000000be02';
const PRODUCTION_AUTH = {
  AUTH_JWT_SECRET: SECRET,
  AUTH_AUDIENCE: GRAPH_AUDIENCE,
  AUTH_RESOURCE_MANAGER_AUDIENCE: RESOURCE_MANAGER_AUDIENCE,
  AUTH_ALLOWED_TENANTS: TENANT,
};
const REQUESTS = '/beta/privilegedAccess/azureResources/roleAssignmentRequests';
/** The same pool requests as Resource Manager addresses them: at their resource's ARM scope. */
const ARM_REQUESTS = `/subscriptions/${resourceId(TENANT, RESOURCE_COUNT)}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests`;
/** The page size of the `list` scenario. */
const LIST_TOP = 50;
const GRAPH_CANCEL = 'cancel-success';
const ARM_CANCEL = 'arm-cancel-success';

const { values: options } = parseArgs({
  options: {
    n: { type: 'string', default: process.env.BENCH_N ?? '10000' },
    scales: { type: 'string' },
    pool: { type: 'string', default: '200000' },
    duration: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    targets: {
      type: 'string',
      default: `service,reference,empty,layer:fastify,layer:nest,layer:graph,layer:auth${process.env.BENCH_DATABASE_URL ? ',service:postgres,reference:postgres' : ''}`,
    },
    scenarios: {
      type: 'string',
      default: 'cancel-success,arm-cancel-success,cancel-rejected,get,list',
    },
    profile: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    out: {
      type: 'string',
      default: path.join(ROOT, 'bench', 'results', 'latest.json'),
    },
  },
});
const scales = (options.scales ?? options.n).split(',').map(Number);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const rounds = Number(options.rounds);
const connections = Number(options.connections);
const poolSize = Number(options.pool);
const targets = options.targets.split(',');
const scenarioNames = options.scenarios.split(',');

function log(message) {
  process.stderr.write(`${message}\n`);
}

function run(command, args, env = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return (performance.now() - started) / 1000;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with code ${child.exitCode}`);
    }
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing listens on port ${port}`);
}

const postgresUrl = process.env.BENCH_DATABASE_URL;

/**
 * The options `npm run start:prod` gives Node.js (its young generation's size): the service is
 * measured as it is run in production.
 */
const PRODUCTION_NODE_OPTIONS = JSON.parse(
  readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
)
  .scripts['start:prod'].split(' ')
  .filter((word) => word.startsWith('--'));

/** `database` is `{ file }` (SQLite) or `{ url, schema }` (PostgreSQL) of the target's own data. */
const service = (port, database) => ({
  args: [...PRODUCTION_NODE_OPTIONS, 'dist/main.js'],
  env: {
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: database.file
      ? `sqlite:${database.file}`
      : withSchema(database.url, database.schema),
    ...PRODUCTION_AUTH,
    // One caller sends everything here: the default limit would throttle the benchmark.
    // BENCH_THROTTLE_LIMIT, a limit it never reaches, measures the cost of counting.
    THROTTLE_LIMIT: process.env.BENCH_THROTTLE_LIMIT ?? '0',
    // The data set's Granted requests must stay as they are while they are measured.
    SCHEDULER_INTERVAL_SECONDS: '0',
  },
});
const reference = (port, database) => ({
  args: ['bench/reference-server.mjs'],
  env: {
    PORT: String(port),
    ...(database.file
      ? { DATABASE_FILE: database.file }
      : { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema }),
    AUTH_JWT_SECRET: SECRET,
    AUTH_AUDIENCE: GRAPH_AUDIENCE,
  },
});

function baselineBuild() {
  const main = process.env.BENCH_BASELINE_MAIN;
  if (!main) {
    throw new Error(
      'service:baseline needs BENCH_BASELINE_MAIN, the dist/main.js of the build to compare',
    );
  }
  return path.resolve(main);
}

/** The service as another build of it runs: the same options and data, its own dist/main.js. */
const baseline = (port, database) => ({
  ...service(port, database),
  args: [...PRODUCTION_NODE_OPTIONS, baselineBuild()],
});

const TARGETS = {
  service,
  reference,
  'service:postgres': service,
  // Another build of the service on the same data, side by side with this one: a worktree's
  // dist/main.js (its dependencies resolved from that worktree).
  'service:baseline': baseline,
  'reference:postgres': reference,
  'service:baseline:postgres': baseline,
  empty: (port) => ({
    args: ['bench/empty-server.mjs'],
    env: { PORT: String(port) },
  }),
  ...Object.fromEntries(
    ['fastify', 'nest', 'graph', 'auth'].map((layer) => [
      `layer:${layer}`,
      (port) => ({
        args: ['bench/layers-server.mjs'],
        env: { PORT: String(port), LAYER: layer, ...PRODUCTION_AUTH },
      }),
    ]),
  ),
};

/** Targets that answer without looking at the data: any success is what they were asked for. */
const isStub = (target) => target === 'empty' || target.startsWith('layer:');

/**
 * A stub answers every cancel alike, so "rejected" would measure nothing new; and it has no list
 * route. Only the service serves Resource Manager routes: its ARM cancel is measured against its
 * Graph cancel.
 */
const skipsScenario = (target, name) =>
  (isStub(target) && (name === 'cancel-rejected' || name === 'list')) ||
  (name === 'arm-cancel-success' && !target.startsWith('service'));

async function startTarget(name, database, profileDirectory) {
  const port = await freePort();
  const { args, env } = TARGETS[name](port, database);
  const profiling = profileDirectory
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`]
    : [];
  const child = spawn(process.execPath, [...profiling, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  await waitForPort(port, child).catch((error) => {
    child.kill();
    throw new Error(`${name}: ${error.message}\n${stderr}`);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    // The next pending request of the target's copy of the data a cancel may take.
    pool: { next: 0 },
    resetPeakRss: () => writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    // utime + stime of the target, in clock ticks (USER_HZ, 100 a second on Linux).
    cpuTicks: () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ');
      return Number(fields[11]) + Number(fields[12]);
    },
    peakRssMb: () =>
      Number(
        /VmHWM:\s+(\d+)/.exec(
          readFileSync(`/proc/${child.pid}/status`, 'utf8'),
        )[1],
      ) / 1024,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGINT');
      }),
  };
}

function rotating(ids) {
  let next = 0;
  return () => ids[next++ % ids.length];
}

/**
 * `pool` is the target's cursor into the pending requests, which both cancels take in the same
 * ascending order: taken from the pool's two ends, the ARM cancel's audit rows and index entries
 * went in descending key order, which costs SQLite's B-trees more (about 10 % of the call).
 */
function scenario(name, backgroundCount, pool) {
  return { name, ...scenarioPlan(name, backgroundCount, pool) };
}

function scenarioPlan(name, backgroundCount, pool) {
  switch (name) {
    case 'cancel-success':
      return {
        method: 'POST',
        expected: 204,
        nextPath: () => `${REQUESTS}/${poolId(pool.next++)}/cancel`,
        // Each call needs a pending request of its own; past the pool, calls would fail.
        remaining: () => poolSize - pool.next,
      };
    case 'arm-cancel-success':
      return {
        method: 'POST',
        expected: 200,
        token: armToken,
        nextPath: () =>
          `${ARM_REQUESTS}/${poolId(pool.next++)}/cancel?api-version=2020-10-01`,
        remaining: () => poolSize - pool.next,
      };
    case 'cancel-rejected': {
      const nextId = rotating(
        Array.from({ length: REJECTED_COUNT }, (_, index) =>
          backgroundId(index),
        ),
      );
      return {
        method: 'POST',
        expected: 400,
        nextPath: () => `${REQUESTS}/${nextId()}/cancel`,
      };
    }
    case 'get': {
      const nextId = rotating(readableIds(backgroundCount));
      return {
        method: 'GET',
        expected: 200,
        nextPath: () => `${REQUESTS}/${nextId()}`,
      };
    }
    case 'list': {
      // Calls go resource by resource: the first page of one, then its second page (when it has
      // one), then the next resource. Second pages are the target's own nextLinks, read by
      // `prepare` before the measurement.
      let pages = Array.from({ length: RESOURCE_COUNT }, (_, resource) => [
        listPath(resource),
      ]);
      let next = 0;
      return {
        method: 'GET',
        expected: 200,
        prepare: async (url) => {
          pages = await listPages(url, backgroundCount);
        },
        note: () =>
          pages.every((resourcePages) => resourcePages.length === 1)
            ? 'first pages only: at this N no list has a second page'
            : undefined,
        nextPath: () => {
          const call = next++;
          const resourcePages = pages[Math.floor(call / 2) % pages.length];
          return resourcePages[(call % 2) % resourcePages.length];
        },
      };
    }
    default:
      throw new Error(`unknown scenario ${name}`);
  }
}

/** The first page of the tenant's requests of one resource in the listed sub-status. */
function listPath(resource) {
  const filter = `status/subStatus eq '${LISTED_SUB_STATUS}' and resourceId eq '${resourceId(TENANT, resource)}'`;
  return `${REQUESTS}?$filter=${encodeURIComponent(filter)}&$top=${LIST_TOP}`;
}

/**
 * The pages the `list` scenario asks for, per resource: the first, and the second as the
 * target's own `@odata.nextLink` names it (none when the first page holds every row). Checks
 * that both hold the rows the dataset says they must, so that a target answering something else
 * fails here rather than being measured.
 */
async function listPages(url, backgroundCount) {
  const fetchPage = async (path) => {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) {
      throw new Error(
        `list: GET ${path} answered ${response.status}: ${await response.text()}`,
      );
    }
    return response.json();
  };
  const check = (path, page, expected) => {
    const ids = page.value.map((request) => request.id).join(',');
    if (ids !== expected.join(',')) {
      throw new Error(
        `list: GET ${path} did not answer the ${expected.length} expected requests`,
      );
    }
  };
  const pages = [];
  for (let resource = 0; resource < RESOURCE_COUNT; resource += 1) {
    const expected = listedIds(backgroundCount, resource, 2 * LIST_TOP + 1);
    const first = listPath(resource);
    const firstPage = await fetchPage(first);
    check(first, firstPage, expected.slice(0, LIST_TOP));
    const nextLink = firstPage['@odata.nextLink'];
    const moreFollow = expected.length > LIST_TOP;
    if ((nextLink !== undefined) !== moreFollow) {
      throw new Error(`list: GET ${first}: wrong @odata.nextLink ${nextLink}`);
    }
    if (nextLink === undefined) {
      pages.push([first]);
      continue;
    }
    const second = nextLink.replace(/^https?:\/\/[^/]+/, '');
    const secondPage = await fetchPage(second);
    check(second, secondPage, expected.slice(LIST_TOP, 2 * LIST_TOP));
    pages.push([first, second]);
  }
  return pages;
}

async function drive(url, plan, seconds, stub) {
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${plan.token ?? token}` },
    requests: [
      {
        method: plan.method,
        setupRequest: (request) => ({ ...request, path: plan.nextPath() }),
      },
    ],
  });
  const result = await instance;
  const codes = result.statusCodeStats ?? {};
  const succeeded = (code) =>
    stub ? code >= 200 && code < 300 : code === plan.expected;
  const expected = Object.entries(codes)
    .filter(([code]) => succeeded(Number(code)))
    .reduce((sum, [, stats]) => sum + stats.count, 0);
  return {
    answered: Object.values(codes).reduce((sum, stats) => sum + stats.count, 0),
    requestsPerSecond: Math.round(expected / (result.duration || seconds)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors:
      result.errors +
      result.timeouts +
      Object.entries(codes)
        .filter(([code]) => !succeeded(Number(code)))
        .reduce((sum, [, stats]) => sum + stats.count, 0),
  };
}

async function measure(target, server, plan, { warm }) {
  await plan.prepare?.(server.url);
  if (!warm) {
    await drive(server.url, plan, warmup, isStub(target));
  }
  server.resetPeakRss();
  const ticksBefore = server.cpuTicks();
  const { answered, ...figures } = await drive(
    server.url,
    plan,
    duration,
    isStub(target),
  );
  const result = {
    target,
    scenario: plan.name,
    ...figures,
    // CPU the target spent per call answered: steadier from run to run than calls a second on
    // a shared machine, whose neighbours take wall-clock time but not the target's CPU.
    cpuMsPerThousand: answered
      ? Math.round(((server.cpuTicks() - ticksBefore) * 10 * 1000) / answered)
      : null,
    peakRssMb: Math.round(server.peakRssMb()),
  };
  // Stubs answer every cancel alike: ids used twice change nothing for them.
  if (!isStub(target) && plan.remaining && plan.remaining() < 0) {
    result.note = 'cancel pool exhausted: raise --pool';
  }
  if (plan.note?.()) {
    result.note = plan.note();
  }
  log(
    `  ${target.padEnd(14)} ${plan.name.padEnd(15)} ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  errors ${result.errors}  CPU ${result.cpuMsPerThousand} ms/1000${result.note ? `  (${result.note})` : ''}`,
  );
  return result;
}

/**
 * The list's statement as the service's entity-set reader writes it (`placeholder(n)` is the
 * n-th parameter: tenant, sub-status, resource, then the keyset's id when `after`), as the
 * reference runs it too.
 */
function listSql(placeholder, after) {
  return `SELECT * FROM role_assignment_requests
    WHERE tenant_id = ${placeholder(1)} AND (sub_status = ${placeholder(2)} AND resource_id = ${placeholder(3)})${after ? ` AND ((id > ${placeholder(4)}))` : ''}
    ORDER BY id ASC LIMIT ${LIST_TOP + 1}`;
}

/** The last id of the first page of resource 0: where its second page starts. */
function secondPageAfter(backgroundCount) {
  return listedIds(backgroundCount, 0, LIST_TOP).at(-1) ?? backgroundId(0);
}

/** A placeholder function giving the values, quoted, in turn: for plans with literals. */
function literalsOf(values) {
  let next = 0;
  return () => `'${values[next++]}'`;
}

function queryPlans(databaseFile, backgroundCount) {
  const db = new SqliteDatabase(databaseFile, { readonly: true });
  const plan = (sql, ...parameters) =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...parameters)
      .map((row) => row.detail)
      .join('; ');
  const plans = {
    cancelUpdate: plan(
      `UPDATE role_assignment_requests SET previous_sub_status = sub_status, status = ?, sub_status = ?
      WHERE id = ? AND tenant_id = ? AND sub_status IN (?, ?, ?, ?) AND ${MAY_ACT(() => '?')}
      RETURNING previous_sub_status`,
      'Closed',
      'Canceled',
      poolId(0),
      TENANT,
      'Granted',
      'PendingApproval',
      'PendingApprovalProvisioning',
      'PendingAdminDecision',
      ...mayActValues(USER, '2026-11-28 12:00:00.000'),
    ),
    cancelAccess: plan(
      `SELECT CASE WHEN ${MAY_ACT(() => '?')} THEN 1 ELSE 0 END AS allowed
         FROM role_assignment_requests WHERE tenant_id = ? AND id = ?`,
      ...mayActValues(USER, '2026-11-28 12:00:00.000'),
      TENANT,
      poolId(0),
    ),
    get: plan(
      'SELECT * FROM role_assignment_requests WHERE tenant_id = ? AND id = ? LIMIT 1',
      TENANT,
      poolId(0),
    ),
    list: plan(
      listSql(() => '?', false),
      TENANT,
      LISTED_SUB_STATUS,
      resourceId(TENANT, 0),
    ),
    listNext: plan(
      listSql(() => '?', true),
      TENANT,
      LISTED_SUB_STATUS,
      resourceId(TENANT, 0),
      secondPageAfter(backgroundCount),
    ),
  };
  db.close();
  return plans;
}

function withSchema(url, schema) {
  const parsed = new URL(url);
  parsed.searchParams.set('schema', schema);
  return parsed.toString();
}

async function onPostgres(statement, schema) {
  const client = new pg.Client({
    connectionString: postgresUrl,
    ...(schema && { options: `-c search_path=${schema}` }),
  });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

/** Loads the seed files with one seed command into DATABASE_URL; returns the seconds it took. */
function seedWithCommand(files, databaseUrl) {
  return run(process.execPath, ['dist/cli/seed.js', ...files], {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    ...PRODUCTION_AUTH,
  });
}

async function seedSqlite(directory, files) {
  const file = path.join(directory, 'seeded.sqlite');
  const seconds = seedWithCommand(files, `sqlite:${file}`);
  const db = new SqliteDatabase(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, seconds };
}

/** A schema of the target's own on BENCH_DATABASE_URL, seeded by the seed command. */
async function seedPostgres(target, files) {
  // A schema per target: `service:postgres` and `service:baseline:postgres` each cancel their own.
  const schema = `pim_bench_${target.replace(/[^a-z0-9]+/g, '_')}_${process.pid}`;
  await onPostgres(
    `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`,
  );
  const seconds = seedWithCommand(files, withSchema(postgresUrl, schema));
  await onPostgres(`ANALYZE`, schema);
  return { url: postgresUrl, schema, seconds };
}

async function postgresQueryPlans(schema, backgroundCount) {
  const literals = [
    TENANT,
    LISTED_SUB_STATUS,
    resourceId(TENANT, 0),
    secondPageAfter(backgroundCount),
  ].map((value) => `'${value}'`);
  const plan = async (sql) =>
    (await onPostgres(`EXPLAIN ${sql}`, schema))
      .map((row) => row['QUERY PLAN'].trim())
      .join('; ');
  return {
    cancelUpdate: await plan(
      `UPDATE role_assignment_requests SET previous_sub_status = sub_status, status = 'Closed', sub_status = 'Canceled'
        WHERE id = '${poolId(0)}' AND tenant_id = '${TENANT}'
          AND sub_status IN ('Granted', 'PendingApproval', 'PendingApprovalProvisioning', 'PendingAdminDecision')
          AND ${MAY_ACT(literalsOf(mayActValues(USER, '2026-11-28T12:00:00Z')))}
        RETURNING previous_sub_status`,
    ),
    get: await plan(
      `SELECT * FROM role_assignment_requests WHERE tenant_id = '${TENANT}' AND id = '${poolId(0)}'`,
    ),
    list: await plan(listSql((index) => literals[index - 1], false)),
    listNext: await plan(listSql((index) => literals[index - 1], true)),
  };
}

if (!options['skip-build']) {
  log('Building the production bundle (npm run build)…');
  run('npm', ['run', '--silent', 'build']);
}
const { mintDevelopmentToken } = await import(
  path.join(ROOT, 'dist/auth/development-token.js')
);
// The better-sqlite3 build the service runs on this Node.js (12 on Node 20, 13 after).
const { SqliteDatabase } = await import(
  path.join(ROOT, 'dist/database/sqlite-driver.js')
);
const token = mintDevelopmentToken(
  {
    tenantId: TENANT,
    objectId: USER,
    scopes: ['PrivilegedAccess.ReadWrite.AzureResources'],
    audience: GRAPH_AUDIENCE,
    expiresInSeconds: 24 * 3600,
  },
  SECRET,
);

// The same user, for Resource Manager: what it may do comes from the pool requests being its own.
const armToken = mintDevelopmentToken(
  {
    tenantId: TENANT,
    objectId: USER,
    scopes: ['user_impersonation'],
    audience: RESOURCE_MANAGER_AUDIENCE,
    expiresInSeconds: 24 * 3600,
  },
  SECRET,
);

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: (await import('node:os')).cpus().length,
    node: process.version,
  },
  settings: { connections, duration, warmup, rounds, poolSize },
  scales: [],
};

const measured =
  scales.length *
  scenarioNames.reduce(
    (count, name) =>
      count + targets.filter((target) => !skipsScenario(target, name)).length,
    0,
  );
log(
  `${measured} target${measured === 1 ? '' : 's'} × scenarios, each warmed up ${warmup} s, then measured ${rounds} × ${duration} s: about ${Math.round(measured * (warmup + rounds * (duration + 0.2)))} s, plus building, seeding and starting the targets.`,
);

for (const backgroundCount of scales) {
  const directory = mkdtempSync(path.join(tmpdir(), 'pim-bench-'));
  try {
    log(
      `\nN = ${backgroundCount}: seeding ${backgroundCount + poolSize} requests with the seed command…`,
    );
    const files = writeSeedFiles(directory, backgroundCount, poolSize);
    const sqlite = await seedSqlite(directory, files);
    const databases = new Map();
    for (const target of targets.filter((name) => name.endsWith(':postgres'))) {
      databases.set(target, await seedPostgres(target, files));
    }
    files.forEach((file) => rmSync(file));
    const records = backgroundCount + poolSize;
    log(
      `  seeded SQLite in ${sqlite.seconds.toFixed(1)} s (${Math.round(records / sqlite.seconds)} records/s)` +
        [...databases.values()]
          .map((database) => `, PostgreSQL in ${database.seconds.toFixed(1)} s`)
          .join(''),
    );
    const firstPostgres = [...databases.values()][0];
    const scale = {
      n: backgroundCount,
      seeding: {
        records,
        seconds: sqlite.seconds,
        postgresSeconds: firstPostgres?.seconds,
      },
      queryPlans: queryPlans(sqlite.file, backgroundCount),
      postgresQueryPlans:
        firstPostgres &&
        (await postgresQueryPlans(firstPostgres.schema, backgroundCount)),
      results: [],
    };
    // All targets run at once (each on its own copy of the data) and take turns per scenario,
    // so that a slower minute of this shared machine weighs on every target alike.
    const servers = new Map();
    try {
      for (const target of targets) {
        let database = databases.get(target);
        if (!database) {
          database = { file: path.join(directory, `${target}.sqlite`) };
          copyFileSync(sqlite.file, database.file);
        }
        const profileDirectory = options.profile
          ? path.join(ROOT, 'bench', 'results', 'profiles', target)
          : undefined;
        if (profileDirectory) {
          mkdirSync(profileDirectory, { recursive: true });
        }
        servers.set(
          target,
          await startTarget(target, database, profileDirectory),
        );
      }
      // Round after round, each scenario on each target: the figures paired in a ratio are
      // measured a few seconds apart, however the machine's speed drifts over the run.
      const roundsOf = new Map();
      for (let round = 0; round < rounds; round += 1) {
        for (const [name, target, server] of turnsOfRound(servers)) {
          const key = `${target} ${name}`;
          roundsOf.set(key, [
            ...(roundsOf.get(key) ?? []),
            await measure(
              target,
              server,
              scenario(name, backgroundCount, server.pool),
              // Warmed up once, before its first round.
              { warm: round > 0 },
            ),
          ]);
        }
      }
      scale.results.push(...[...roundsOf.values()].map(medianOfRounds));
    } finally {
      await Promise.all([...servers.values()].map((server) => server.stop()));
      for (const database of databases.values()) {
        await onPostgres(`DROP SCHEMA IF EXISTS ${database.schema} CASCADE`);
      }
    }
    report.scales.push(scale);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * One round's measurements, in order: each scenario on each target in turn, except that a
 * target's ARM cancel comes right after its Graph cancel, the figure it is compared with.
 */
function turnsOfRound(servers) {
  const turns = [];
  for (const name of scenarioNames) {
    if (name === ARM_CANCEL && scenarioNames.includes(GRAPH_CANCEL)) {
      continue;
    }
    for (const [target, server] of servers) {
      for (const turn of name === GRAPH_CANCEL ? [name, ARM_CANCEL] : [name]) {
        if (scenarioNames.includes(turn) && !skipsScenario(target, turn)) {
          turns.push([turn, target, server]);
        }
      }
    }
  }
  return turns;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One row of a target's rounds of a scenario: the median of each figure, the errors of all
 * rounds, the highest peak RSS, and each round's calls a second (`rounds`) for the ratios.
 */
function medianOfRounds(results) {
  const [first] = results;
  const medianOf = (field) =>
    Math.round(median(results.map((result) => result[field])));
  return {
    ...first,
    requestsPerSecond: medianOf('requestsPerSecond'),
    p50: medianOf('p50'),
    p99: medianOf('p99'),
    cpuMsPerThousand: medianOf('cpuMsPerThousand'),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    peakRssMb: Math.max(...results.map((result) => result.peakRssMb)),
    note: results.find((result) => result.note)?.note,
    rounds: results.map((result) => result.requestsPerSecond),
  };
}

/** The lowest and highest calls a second of a row's rounds. */
function rangeOfRounds(result) {
  return [Math.min(...result.rounds), Math.max(...result.rounds)];
}

/** The median of the rounds' ratios: each round's figures were measured side by side. */
function ratioOfRounds(result, reference) {
  return median(
    result.rounds.map(
      (perSecond, round) => perSecond / reference.rounds[round],
    ),
  );
}

// How far apart a reference's rounds may lie on an idle machine: the same code on the same
// data, measured a few seconds apart.
const STEADY_SPREAD = 0.15;

/**
 * A warning for each scenario whose reference rounds lay further apart than STEADY_SPREAD: its
 * ratios were measured while the machine's speed moved under them.
 */
function unsteadyReferenceRounds(results) {
  return results
    .filter(
      (result) =>
        result.target.startsWith('reference') && result.rounds.length > 1,
    )
    .map((result) => {
      const [slowest, fastest] = rangeOfRounds(result);
      return { result, slowest, fastest, spread: fastest / slowest - 1 };
    })
    .filter(({ spread }) => spread > STEADY_SPREAD)
    .map(
      ({ result, slowest, fastest, spread }) =>
        `Not an idle machine: the rounds of ${result.target} ${result.scenario} ran at ${slowest} to ${fastest} a second (${Math.round(100 * spread)} % apart, more than ${100 * STEADY_SPREAD} %); read the ratios of that scenario with care.`,
    );
}

function printReport() {
  const lines = [];
  for (const scale of report.scales) {
    lines.push(
      `\nN = ${scale.n} stored requests (+${poolSize} pending for cancel success); seeded in ${scale.seeding.seconds.toFixed(1)} s`,
    );
    lines.push(
      '| target | scenario | req/s | vs reference | p50 ms | p99 ms | errors | CPU ms / 1000 calls | peak RSS MB |',
    );
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const result of scale.results) {
      // Stubs and SQLite targets compare with the SQLite reference; PostgreSQL ones with theirs;
      // the ARM cancel with the same target's Graph cancel (the reference serves no ARM route).
      const byArm = result.scenario === 'arm-cancel-success';
      const referenceTarget = result.target.endsWith(':postgres')
        ? 'reference:postgres'
        : 'reference';
      const reference = scale.results.find((other) =>
        byArm
          ? other.target === result.target &&
            other.scenario === 'cancel-success'
          : other.target === referenceTarget &&
            other.scenario === result.scenario,
      );
      const ratio = reference
        ? `${Math.round(100 * ratioOfRounds(result, reference))}%${byArm ? ' of its Graph cancel' : ''}`
        : '';
      const perSecond =
        result.rounds.length > 1
          ? `${result.requestsPerSecond} (${rangeOfRounds(result).join('–')})`
          : result.requestsPerSecond;
      lines.push(
        `| ${result.target} | ${result.scenario} | ${perSecond} | ${ratio} | ${result.p50} | ${result.p99} | ${result.errors} | ${result.cpuMsPerThousand} | ${result.peakRssMb} |`,
      );
    }
    scale.notIdle = unsteadyReferenceRounds(scale.results);
    lines.push(...scale.notIdle);
    lines.push('Query plans (SQLite):');
    for (const [name, detail] of Object.entries(scale.queryPlans)) {
      lines.push(`  ${name}: ${detail}`);
    }
    if (scale.postgresQueryPlans) {
      lines.push(
        `Query plans (PostgreSQL; seeded in ${scale.seeding.postgresSeconds.toFixed(1)} s):`,
      );
      for (const [name, detail] of Object.entries(scale.postgresQueryPlans)) {
        lines.push(`  ${name}: ${detail}`);
      }
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

printReport();
mkdirSync(path.dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
log(`\nWrote ${options.out}`);
