import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { REPO, sameClock } from './built-app.js';

const EXAMPLE = path.join(REPO, 'examples/emulator-suite/pim-client.test.ts');

/**
 * Runs examples/emulator-suite with Node's test runner, in a process of its own, its
 * `pim-governance-api` import resolved to `packageDirectory` (this repository's build, or the
 * package installed from its tarball) and the Graph SDKs to this repository's node_modules. The
 * example's types are only stripped (`npm run lint` checks them). Resolves to the runner's
 * report.
 */
export async function runExampleSuite(
  packageDirectory: string,
): Promise<string> {
  const cache = path.join(REPO, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const directory = mkdtempSync(path.join(cache, 'pim-example-'));
  try {
    mkdirSync(path.join(directory, 'node_modules'));
    symlinkSync(
      packageDirectory,
      path.join(directory, 'node_modules', 'pim-governance-api'),
    );
    const file = path.join(directory, 'pim-client.test.mjs');
    writeFileSync(
      file,
      ts.transpileModule(readFileSync(EXAMPLE, 'utf8'), {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2023,
        },
      }).outputText,
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      // TAP on every version: Node 23 and later print their spec reporter to a pipe as well.
      ['--test', '--test-reporter=tap', file],
      {
        cwd: directory,
        env: { PATH: process.env.PATH, ...sameClock() },
        timeout: 60_000,
      },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the example failed:\n${error.stdout}\n${error.stderr}`);
    });
    return stdout;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
