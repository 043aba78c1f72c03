import { describeSeedProgress, printSeedProgress } from './seed-progress.js';

describe('seed progress', () => {
  it('describes each stage with its counts, in the same digits on every machine', () => {
    expect(
      describeSeedProgress({
        collection: 'subjects',
        stage: 'validating',
        written: 0,
        records: 12000,
      }),
    ).toBe('Seeding subjects: validating 12,000 records');
    expect(
      describeSeedProgress({
        collection: 'subjects',
        stage: 'writing',
        written: 5000,
        records: 12000,
      }),
    ).toBe('Seeding subjects: 5,000 of 12,000 records written');
  });

  it('prints one plain line per report', () => {
    const lines: string[] = [];
    const print = printSeedProgress({ write: (text) => lines.push(text) });

    print({
      collection: 'roleAssignments',
      stage: 'writing',
      written: 1,
      records: 1,
    });

    expect(lines).toEqual([
      'Seeding roleAssignments: 1 of 1 records written\n',
    ]);
  });
});
