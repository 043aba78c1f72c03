/**
 * `npm run build`: compiles into a fresh dist.next/, then swaps it in for dist/ by two renames, so
 * that a server running from dist/ never meets a half-written or missing build. It keeps the
 * modules it loaded; what it loads later by path (a seed-validation worker, dist/seeding/…) comes
 * whole from the new build. A failed compilation leaves dist/ as it was.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const next = path.join(root, 'dist.next');
const previous = path.join(root, 'dist.previous');

const tsc = (...args) =>
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), ...args],
    { stdio: 'inherit' },
  );

rmSync(next, { recursive: true, force: true });
tsc(
  '-p',
  path.join(root, 'tsconfig.build.json'),
  '--outDir',
  next,
  '--tsBuildInfoFile',
  path.join(next, '.tsbuildinfo'),
);
// The public types come from their own module: declarations of the whole program cannot be
// emitted (its repositories are classes built by functions).
tsc(
  '--ignoreConfig',
  path.join(root, 'src', 'emulator', 'programmatic', 'emulator-api.ts'),
  '--declaration',
  '--emitDeclarationOnly',
  '--rootDir',
  path.join(root, 'src'),
  '--outDir',
  next,
  '--module',
  'nodenext',
  '--target',
  'es2023',
  '--strict',
  '--skipLibCheck',
  '--types',
  'node',
);
writeFileSync(
  path.join(next, 'index.d.ts'),
  "export * from './emulator/programmatic/emulator-api.js';\n" +
    "import type { StartEmulator } from './emulator/programmatic/emulator-api.js';\n" +
    'export declare const startEmulator: StartEmulator;\n',
);
// The package's bin runs by its shebang.
chmodSync(path.join(next, 'cli', 'main.js'), 0o755);
// A directory cannot be renamed onto another: the old build steps aside for the instant between.
rmSync(previous, { recursive: true, force: true });
if (existsSync(dist)) {
  renameSync(dist, previous);
}
renameSync(next, dist);
rmSync(previous, { recursive: true, force: true });
