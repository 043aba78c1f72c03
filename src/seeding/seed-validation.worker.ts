import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { validateRecords } from './seed-validation.js';

/** What the seed validation pool hands one worker thread. */
export interface ValidationTask {
  readonly recordModuleUrl: string;
  readonly recordClassName: string;
  readonly collection: string;
  readonly records: unknown[];
  readonly firstIndex: number;
}

const task = workerData as ValidationTask;
const module = (await import(task.recordModuleUrl)) as Record<
  string,
  new () => object
>;
parentPort!.postMessage(
  validateRecords(
    task.collection,
    module[task.recordClassName],
    task.records,
    task.firstIndex,
  ),
);
