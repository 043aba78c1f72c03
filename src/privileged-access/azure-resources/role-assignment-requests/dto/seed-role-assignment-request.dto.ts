import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GUID_PATTERN } from '../../../../values/guid.js';
import {
  ASSIGNMENT_STATES,
  type AssignmentState,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type RequestStatus,
  type RequestType,
  SCHEDULE_TYPES,
  SUB_STATUSES,
  type SubStatus,
} from '../role-assignment-request.model.js';
import { IsDateTimeText } from '../../../../values/date-time-text.js';
import { IsIsoDuration } from '../../../../clock/iso-duration.js';

const GUID_MESSAGE = { message: '$property must be a GUID' };

export class SeedStatusDetailDto {
  @IsString()
  key: string;

  @IsString()
  value: string;
}

export class SeedRequestStatusDto {
  @IsIn(REQUEST_STATUSES)
  status: RequestStatus;

  @IsIn(SUB_STATUSES)
  subStatus: SubStatus;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SeedStatusDetailDto)
  statusDetails?: SeedStatusDetailDto[];
}

export class SeedScheduleDto {
  @IsOptional()
  @IsIn(SCHEDULE_TYPES)
  type?: string;

  @IsOptional()
  @IsDateTimeText()
  startDateTime?: string | null;

  @IsOptional()
  @IsDateTimeText()
  endDateTime?: string | null;

  @IsOptional()
  @IsIsoDuration()
  // The column's width: PostgreSQL refuses a longer value.
  @MaxLength(64)
  duration?: string | null;
}

/** Where this module is, for the seed's validation worker threads. */
export const SEED_ROLE_ASSIGNMENT_REQUEST_MODULE_URL = import.meta.url;

/** One record of `roleAssignmentRequests` in a seed file: the Graph shape plus its tenant. */
export class SeedRoleAssignmentRequestDto {
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  id: string;

  @Matches(GUID_PATTERN, GUID_MESSAGE)
  tenantId: string;

  @IsOptional()
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  requestorId?: string | null;

  @IsString()
  @Length(1, 128)
  resourceId: string;

  @IsString()
  @Length(1, 128)
  roleDefinitionId: string;

  @IsString()
  @Length(1, 128)
  subjectId: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  linkedEligibleRoleAssignmentId?: string | null;

  @IsIn(REQUEST_TYPES)
  type: RequestType;

  @IsIn(ASSIGNMENT_STATES)
  assignmentState: AssignmentState;

  @IsOptional()
  @IsDateTimeText()
  requestedDateTime?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => SeedScheduleDto)
  schedule?: SeedScheduleDto | null;

  @ValidateNested()
  @Type(() => SeedRequestStatusDto)
  status: SeedRequestStatusDto;
}
