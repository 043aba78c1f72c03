import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsDateTimeText } from '../../../../../values/date-time-text.js';
import {
  ADMIN_DECISIONS,
  type AdminDecision,
  type ApproverDecision,
  ASSIGNMENT_STATES,
  type AssignmentState,
  type RequestedSchedule,
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

/** Refuses a value when the object also holds `other`: two names for one thing, both given. */
function IsAbsentWith(other: string): PropertyDecorator {
  return ValidateBy({
    name: 'isAbsentWith',
    validator: {
      validate: (_value, args) => {
        const given = (args?.object as Record<string, unknown> | undefined)?.[
          other
        ];
        return given === undefined || given === null;
      },
      defaultMessage: (args) =>
        `${args?.property} must not be given with ${other}`,
    },
  });
}

/**
 * The schedule of a decision. Graph's updateRequest example names its end `stopDateTime`, a
 * property governanceSchedule does not have: it is taken as `endDateTime`.
 */
export class DecisionScheduleDto extends CreateScheduleDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description:
      "`endDateTime` by the name of Graph's updateRequest example; not with `endDateTime`.",
  })
  @IsOptional()
  @IsDateTimeText()
  @IsAbsentWith('endDateTime')
  stopDateTime?: string | null;
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
    type: DecisionScheduleDto,
    description:
      "When approving: the schedule granted, the request's own by default.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionScheduleDto)
  schedule?: DecisionScheduleDto;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATES })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATES)
  assignmentState?: AssignmentState;
}

/** The decision as the domain takes it: the schedule's end by either of its names. */
export function adminDecisionOf(body: UpdateRequestDto): AdminDecision {
  if (!body.schedule) {
    return body;
  }
  const { stopDateTime, ...schedule } = body.schedule;
  const granted: RequestedSchedule = {
    ...schedule,
    endDateTime: schedule.endDateTime ?? stopDateTime,
  };
  return { ...body, schedule: granted };
}
