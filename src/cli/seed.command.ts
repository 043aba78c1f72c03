import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module.js';
import { AppConfig, loadAppConfig } from '../config/app-config.js';
import { printSeedProgress } from '../seeding/seed-progress.js';
import { SeedService } from '../seeding/seed.service.js';
import { type Command, UsageError } from './command.js';

const USAGE = `Usage: pim-governance-api seed FILE.json [FILE.json …]
       (in a clone: npm run seed -- FILE.json [FILE.json …])

Loads seed documents (docs/seeding.md) into the database the environment configures
(DATABASE_URL; default ./data/pim.sqlite), in the order given, each whole or not at all, then
exits. A file that fails stops the command: the files before it stay loaded. A large seed
reports its progress on stderr.`;

export const seedCommand: Command = {
  summary: 'load seed files into the configured database',
  usage: USAGE,
  async run(args) {
    const { positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
    });
    if (positionals.length === 0) {
      throw new UsageError(USAGE);
    }
    const context = await NestFactory.createApplicationContext(
      AppModule.forRoot(seedCommandConfig(process.env)),
      { logger: ['error', 'warn'], abortOnError: false },
    );
    try {
      // One process for every file: starting the command again cost about a second a file of
      // 100,000 requests (bench/README.md).
      const seeds = context.get(SeedService);
      for (const [index, file] of positionals.entries()) {
        await seedOne(seeds, file, positionals.slice(index + 1));
      }
    } finally {
      await context.close();
    }
  },
};

/**
 * The service's configuration, less what the command must not do: load SEED_FILE, or run the
 * request scheduler, which would move the data it loads while it loads (a seed of a million
 * requests outlives the scheduler's first run and saw its Granted requests provisioned).
 */
export function seedCommandConfig(environment: NodeJS.ProcessEnv): AppConfig {
  const config = loadAppConfig(environment);
  return new AppConfig({
    ...config,
    seedFile: undefined,
    lifecycle: { ...config.lifecycle, schedulerIntervalSeconds: 0 },
  });
}

async function seedOne(
  seeds: SeedService,
  file: string,
  notYetLoaded: readonly string[],
): Promise<void> {
  try {
    const summary = await seeds.seedFile(file, {
      onProgress: printSeedProgress(process.stderr),
    });
    process.stdout.write(`Seeded ${JSON.stringify(summary)} from ${file}\n`);
  } catch (error) {
    process.stderr.write(`Not loaded: ${[file, ...notYetLoaded].join(', ')}\n`);
    throw error;
  }
}
