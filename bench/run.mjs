// npm run bench: measures the service against a bare node:http reference and an empty ceiling.
// See bench/README.md for what it does and how to read its figures.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
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
import {
  backgroundId,
  poolId,
  readableIds,
  REJECTED_COUNT,
  TENANT,
  USER,
  writeSeedFiles,
} from './dataset.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECRET = 'benchmark-secret-0123456789abcdefghijklmnop';
const REQUESTS = '/beta/privilegedAccess/azureResources/roleAssignmentRequests';

const { values: options } = parseArgs({
  options: {
    n: { type: 'string', default: process.env.BENCH_N ?? '10000' },
    scales: { type: 'string' },
    pool: { type: 'string', default: '80000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    targets: {
      type: 'string',
      default:
        'service,reference,empty,layer:fastify,layer:nest,layer:graph,layer:auth',
    },
    scenarios: {
      type: 'string',
      default: 'cancel-success,cancel-rejected,get',
    },
    profile: { type: 'boolean', default: false },
    out: {
      type: 'string',
      default: path.join(ROOT, 'bench', 'results', 'latest.json'),
    },
  },
});
const scales = (options.scales ?? options.n).split(',').map(Number);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
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

const TARGETS = {
  service: (port, databaseFile, profileDirectory) => ({
    args: [
      ...(profileDirectory
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`]
        : []),
      'dist/main.js',
    ],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: `sqlite:${databaseFile}`,
      AUTH_JWT_SECRET: SECRET,
    },
  }),
  reference: (port, databaseFile) => ({
    args: ['bench/reference-server.mjs'],
    env: {
      PORT: String(port),
      DATABASE_FILE: databaseFile,
      AUTH_JWT_SECRET: SECRET,
    },
  }),
  empty: (port) => ({
    args: ['bench/empty-server.mjs'],
    env: { PORT: String(port) },
  }),
  ...Object.fromEntries(
    ['fastify', 'nest', 'graph', 'auth'].map((layer) => [
      `layer:${layer}`,
      (port) => ({
        args: ['bench/layers-server.mjs'],
        env: { PORT: String(port), LAYER: layer, AUTH_JWT_SECRET: SECRET },
      }),
    ]),
  ),
};

/** Targets that answer without looking at the data: any success is what they were asked for. */
const isStub = (target) => target === 'empty' || target.startsWith('layer:');

async function startTarget(name, databaseFile, profileDirectory) {
  const port = await freePort();
  const { args, env } = TARGETS[name](port, databaseFile, profileDirectory);
  const child = spawn(process.execPath, args, {
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
    resetPeakRss: () => writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
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

function scenario(name, backgroundCount) {
  return { name, ...scenarioPlan(name, backgroundCount) };
}

function scenarioPlan(name, backgroundCount) {
  switch (name) {
    case 'cancel-success': {
      let next = 0;
      return {
        method: 'POST',
        expected: 204,
        nextPath: () => `${REQUESTS}/${poolId(next++)}/cancel`,
        // Each call needs a pending request of its own; past the pool, calls would fail.
        remaining: () => poolSize - next,
      };
    }
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
    default:
      throw new Error(`unknown scenario ${name}`);
  }
}

async function drive(url, plan, seconds, stub) {
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
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

async function measure(target, server, plan) {
  await drive(server.url, plan, warmup, isStub(target));
  server.resetPeakRss();
  const figures = await drive(server.url, plan, duration, isStub(target));
  const result = {
    target,
    scenario: plan.name,
    ...figures,
    peakRssMb: Math.round(server.peakRssMb()),
  };
  if (plan.remaining && plan.remaining() < 0) {
    result.note = 'cancel pool exhausted: raise --pool';
  }
  log(
    `  ${target.padEnd(14)} ${plan.name.padEnd(15)} ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  errors ${result.errors}`,
  );
  return result;
}

function queryPlans(databaseFile) {
  const db = new Database(databaseFile, { readonly: true });
  const plan = (sql, ...parameters) =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...parameters)
      .map((row) => row.detail)
      .join('; ');
  const plans = {
    cancelUpdate: plan(
      `UPDATE role_assignment_requests SET previous_sub_status = sub_status, status = ?, sub_status = ?
      WHERE id = ? AND tenant_id = ? AND sub_status IN (?, ?, ?, ?) RETURNING previous_sub_status`,
      'Closed',
      'Canceled',
      poolId(0),
      TENANT,
      'Granted',
      'PendingApproval',
      'PendingApprovalProvisioning',
      'PendingAdminDecision',
    ),
    cancelExists: plan(
      'SELECT 1 FROM role_assignment_requests WHERE tenant_id = ? AND id = ? LIMIT 1',
      TENANT,
      poolId(0),
    ),
    get: plan(
      'SELECT * FROM role_assignment_requests WHERE tenant_id = ? AND id = ? LIMIT 1',
      TENANT,
      poolId(0),
    ),
  };
  db.close();
  return plans;
}

async function seed(directory, backgroundCount) {
  const files = writeSeedFiles(directory, backgroundCount, poolSize);
  const databaseFile = path.join(directory, 'seeded.sqlite');
  let seconds = 0;
  for (const file of files) {
    seconds += run(process.execPath, ['dist/cli/seed.js', file], {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${databaseFile}`,
      AUTH_JWT_SECRET: SECRET,
    });
    rmSync(file);
  }
  const db = new Database(databaseFile);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { databaseFile, seconds, records: backgroundCount + poolSize };
}

log('Building the production bundle (npm run build)…');
run('npm', ['run', '--silent', 'build']);
const { mintDevelopmentToken } = await import(
  path.join(ROOT, 'dist/auth/development-token.js')
);
const token = mintDevelopmentToken(
  {
    tenantId: TENANT,
    objectId: USER,
    scopes: ['PrivilegedAccess.ReadWrite.AzureResources'],
    audience: 'https://graph.microsoft.com',
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
  settings: { connections, duration, warmup, poolSize },
  scales: [],
};

for (const backgroundCount of scales) {
  const directory = mkdtempSync(path.join(tmpdir(), 'pim-bench-'));
  try {
    log(
      `\nN = ${backgroundCount}: seeding ${backgroundCount + poolSize} requests with the seed command…`,
    );
    const seeded = await seed(directory, backgroundCount);
    log(
      `  seeded in ${seeded.seconds.toFixed(1)} s (${Math.round(seeded.records / seeded.seconds)} records/s)`,
    );
    const scale = {
      n: backgroundCount,
      seeding: seeded,
      queryPlans: queryPlans(seeded.databaseFile),
      results: [],
    };
    // All targets run at once (each on its own copy of the data) and take turns per scenario,
    // so that a slower minute of this shared machine weighs on every target alike.
    const servers = new Map();
    try {
      for (const target of targets) {
        const databaseFile = path.join(directory, `${target}.sqlite`);
        copyFileSync(seeded.databaseFile, databaseFile);
        const profileDirectory =
          options.profile && target === 'service'
            ? path.join(ROOT, 'bench', 'results', 'profiles')
            : undefined;
        if (profileDirectory) {
          mkdirSync(profileDirectory, { recursive: true });
        }
        servers.set(
          target,
          await startTarget(target, databaseFile, profileDirectory),
        );
      }
      for (const name of scenarioNames) {
        for (const [target, server] of servers) {
          // A stub answers every cancel alike: "rejected" would measure nothing new.
          if (isStub(target) && name === 'cancel-rejected') {
            continue;
          }
          scale.results.push(
            await measure(target, server, scenario(name, backgroundCount)),
          );
        }
      }
    } finally {
      await Promise.all([...servers.values()].map((server) => server.stop()));
    }
    report.scales.push(scale);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function printReport() {
  const lines = [];
  for (const scale of report.scales) {
    lines.push(
      `\nN = ${scale.n} stored requests (+${poolSize} pending for cancel success); seeded in ${scale.seeding.seconds.toFixed(1)} s`,
    );
    lines.push(
      '| target | scenario | req/s | vs reference | p50 ms | p99 ms | errors | peak RSS MB |',
    );
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const result of scale.results) {
      const reference = scale.results.find(
        (other) =>
          other.target === 'reference' && other.scenario === result.scenario,
      );
      const ratio = reference
        ? `${Math.round((100 * result.requestsPerSecond) / reference.requestsPerSecond)}%`
        : '';
      lines.push(
        `| ${result.target} | ${result.scenario} | ${result.requestsPerSecond} | ${ratio} | ${result.p50} | ${result.p99} | ${result.errors} | ${result.peakRssMb} |`,
      );
    }
    lines.push('Query plans:');
    for (const [name, detail] of Object.entries(scale.queryPlans)) {
      lines.push(`  ${name}: ${detail}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

printReport();
mkdirSync(path.dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
log(`\nWrote ${options.out}`);
