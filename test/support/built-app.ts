import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built server and command-line tools, run as a user runs them: `node dist/…` in a working
 * directory of its own, with nothing but the environment given. `npm test` builds dist/ first.
 */
export const REPO = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);
export const MAIN = path.join(REPO, 'dist', 'main.js');
export const TOKEN_CLI = path.join(REPO, 'dist', 'cli', 'token.js');
export const SEED_CLI = path.join(REPO, 'dist', 'cli', 'seed.js');
export const DEV_CERT_CLI = path.join(REPO, 'dist', 'cli', 'dev-cert.js');
export const PROCESS_TIMEOUT_MS = 20_000;

export const children = new Set<ChildProcess>();
export const directories: string[] = [];

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningServer {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  output(): string;
}

export function freshDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'pim-startup-'));
  directories.push(directory);
  return directory;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
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

/**
 * The variables of libfaketime, when the suite runs under it (`faketime -f '+1000 days' npm
 * test`), so that a child reads the same time as the test that mints its tokens and
 * certificates.
 */
export function sameClock(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        (entry[0] === 'LD_PRELOAD' || entry[0].startsWith('FAKETIME')),
    ),
  );
}

export function spawnNode(
  script: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): ChildProcess {
  // Only what is given: no NODE_ENV=test or NODE_OPTIONS of Jest's own process.
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...sameClock(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function collect(child: ChildProcess): {
  stdout(): string;
  stderr(): string;
} {
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
export function runNode(
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

export function canConnect(port: number): Promise<boolean> {
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
export async function startServer(
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

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stop));
}

/** Waits until a running server has written `text` (it logs after it starts listening). */
export async function waitForOutput(
  server: RunningServer,
  text: string,
): Promise<void> {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  while (!server.output().includes(text)) {
    if (Date.now() > deadline) {
      throw new Error(`the server never wrote ${text}:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
