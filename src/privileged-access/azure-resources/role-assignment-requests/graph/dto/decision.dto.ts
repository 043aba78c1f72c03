import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ADMIN_DECISIONS,
  type AdminDecision,
  type ApproverDecision,
  ASSIGNMENT_STATES,
  type AssignmentState,
} from '../../role-assignment-request.model.js';
import { CreateScheduleDto } from './create-role-assignment-request.dto.js';

/** `POST …/{id}/approve` and `…/deny` (extensions): the approver's reason. */
export class ApprovalDecisionDto implements ApproverDecision {
  @ApiPropertyOptional({ type: String, maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

/** `POST …/{id}/updateRequest`, as Graph documents it: an administrator's decision. */
export class UpdateRequestDto implements AdminDecision {
  @ApiProperty({ enum: ADMIN_DECISIONS })
  @IsIn(ADMIN_DECISIONS)
  decision: (typeof ADMIN_DECISIONS)[number];

  @ApiProperty({ type: String, maxLength: 4000 })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  reason: string;

  @ApiPropertyOptional({
    type: CreateScheduleDto,
    description:
      "When approving: the schedule granted, the request's own by default.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateScheduleDto)
  schedule?: CreateScheduleDto;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATES })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATES)
  assignmentState?: AssignmentState;
}
