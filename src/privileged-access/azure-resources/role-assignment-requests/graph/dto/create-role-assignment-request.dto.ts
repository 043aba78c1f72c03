import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateTimeText } from '../../../../../values/date-time-text.js';
import { GUID_PATTERN } from '../../../../../values/guid.js';
import {
  ASSIGNMENT_STATES,
  type AssignmentState,
  REQUEST_TYPES,
  type RequestType,
  SCHEDULE_TYPES,
  type NewRequest,
  type RequestedSchedule,
} from '../../role-assignment-request.model.js';
import { IsIsoDuration } from '../../../../../clock/iso-duration.js';

const GUID = { message: '$property must be a GUID' };

export class CreateScheduleDto implements RequestedSchedule {
  @ApiPropertyOptional({ enum: SCHEDULE_TYPES, example: 'Once' })
  @IsOptional()
  @IsIn(SCHEDULE_TYPES)
  type?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Now when omitted.',
  })
  @IsOptional()
  @IsDateTimeText()
  startDateTime?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'With neither it nor `duration`, the assignment is permanent.',
  })
  @IsOptional()
  @IsDateTimeText()
  endDateTime?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 64, example: 'PT8H' })
  @IsOptional()
  @IsIsoDuration()
  @MaxLength(64)
  duration?: string | null;
}

/** `POST …/roleAssignmentRequests`: what the caller asks for. */
export class CreateRoleAssignmentRequestDto implements NewRequest {
  @ApiProperty({ type: String, format: 'uuid' })
  @Matches(GUID_PATTERN, GUID)
  resourceId: string;

  @ApiProperty({ type: String, format: 'uuid' })
  @Matches(GUID_PATTERN, GUID)
  roleDefinitionId: string;

  @ApiProperty({ type: String, format: 'uuid' })
  @Matches(GUID_PATTERN, GUID)
  subjectId: string;

  @ApiProperty({ enum: ASSIGNMENT_STATES })
  @IsIn(ASSIGNMENT_STATES)
  assignmentState: AssignmentState;

  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  type: RequestType;

  @ApiPropertyOptional({ type: String, maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string | null;

  @ApiPropertyOptional({ type: CreateScheduleDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateScheduleDto)
  schedule?: CreateScheduleDto | null;

  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @Matches(GUID_PATTERN, GUID)
  linkedEligibleRoleAssignmentId?: string | null;
}

/**
 * `POST …/resources/{resourceId}/roleAssignmentRequests` (the path of Kiota's builders): the
 * URL names the resource, so the body may leave it out; a body naming another is refused.
 */
export class CreateRoleAssignmentRequestOnResourceDto extends OmitType(
  CreateRoleAssignmentRequestDto,
  ['resourceId'] as const,
) {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    description: 'The resource of the URL, if given.',
  })
  @IsOptional()
  @Matches(GUID_PATTERN, GUID)
  resourceId?: string;
}
