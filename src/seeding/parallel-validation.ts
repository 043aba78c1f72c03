import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CollectionSeeder } from './seed-collection.js';
import { findRepeatedIds, validateRecords } from './seed-validation.js';
import type { ValidationTask } from './seed-validation.worker.js';

// Below this many records per thread, starting a worker costs more than it saves.
const RECORDS_PER_THREAD = 20_000;

/**
 * Every problem of a collection. class-validator spends about 75 µs on a request record, so a
 * large collection is validated on all cores: this thread takes the first share, worker threads
 * the others. Workers load the record class from its compiled module; from TypeScript sources
 * (the tests) everything runs in this thread.
 */
export async function validateCollection(
  collection: string,
  seeder: CollectionSeeder,
  records: readonly unknown[],
): Promise<string[]> {
  const threads = Math.min(
    availableParallelism(),
    Math.ceil(records.length / RECORDS_PER_THREAD),
  );
  const repeated = findRepeatedIds(collection, records);
  if (threads <= 1 || !seeder.recordModuleUrl.endsWith('.js')) {
    return [
      ...validateRecords(collection, seeder.recordClass, records),
      ...repeated,
    ];
  }
  const share = Math.ceil(records.length / threads);
  const others = Array.from({ length: threads - 1 }, (_, index) => {
    const firstIndex = (index + 1) * share;
    return inWorker({
      recordModuleUrl: seeder.recordModuleUrl,
      recordClassName: seeder.recordClass.name,
      collection,
      records: records.slice(firstIndex, firstIndex + share),
      firstIndex,
    });
  });
  const own = validateRecords(
    collection,
    seeder.recordClass,
    records.slice(0, share),
  );
  return [...own, ...(await Promise.all(others)).flat(), ...repeated];
}

function inWorker(task: ValidationTask): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(
      new URL('./seed-validation.worker.js', import.meta.url),
      {
        workerData: task,
      },
    );
    worker.once('message', (problems: string[]) => resolve(problems));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`seed validation worker exited with code ${code}`));
      }
    });
  });
}
