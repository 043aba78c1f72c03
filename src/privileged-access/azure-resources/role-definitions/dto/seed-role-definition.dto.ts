import { IsString, Length, Matches } from 'class-validator';
import { GUID_PATTERN } from '../../../../values/guid.js';
import {
  GUID_MESSAGE,
  SeedTenantRecordDto,
} from '../../../../seeding/seed-record.dto.js';

/** Where this module is, for the seed's validation worker threads. */
export const SEED_ROLE_DEFINITION_MODULE_URL = import.meta.url;

/** One record of `roleDefinitions` in a seed file. */
export class SeedRoleDefinitionDto extends SeedTenantRecordDto {
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  resourceId: string;

  @IsString()
  @Length(1, 1024)
  externalId: string;

  @IsString()
  @Length(1, 256)
  displayName: string;

  @Matches(GUID_PATTERN, GUID_MESSAGE)
  templateId: string;
}
