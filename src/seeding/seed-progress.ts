/** A seed of fewer records loads in about a second: nobody waits long enough to want progress. */
export const PROGRESS_FROM_RECORDS = 1_000;

/** Records written between two progress reports (and per call of a collection's seeder). */
export const RECORDS_PER_PROGRESS_STEP = 5_000;

/** How far a large seed has come, told per collection before its validation and per step written. */
export interface SeedProgress {
  readonly collection: string;
  readonly stage: 'validating' | 'writing';
  /** Records of the collection written so far: 0 while validating. */
  readonly written: number;
  /** Records of the collection in the seed. */
  readonly records: number;
}

export type SeedProgressListener = (progress: SeedProgress) => void;

export interface SeedOptions {
  /** Told how a seed of PROGRESS_FROM_RECORDS records or more moves on; never for a smaller one. */
  readonly onProgress?: SeedProgressListener;
}

// Counts are written the same way whatever the machine's locale, so that logs can be searched.
const counts = new Intl.NumberFormat('en-US');

export function describeSeedProgress(progress: SeedProgress): string {
  const records = counts.format(progress.records);
  return progress.stage === 'validating'
    ? `Seeding ${progress.collection}: validating ${records} records`
    : `Seeding ${progress.collection}: ${counts.format(progress.written)} of ${records} records written`;
}

/** Plain lines for a person at a terminal (the seed command writes them to stderr). */
export function printSeedProgress(output: {
  write(text: string): unknown;
}): SeedProgressListener {
  return (progress) => output.write(`${describeSeedProgress(progress)}\n`);
}
