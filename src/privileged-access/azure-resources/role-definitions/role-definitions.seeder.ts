import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlClient } from '../../../database/sql-client.js';
import { EntitySeeder } from '../../../seeding/entity-seeder.js';
import { SeedCollection } from '../../../seeding/seed-collection.js';
import {
  SEED_ROLE_DEFINITION_MODULE_URL,
  SeedRoleDefinitionDto,
} from './dto/seed-role-definition.dto.js';
import { RoleDefinitionEntity } from './role-definition.entity.js';

@Injectable()
@SeedCollection({
  name: 'roleDefinitions',
  order: 30,
  references: { resourceId: 'resources' },
})
export class RoleDefinitionsSeeder extends EntitySeeder<
  SeedRoleDefinitionDto,
  RoleDefinitionEntity
> {
  readonly recordClass = SeedRoleDefinitionDto;
  readonly recordModuleUrl = SEED_ROLE_DEFINITION_MODULE_URL;

  constructor(dataSource: DataSource, sql: SqlClient) {
    super(dataSource, sql, RoleDefinitionEntity);
  }

  protected toEntity(
    record: SeedRoleDefinitionDto,
  ): Omit<RoleDefinitionEntity, 'tenantId' | 'id'> {
    return {
      resourceId: record.resourceId.toLowerCase(),
      externalId: record.externalId,
      displayName: record.displayName,
      templateId: record.templateId.toLowerCase(),
    };
  }
}
