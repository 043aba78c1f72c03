import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import {
  AppConfig,
  ConfigurationError,
  loadAppConfig,
} from '../config/app-config.js';
import { SeedError } from '../seeding/seed-validation.js';
import { SeedService } from '../seeding/seed.service.js';

/** `npm run seed -- FILE.json`: loads a seed file into the configured database, then exits. */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    throw new SeedError(['usage: npm run seed -- FILE.json']);
  }
  const config = new AppConfig({
    ...loadAppConfig(process.env),
    seedFile: undefined,
  });
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot(config),
    {
      logger: ['error', 'warn'],
      abortOnError: false,
    },
  );
  try {
    const summary = await context.get(SeedService).seedFile(file);
    process.stdout.write(`Seeded ${JSON.stringify(summary)} from ${file}\n`);
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  const expected =
    error instanceof SeedError || error instanceof ConfigurationError;
  process.stderr.write(
    `${expected ? error.message : String((error as Error).stack ?? error)}\n`,
  );
  process.exit(1);
});
