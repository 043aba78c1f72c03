import { DiscoveryService } from '@nestjs/core';

/** Writes one collection of a seed file; provided by the module that owns the collection. */
export interface CollectionSeeder<TRecord extends object = object> {
  /** A class-validator class describing one record of the collection. */
  readonly recordClass: new () => TRecord;
  /**
   * The URL of the module exporting `recordClass` under its class name, so that worker threads
   * can validate large collections in parallel (`import.meta.url` of that module).
   */
  readonly recordModuleUrl: string;
  /**
   * Writes validated records in the seed's unit of work, replacing those with the same tenant
   * and id. The records are the file's plain objects, of the shape `recordClass` validated.
   */
  write(records: TRecord[]): Promise<void>;
  /** The ids the collection already stores for a tenant, for the references of other collections. */
  existingIds?(tenantId: string): Promise<Set<string>>;
}

export interface SeedCollectionOptions {
  /** The collection's key in the seed file, such as `roleAssignmentRequests`. */
  readonly name: string;
  /** Collections are written in ascending order, so that referenced records come first. */
  readonly order: number;
  /**
   * Fields of a record naming a record of another collection (`{ roleDefinitionId:
   * 'roleDefinitions' }`): the seed is refused unless that record is in the seed or stored, in
   * the same tenant.
   */
  readonly references?: Readonly<Record<string, string>>;
}

/** Marks a provider as the seeder of a seed-file collection; the seeding module finds it. */
export const SeedCollection =
  DiscoveryService.createDecorator<SeedCollectionOptions>();
