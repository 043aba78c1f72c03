import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSeedProgress } from '../src/seeding/seed-progress.js';
import { SeedService } from '../src/seeding/seed.service.js';
import { userRecord } from './support/directory.js';
import { LogCapture } from './support/log-capture.js';
import { fixtureId } from './support/pim-fixture.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TENANT_A } from './support/tokens.js';

/** The reports on a seed of 6,000 users: one before validating, one per 5,000 written. */
const PROGRESS_OF_6000 = [
  'Seeding subjects: validating 6,000 records',
  'Seeding subjects: 5,000 of 6,000 records written',
  'Seeding subjects: 6,000 of 6,000 records written',
];

/** The sizes tried: a large seed, and the largest that reports nothing. */
const SEEDS: [number, string[]][] = [
  [6000, PROGRESS_OF_6000],
  [999, []],
];

/** A seed file of `count` users, in the test app's folder. */
function writeSubjects(testApp: TestApp, count: number): string {
  const file = path.join(testApp.directory, `${count}-users.seed.json`);
  writeFileSync(
    file,
    JSON.stringify({
      subjects: Array.from({ length: count }, (_, index) =>
        userRecord(TENANT_A, fixtureId('ee200000', index + 1)),
      ),
    }),
  );
  return file;
}

describe('progress while seeding a large file', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it.each(SEEDS)(
    'prints plain lines for a seed of %d records (the seed command’s listener): %j',
    async (count, expected) => {
      const lines: string[] = [];

      await testApp.app
        .get(SeedService)
        .seedFile(writeSubjects(testApp, count), {
          onProgress: printSeedProgress({ write: (text) => lines.push(text) }),
        });

      expect(lines).toEqual(expected.map((line) => `${line}\n`));
    },
  );

  it.each(SEEDS)(
    'logs info lines of the service’s log for a SEED_FILE of %d records at start: %j',
    async (count, expected) => {
      const log = new LogCapture();

      const seeded = await startTestApp(
        { SEED_FILE: writeSubjects(testApp, count), LOG_LEVEL: 'info' },
        { logDestination: log },
      );
      await seeded.close();

      const progress = log
        .entries()
        .filter((entry) => String(entry.msg).startsWith('Seeding '));
      expect(
        progress.map(({ level, context, msg }) => ({ level, context, msg })),
      ).toEqual(
        expected.map((msg) => ({
          level: 'info',
          context: 'SeedingModule',
          msg,
        })),
      );
      expect(
        log.entries().some((entry) => String(entry.msg).startsWith('Seeded ')),
      ).toBe(true);
    },
  );
});
