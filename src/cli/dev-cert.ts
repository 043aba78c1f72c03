import { runCli } from './cli.js';

/** `node dist/cli/dev-cert.js …` (`npm run dev-cert`): `pim-governance-api dev-cert …`. */
await runCli(['dev-cert', ...process.argv.slice(2)]);
