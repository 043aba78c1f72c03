import type { StartEmulator } from './emulator/programmatic/emulator-api.js';
import { startEmulator as start } from './emulator/programmatic/start-emulator.js';

/*
 * The package's programmatic API: `import { startEmulator } from 'pim-governance-api'`.
 * scripts/build.mjs writes its declarations (dist/index.d.ts) as these two lines say.
 */
export * from './emulator/programmatic/emulator-api.js';
export const startEmulator: StartEmulator = start;
