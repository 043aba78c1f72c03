import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlClient } from '../../../database/sql-client.js';
import { EntitySeeder } from '../../../seeding/entity-seeder.js';
import { SeedCollection } from '../../../seeding/seed-collection.js';
import {
  SEED_RESOURCE_MODULE_URL,
  SeedResourceDto,
} from './dto/seed-resource.dto.js';
import { ResourceEntity } from './resource.entity.js';

@Injectable()
@SeedCollection({
  name: 'resources',
  order: 10,
  references: { parentId: 'resources' },
})
export class ResourcesSeeder extends EntitySeeder<
  SeedResourceDto,
  ResourceEntity
> {
  readonly recordClass = SeedResourceDto;
  readonly recordModuleUrl = SEED_RESOURCE_MODULE_URL;

  constructor(dataSource: DataSource, sql: SqlClient) {
    super(dataSource, sql, ResourceEntity);
  }

  protected toEntity(
    record: SeedResourceDto,
  ): Omit<ResourceEntity, 'tenantId' | 'id'> {
    return {
      externalId: record.externalId,
      type: record.type,
      displayName: record.displayName,
      status: record.status,
      registeredDateTime: record.registeredDateTime
        ? new Date(record.registeredDateTime)
        : null,
      registeredRoot: record.registeredRoot ?? null,
      parentId: record.parentId?.toLowerCase() ?? null,
    };
  }
}
