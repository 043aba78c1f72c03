import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { readFile } from 'node:fs/promises';
import { SqlClient } from '../database/sql-client.js';
import {
  type CollectionSeeder,
  SeedCollection,
  type SeedCollectionOptions,
} from './seed-collection.js';
import { validateCollection } from './parallel-validation.js';
import { SeedError, withoutODataAnnotations } from './seed-validation.js';

export type SeedSummary = Record<string, number>;

interface RegisteredSeeder {
  readonly options: SeedCollectionOptions;
  readonly seeder: CollectionSeeder;
}

/**
 * Loads a seed document `{ <collection>: [records…] }`: validates all of it first, then writes
 * all of it in one transaction, so a bad file changes nothing.
 */
@Injectable()
export class SeedService {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly sql: SqlClient,
  ) {}

  async seedFile(file: string): Promise<SeedSummary> {
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
    return this.seed(document);
  }

  async seed(document: unknown): Promise<SeedSummary> {
    if (
      typeof document !== 'object' ||
      document === null ||
      Array.isArray(document)
    ) {
      throw new SeedError(['the seed must be a JSON object of collections']);
    }
    const seeders = this.registeredSeeders();
    const known = new Map(seeders.map((entry) => [entry.options.name, entry]));
    const problems: string[] = [];
    const batches: { entry: RegisteredSeeder; records: object[] }[] = [];
    for (const [name, records] of Object.entries(document)) {
      const entry = known.get(name);
      if (!entry) {
        problems.push(
          `${name}: unknown collection (known: ${[...known.keys()].join(', ')})`,
        );
      } else if (!Array.isArray(records)) {
        problems.push(`${name}: must be an array`);
      } else {
        const plain = records.map(withoutODataAnnotations) as object[];
        problems.push(...(await validateCollection(name, entry.seeder, plain)));
        batches.push({ entry, records: plain });
      }
    }
    if (problems.length > 0) {
      throw new SeedError(problems);
    }
    batches.sort((a, b) => a.entry.options.order - b.entry.options.order);
    await this.sql.transaction(async (session) => {
      for (const { entry, records } of batches) {
        await entry.seeder.write(session, records);
      }
    });
    return Object.fromEntries(
      batches.map(({ entry, records }) => [entry.options.name, records.length]),
    );
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
