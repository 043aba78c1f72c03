import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module.js';
import { AppConfig, loadAppConfig } from '../config/app-config.js';
import { printSeedProgress } from '../seeding/seed-progress.js';
import { SeedService } from '../seeding/seed.service.js';
import { type Command, UsageError } from './command.js';

const USAGE = `Usage: pim-governance-api seed FILE.json
       (in a clone: npm run seed -- FILE.json)

Loads a seed document (docs/seeding.md) into the database the environment configures
(DATABASE_URL; default ./data/pim.sqlite), then exits. A large seed reports its progress on
stderr.`;

export const seedCommand: Command = {
  summary: 'load a seed file into the configured database',
  usage: USAGE,
  async run(args) {
    const { positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
    });
    if (positionals.length !== 1) {
      throw new UsageError(USAGE);
    }
    const [file] = positionals;
    const config = new AppConfig({
      ...loadAppConfig(process.env),
      seedFile: undefined,
    });
    const context = await NestFactory.createApplicationContext(
      AppModule.forRoot(config),
      { logger: ['error', 'warn'], abortOnError: false },
    );
    try {
      const summary = await context
        .get(SeedService)
        .seedFile(file, { onProgress: printSeedProgress(process.stderr) });
      process.stdout.write(`Seeded ${JSON.stringify(summary)} from ${file}\n`);
    } finally {
      await context.close();
    }
  },
};
