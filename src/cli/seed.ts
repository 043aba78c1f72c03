import { runCli } from './cli.js';

/** `node dist/cli/seed.js …` (`npm run seed`): `pim-governance-api seed …`. */
await runCli(['seed', ...process.argv.slice(2)]);
