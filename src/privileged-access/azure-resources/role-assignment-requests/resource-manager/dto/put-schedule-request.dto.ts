import { Type } from 'class-transformer';
import {
  Allow,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDuration } from '../../../../../clock/iso-duration.js';
import { IsDateTimeText } from '../../../../../values/date-time-text.js';
import { GUID_PATTERN } from '../../../../../values/guid.js';
import { ARM_REQUEST_TYPES } from '../role-schedule-request.mapping.js';

const EXPIRATION_TYPES = [
  'AfterDuration',
  'AfterDateTime',
  'NoExpiration',
] as const;

export class ExpirationDto {
  @IsOptional()
  @IsIn(EXPIRATION_TYPES)
  type?: (typeof EXPIRATION_TYPES)[number] | null;

  @IsOptional()
  @IsDateTimeText()
  endDateTime?: string | null;

  @IsOptional()
  @IsIsoDuration()
  @MaxLength(64)
  duration?: string | null;
}

export class ScheduleInfoDto {
  @IsOptional()
  @IsDateTimeText()
  startDateTime?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExpirationDto)
  expiration?: ExpirationDto | null;
}

export class TicketInfoDto {
  @IsOptional()
  @IsString()
  @MaxLength(256)
  ticketNumber?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  ticketSystem?: string | null;
}

export class ScheduleRequestPropertiesDto {
  @IsString()
  @MaxLength(1024)
  roleDefinitionId: string;

  @Matches(GUID_PATTERN, { message: '$property must be a GUID' })
  principalId: string;

  @IsIn(Object.values(ARM_REQUEST_TYPES))
  requestType: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleInfoDto)
  scheduleInfo?: ScheduleInfoDto | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  justification?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  linkedRoleEligibilityScheduleId?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => TicketInfoDto)
  ticketInfo?: TicketInfoDto | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  condition?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  conditionVersion?: string | null;

  /** Read-only: the scope is the address's. Clients that echo a read body send it. */
  @Allow()
  scope?: unknown;
}

/** `PUT {scope}/providers/Microsoft.Authorization/role…ScheduleRequests/{name}`. */
export class PutScheduleRequestDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => ScheduleRequestPropertiesDto)
  properties: ScheduleRequestPropertiesDto;
}
