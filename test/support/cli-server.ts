import { type ChildProcess, spawn } from 'node:child_process';
import { collect, sameClock } from './built-app.js';

const START_TIMEOUT_MS = 60_000;

export interface CliServer {
  readonly child: ChildProcess;
  /** Where it listens, as its "Serving <url>/beta" line says. */
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs `pim-governance-api start …` (any command that ends in it: `node dist/cli/main.js`, `npx`)
 * in a process group of its own, with only PATH, HOME and `env` in its environment, and waits for
 * the line that names its URL. `stop()` ends the group: npx and the server under it.
 */
export async function startCliServer(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliServer> {
  const child = spawn(command, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...sameClock(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = collect(child);
  const combined = () => `${output.stdout()}${output.stderr()}`;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const stop = async () => {
    if (running && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const serving = /Serving (https?:\/\/[^\s"]+)\/beta/.exec(combined());
    if (serving) {
      return { child, url: serving[1], output: combined, stop };
    }
    if (!running || Date.now() > deadline) {
      await stop();
      throw new Error(
        `${command} ${args.join(' ')} did not start:\n${combined()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
