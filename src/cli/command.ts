/** A subcommand of the `pim-governance-api` command line. */
export interface Command {
  /** One line for the command list of `--help`. */
  readonly summary: string;
  /** What `<command> --help` prints. */
  readonly usage: string;
  run(args: readonly string[]): Promise<void>;
}

/** A mistake in how the command was called: its message is printed and the exit code is 2. */
export class UsageError extends Error {}

/** Options whose name is their meaning: `--tid <value>` and so on, all strings. */
export function stringOptions<const Names extends string>(
  names: readonly Names[],
): Record<Names, { type: 'string' }> {
  return Object.fromEntries(
    names.map((name) => [name, { type: 'string' }]),
  ) as Record<Names, { type: 'string' }>;
}
