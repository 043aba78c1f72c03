import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { readFile } from 'node:fs/promises';
import { UnitOfWork } from '../database/unit-of-work.js';
import {
  type CollectionSeeder,
  SeedCollection,
  type SeedCollectionOptions,
} from './seed-collection.js';
import { validateCollection } from './parallel-validation.js';
import { withoutODataAnnotations } from '../graph/odata/annotations.js';
import { SeedError } from './seed-validation.js';
import { resolveRelativeTimes } from './relative-times.js';
import { Clock } from '../clock/clock.js';
import {
  PROGRESS_FROM_RECORDS,
  RECORDS_PER_PROGRESS_STEP,
  type SeedOptions,
  type SeedProgressListener,
} from './seed-progress.js';

export type SeedSummary = Record<string, number>;

interface RegisteredSeeder {
  readonly options: SeedCollectionOptions;
  readonly seeder: CollectionSeeder;
}

interface SeedBatch {
  readonly entry: RegisteredSeeder;
  readonly records: object[];
}

type SeedRecord = Record<string, unknown>;

/** The ids of each collection and tenant: the seed's own, then the stored ones, read once. */
class TenantIds {
  private readonly cache = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly batches: readonly SeedBatch[],
    private readonly known: ReadonlyMap<string, RegisteredSeeder>,
  ) {}

  async has(
    collection: string,
    tenantId: string,
    id: string,
  ): Promise<boolean> {
    const key = `${collection}\u0000${tenantId}`;
    let ids = this.cache.get(key);
    if (!ids) {
      ids = this.load(collection, tenantId);
      this.cache.set(key, ids);
    }
    return (await ids).has(id);
  }

  private async load(
    collection: string,
    tenantId: string,
  ): Promise<Set<string>> {
    const seeder = this.known.get(collection)?.seeder;
    if (!seeder?.existingIds) {
      throw new Error(`No seeder can tell the stored ids of ${collection}`);
    }
    const ids = await seeder.existingIds(tenantId);
    for (const { entry, records } of this.batches) {
      if (entry.options.name !== collection) {
        continue;
      }
      for (const record of records as SeedRecord[]) {
        if (String(record.tenantId).toLowerCase() === tenantId) {
          ids.add(String(record.id).toLowerCase());
        }
      }
    }
    return ids;
  }
}

/** The place a validation problem names: what stands before its first `: `. */
function problemPlace(problem: string): string {
  return problem.slice(0, problem.indexOf(': '));
}

/** The caller's listener for a seed large enough to report on; a no-op otherwise. */
function progressListener(
  document: object,
  options: SeedOptions,
): SeedProgressListener {
  const records = Object.values(document).reduce<number>(
    (sum, records) => sum + (Array.isArray(records) ? records.length : 0),
    0,
  );
  return options.onProgress && records >= PROGRESS_FROM_RECORDS
    ? options.onProgress
    : () => undefined;
}

/** Writes a collection a step of records at a time, reporting after each. */
async function writeInSteps(
  { entry, records }: SeedBatch,
  report: SeedProgressListener,
): Promise<void> {
  for (
    let written = 0;
    written < records.length;
    written += RECORDS_PER_PROGRESS_STEP
  ) {
    const step = records.slice(written, written + RECORDS_PER_PROGRESS_STEP);
    await entry.seeder.write(step);
    report({
      collection: entry.options.name,
      stage: 'writing',
      written: written + step.length,
      records: records.length,
    });
  }
}

/**
 * Loads a seed document `{ <collection>: [records…] }`: validates all of it first, then writes
 * all of it in one transaction, so a bad file changes nothing. Relative times (`now-PT2H`) are
 * read at the service clock's one moment of the call.
 */
@Injectable()
export class SeedService {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async seedFile(
    file: string,
    options: SeedOptions = {},
  ): Promise<SeedSummary> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new SeedError([
        `${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`,
      ]);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new SeedError([
        `${file}: is not valid JSON (${(error as Error).message})`,
      ]);
    }
    return this.seed(document, options);
  }

  async seed(
    document: unknown,
    options: SeedOptions = {},
  ): Promise<SeedSummary> {
    if (
      typeof document !== 'object' ||
      document === null ||
      Array.isArray(document)
    ) {
      throw new SeedError(['the seed must be a JSON object of collections']);
    }
    const now = this.clock.now();
    const report = progressListener(document, options);
    const seeders = this.registeredSeeders();
    const known = new Map(seeders.map((entry) => [entry.options.name, entry]));
    const problems: string[] = [];
    const batches: SeedBatch[] = [];
    for (const [name, records] of Object.entries(document)) {
      const entry = known.get(name);
      if (!entry) {
        problems.push(
          `${name}: unknown collection (known: ${[...known.keys()].join(', ')})`,
        );
      } else if (!Array.isArray(records)) {
        problems.push(`${name}: must be an array`);
      } else {
        report({
          collection: name,
          stage: 'validating',
          written: 0,
          records: records.length,
        });
        const resolved = resolveRelativeTimes(
          name,
          records.map(withoutODataAnnotations),
          now,
        );
        const plain = resolved.records as object[];
        problems.push(
          ...[...resolved.problems].map(
            ([place, problem]) => `${place}: ${problem}`,
          ),
          // A relative time that could not be read is not also named as a bad date-time.
          ...(await validateCollection(name, entry.seeder, plain)).filter(
            (problem) => !resolved.problems.has(problemPlace(problem)),
          ),
        );
        batches.push({ entry, records: plain });
      }
    }
    if (problems.length === 0) {
      problems.push(...(await this.missingReferences(batches, known)));
    }
    if (problems.length > 0) {
      throw new SeedError(problems);
    }
    batches.sort((a, b) => a.entry.options.order - b.entry.options.order);
    await this.unitOfWork.run(async () => {
      for (const batch of batches) {
        await writeInSteps(batch, report);
      }
    });
    return Object.fromEntries(
      batches.map(({ entry, records }) => [entry.options.name, records.length]),
    );
  }

  /** Every reference to a record that is neither in the seed nor stored, in the same tenant. */
  private async missingReferences(
    batches: readonly SeedBatch[],
    known: ReadonlyMap<string, RegisteredSeeder>,
  ): Promise<string[]> {
    const ids = new TenantIds(batches, known);
    const problems: string[] = [];
    for (const { entry, records } of batches) {
      for (const [field, collection] of Object.entries(
        entry.options.references ?? {},
      )) {
        for (const [index, record] of (records as SeedRecord[]).entries()) {
          const value = record[field];
          if (typeof value !== 'string') {
            continue;
          }
          const tenantId = String(record.tenantId).toLowerCase();
          if (!(await ids.has(collection, tenantId, value.toLowerCase()))) {
            problems.push(
              `${entry.options.name}[${index}].${field}: no ${collection} record with id '${value}' in tenant '${tenantId}', in this seed or stored`,
            );
          }
        }
      }
    }
    return problems;
  }

  private registeredSeeders(): RegisteredSeeder[] {
    return this.discovery
      .getProviders({ metadataKey: SeedCollection.KEY })
      .flatMap((wrapper) => {
        const options = this.discovery.getMetadataByDecorator(
          SeedCollection,
          wrapper,
        );
        return options && wrapper.instance
          ? [{ options, seeder: wrapper.instance as CollectionSeeder }]
          : [];
      });
  }
}
