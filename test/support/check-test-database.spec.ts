import checkTestDatabase from './check-test-database.mjs';

describe('the global setup of the postgres e2e project', () => {
  const original = process.env.TEST_DATABASE_URL;
  afterEach(() => {
    process.env.TEST_DATABASE_URL = original;
  });

  it.each(['test', 'test_ci_1764', 'pim_test', 'pim-test-2'])(
    'accepts the database %s',
    (name) => {
      process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${name}`;

      expect(() => checkTestDatabase()).not.toThrow();
    },
  );

  it.each(['postgres', 'pim', 'production', 'contest'])(
    'refuses the database %s',
    (name) => {
      process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${name}`;

      expect(() => checkTestDatabase()).toThrow(
        /does not look like a test database/,
      );
    },
  );
});
