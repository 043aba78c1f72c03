import { seedCommandConfig } from './seed.command.js';

describe('the seed command’s configuration', () => {
  const environment = {
    AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters!',
    DATABASE_URL: 'sqlite::memory:',
    SEED_FILE: 'loaded-at-every-start.json',
    SCHEDULER_INTERVAL_SECONDS: '30',
  };

  it('does not run the request scheduler, which would move the data while it loads', () => {
    expect(
      seedCommandConfig(environment).lifecycle.schedulerIntervalSeconds,
    ).toBe(0);
  });

  it('does not load SEED_FILE: only the files it is given', () => {
    expect(seedCommandConfig(environment).seedFile).toBeUndefined();
  });

  it('keeps the rest of the service’s configuration', () => {
    expect(seedCommandConfig(environment).database).toMatchObject({
      type: 'sqlite',
      path: ':memory:',
    });
  });
});
