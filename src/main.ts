import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigurationError, loadAppConfig } from './config/app-config.js';
import { SeedError } from './seeding/seed-validation.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadAppConfig(process.env, {
    interactive: process.stdout.isTTY,
  });
  const app = await createApp(config);
  // Start-up work (SEED_FILE) runs here, so that its errors are not taken for listen errors.
  await app.init();
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    // A host that does not resolve or is not ours, a port in use: name the variables, no stack.
    throw new ConfigurationError(
      `Cannot listen on HOST=${config.host} PORT=${config.port}: ${(error as Error).message}`,
    );
  }
  logger.log(`Serving ${await app.getUrl()}/beta`);
  if (config.auth.developmentSecretFile) {
    logger.warn(
      `Development mode: tokens are HS256-signed with the secret in ${config.auth.developmentSecretFile}. ` +
        `Mint one with: npm run --silent token -- --tid <tenant> --oid <user> --scp PrivilegedAccess.ReadWrite.AzureResources`,
    );
  }
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigurationError || error instanceof SeedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `The service could not start: ${(error as Error).stack ?? String(error)}\n`,
    );
  }
  process.exit(1);
});
