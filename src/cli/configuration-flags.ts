import { EnvironmentVariables } from '../config/environment-variables.js';

/**
 * Every configuration variable as a command-line flag: `THROTTLE_LIMIT` ↔ `--throttle-limit`.
 * The list is the service's own (EnvironmentVariables), so a new variable is a new flag: its
 * declared fields are own keys of an instance, as the build emits class fields (target ES2022+).
 */
export const CONFIGURATION_FLAGS: ReadonlyMap<string, string> = new Map(
  Object.keys(new EnvironmentVariables()).map((variable) => [
    variable.toLowerCase().replaceAll('_', '-'),
    variable,
  ]),
);

/** The variables the given flag values set. */
export function variablesOfFlags(
  values: Record<string, unknown>,
): Record<string, string> {
  return Object.fromEntries(
    [...CONFIGURATION_FLAGS]
      .filter(([flag]) => typeof values[flag] === 'string')
      .map(([flag, variable]) => [variable, values[flag] as string]),
  );
}

export function configurationFlagsHelp(): string {
  const width = Math.max(
    ...[...CONFIGURATION_FLAGS.keys()].map((flag) => flag.length),
  );
  return [...CONFIGURATION_FLAGS]
    .map(([flag, variable]) => `  --${flag.padEnd(width)} <value>  ${variable}`)
    .join('\n');
}
