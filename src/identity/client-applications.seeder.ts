import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bulkUpsert } from '../database/bulk-upsert.js';
import { EntitySql } from '../database/entity-sql.js';
import { SqlClient } from '../database/sql-client.js';
import type { CollectionSeeder } from '../seeding/seed-collection.js';
import { SeedCollection } from '../seeding/seed-collection.js';
import { ClientApplicationEntity } from './client-application.entity.js';
import { secretDigest } from './client-secret.js';
import {
  SEED_CLIENT_APPLICATION_MODULE_URL,
  SeedClientApplicationDto,
} from './dto/seed-client-application.dto.js';

/** The `clients` of a seed: the apps that may sign in at the development token endpoint. */
@Injectable()
@SeedCollection({ name: 'clients', order: 5 })
export class ClientApplicationsSeeder implements CollectionSeeder<SeedClientApplicationDto> {
  readonly recordClass = SeedClientApplicationDto;
  readonly recordModuleUrl = SEED_CLIENT_APPLICATION_MODULE_URL;
  private readonly sql: EntitySql<ClientApplicationEntity>;

  constructor(
    dataSource: DataSource,
    private readonly client: SqlClient,
  ) {
    this.sql = new EntitySql(dataSource, ClientApplicationEntity);
  }

  write(records: SeedClientApplicationDto[]): Promise<void> {
    // Keyed by client id rather than `id`, a repeated client escapes the seed's check of
    // repeated ids: the last one wins, as it does across writes, and one statement never
    // upserts a row twice (PostgreSQL refuses that).
    const byKey = new Map<string, ClientApplicationEntity>();
    for (const record of records) {
      const entity = toEntity(record);
      byKey.set(`${entity.tenantId}\u0000${entity.id}`, entity);
    }
    return bulkUpsert(this.client, this.sql, [...byKey.values()]);
  }
}

function toEntity(record: SeedClientApplicationDto): ClientApplicationEntity {
  const clientId = record.clientId.toLowerCase();
  return {
    tenantId: record.tenantId.toLowerCase(),
    id: clientId,
    secretSha256: secretDigest(record.clientSecret),
    appRoles: record.appRoles.join(' '),
    objectId: record.objectId?.toLowerCase() ?? clientId,
  };
}
