import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { GUID_PATTERN } from '../../../../values/guid.js';
import {
  GUID_MESSAGE,
  SeedTenantRecordDto,
} from '../../../../seeding/seed-record.dto.js';
import {
  ASSIGNMENT_STATES,
  MEMBER_TYPES,
  type MemberType,
  type RoleAssignmentState,
} from '../role-assignment.entity.js';
import { IsDateTimeText } from '../../../../values/date-time-text.js';

/** Where this module is, for the seed's validation worker threads. */
export const SEED_ROLE_ASSIGNMENT_MODULE_URL = import.meta.url;

/** One record of `roleAssignments` in a seed file. */
export class SeedRoleAssignmentDto extends SeedTenantRecordDto {
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  resourceId: string;

  @Matches(GUID_PATTERN, GUID_MESSAGE)
  roleDefinitionId: string;

  @Matches(GUID_PATTERN, GUID_MESSAGE)
  subjectId: string;

  @IsOptional()
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  linkedEligibleRoleAssignmentId?: string | null;

  @IsString()
  @Length(1, 1024)
  externalId: string;

  @IsOptional()
  @IsDateTimeText()
  startDateTime?: string | null;

  @IsOptional()
  @IsDateTimeText()
  endDateTime?: string | null;

  @IsIn(ASSIGNMENT_STATES)
  assignmentState: RoleAssignmentState;

  @IsIn(MEMBER_TYPES)
  memberType: MemberType;

  @IsString()
  @Length(1, 32)
  status: string;
}
