import { existsSync } from 'node:fs';
import { ConfigurationError } from '../config/app-config.js';
import { SeedError } from '../seeding/seed-validation.js';
import { type Command, UsageError } from './command.js';
import { devCertCommand } from './dev-cert.command.js';
import { seedCommand } from './seed.command.js';
import { startCommand } from './start.command.js';
import { tokenCommand } from './token.command.js';

const COMMANDS: Readonly<Record<string, Command>> = {
  start: startCommand,
  token: tokenCommand,
  seed: seedCommand,
  'dev-cert': devCertCommand,
};

const USAGE = `Usage: pim-governance-api <command> [options]

Microsoft Graph beta PIM (Azure resources) governance API, hostable and usable as an emulator.

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}

Every command reads its configuration from environment variables, and first from a .env file
in the working directory when there is one (--env-file <path> names another; variables already
set win over the file). \`pim-governance-api <command> --help\` describes a command.`;

/**
 * The `pim-governance-api` command line: `<command> [--env-file PATH] [options]`. Exit codes:
 * 0 done, 1 failed (its message on stderr), 2 called wrongly. `start` keeps running.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    await dispatch(argv);
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    // Now, rather than when the event loop drains: a failed start may leave handles open.
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

async function dispatch(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (
    name === undefined ||
    name === '--help' ||
    name === '-h' ||
    name === 'help'
  ) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    throw new UsageError(`Unknown command "${name}".\n\n${USAGE}`);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return;
  }
  try {
    await command.run(withEnvironmentFile(rest));
  } catch (error) {
    if (isParseError(error)) {
      throw new UsageError(
        `${(error as Error).message}. \`pim-governance-api ${name} --help\` lists the options.`,
      );
    }
    throw error;
  }
}

/** Loads the .env file (or --env-file's) into the environment; the arguments without it. */
function withEnvironmentFile(args: readonly string[]): string[] {
  const index = args.findIndex(
    (arg) => arg === '--env-file' || arg.startsWith('--env-file='),
  );
  let file: string | undefined;
  let remaining = [...args];
  if (index !== -1) {
    const [flag, inline] = args[index].split(/=(.*)/s);
    file = inline ?? args[index + 1];
    if (file === undefined || file === '') {
      throw new UsageError(`${flag} needs a file path.`);
    }
    if (!existsSync(file)) {
      throw new UsageError(`--env-file: ${file} does not exist.`);
    }
    remaining = args.filter(
      (_, at) => at !== index && (inline !== undefined || at !== index + 1),
    );
  } else if (existsSync('.env')) {
    file = '.env';
  }
  if (file !== undefined) {
    process.loadEnvFile(file);
  }
  return remaining;
}

function describe(error: unknown): string {
  if (
    error instanceof UsageError ||
    error instanceof ConfigurationError ||
    error instanceof SeedError
  ) {
    return error.message;
  }
  return String((error as Error).stack ?? error);
}

/** Unknown options, stray arguments, an option without its value (node:util parseArgs). */
function isParseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
