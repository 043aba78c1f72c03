import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { SeedTenantRecordDto } from '../../../../seeding/seed-record.dto.js';
import { SUBJECT_TYPES, type SubjectType } from '../subject.entity.js';

/** Where this module is, for the seed's validation worker threads. */
export const SEED_SUBJECT_MODULE_URL = import.meta.url;

/** One record of `subjects` in a seed file. */
export class SeedSubjectDto extends SeedTenantRecordDto {
  @IsIn(SUBJECT_TYPES)
  type: SubjectType;

  @IsString()
  @Length(1, 256)
  displayName: string;

  @IsOptional()
  @IsString()
  @Length(1, 256)
  email?: string | null;

  @IsOptional()
  @IsString()
  @Length(1, 256)
  principalName?: string | null;
}
