/**
 * Nest 12 ships as ES modules only, so Jest runs in its native ESM mode
 * (`--experimental-vm-modules`, set by `npm test`). The e2e suites run on SQLite always, and
 * again on PostgreSQL when TEST_DATABASE_URL is set.
 * @type {import('jest').Config}
 */
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};

export default {
  testTimeout: 30000,
  // Two test files at a time: on the 2-core CI machine the SQLite project took 256 s (428 s in
  // band, in CI's run with the clock moved), the same 3,001 tests passing. Each file's apps have databases of their own
  // (test/support/test-database.ts); more workers would each open more PostgreSQL connections.
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'sqlite',
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testRegex: '\\.(e2e-)?spec\\.ts$',
    },
    ...(process.env.TEST_DATABASE_URL
      ? [
          {
            ...common,
            displayName: 'postgres',
            roots: ['<rootDir>/test'],
            testRegex: '\\.e2e-spec\\.ts$',
            // Covered by the sqlite run, the database plays no part: the built server and CLIs on
            // their embedded default, HTTPS with the SDK clients over it, the dependency rules, the
            // command line and the packed package (on in-memory SQLite).
            testPathIgnorePatterns: [
              '/startup\\.e2e-spec\\.ts$',
              '/tls\\.e2e-spec\\.ts$',
              '/graph-sdks\\.e2e-spec\\.ts$',
              '/emulator-example\\.e2e-spec\\.ts$',
              '/cli\\.e2e-spec\\.ts$',
              '/package\\.e2e-spec\\.ts$',
              '/dependency-rules\\.e2e-spec\\.ts$',
            ],
            globals: { TEST_DATABASE: 'postgres' },
            globalSetup: '<rootDir>/test/support/check-test-database.mjs',
          },
        ]
      : []),
  ],
};
