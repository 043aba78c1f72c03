import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { GUID_PATTERN } from '../../../../values/guid.js';
import {
  GUID_MESSAGE,
  SeedTenantRecordDto,
} from '../../../../seeding/seed-record.dto.js';
import { RESOURCE_STATUSES, type ResourceStatus } from '../resource.entity.js';
import { IsDateTimeText } from '../../../../values/date-time-text.js';

/** Where this module is, for the seed's validation worker threads. */
export const SEED_RESOURCE_MODULE_URL = import.meta.url;

/** One record of `resources` in a seed file: the Graph shape, its tenant and its parent. */
export class SeedResourceDto extends SeedTenantRecordDto {
  @IsString()
  @Length(1, 1024)
  externalId: string;

  @IsString()
  @Length(1, 64)
  type: string;

  @IsString()
  @Length(1, 256)
  displayName: string;

  @IsIn(RESOURCE_STATUSES)
  status: ResourceStatus;

  @IsOptional()
  @IsDateTimeText()
  registeredDateTime?: string | null;

  @IsOptional()
  @IsString()
  @Length(1, 1024)
  registeredRoot?: string | null;

  /** The id of the parent resource (a resource group's subscription). */
  @IsOptional()
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  parentId?: string | null;
}
