import { runCli } from './cli.js';

/** `node dist/cli/token.js …` (`npm run token`): `pim-governance-api token …`. */
await runCli(['token', ...process.argv.slice(2)]);
