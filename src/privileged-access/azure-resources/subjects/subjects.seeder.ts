import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlClient } from '../../../database/sql-client.js';
import { EntitySeeder } from '../../../seeding/entity-seeder.js';
import { SeedCollection } from '../../../seeding/seed-collection.js';
import {
  SEED_SUBJECT_MODULE_URL,
  SeedSubjectDto,
} from './dto/seed-subject.dto.js';
import { SubjectEntity } from './subject.entity.js';

@Injectable()
@SeedCollection({ name: 'subjects', order: 20 })
export class SubjectsSeeder extends EntitySeeder<
  SeedSubjectDto,
  SubjectEntity
> {
  readonly recordClass = SeedSubjectDto;
  readonly recordModuleUrl = SEED_SUBJECT_MODULE_URL;

  constructor(dataSource: DataSource, sql: SqlClient) {
    super(dataSource, sql, SubjectEntity);
  }

  protected toEntity(
    record: SeedSubjectDto,
  ): Omit<SubjectEntity, 'tenantId' | 'id'> {
    return {
      type: record.type,
      displayName: record.displayName,
      email: record.email ?? null,
      principalName: record.principalName ?? null,
    };
  }
}
