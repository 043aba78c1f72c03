import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { INJECTED_STATUSES, type InjectedStatus } from '../emulator.errors.js';

/** `POST /_emulator/faults`: the next `count` calls that match answer `status`. */
export class FaultDto {
  @ApiProperty({ enum: INJECTED_STATUSES })
  @IsIn(INJECTED_STATUSES)
  status!: InjectedStatus;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  count?: number;

  @ApiPropertyOptional({ example: 'POST' })
  @IsOptional()
  @IsIn(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])
  method?: string;

  /** Calls whose path starts with this one (letter case ignored). */
  @ApiPropertyOptional({
    example: '/beta/privilegedAccess/azureResources/roleAssignmentRequests',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\//, { message: 'path must start with /' })
  @MaxLength(2000)
  path?: string;

  @ApiPropertyOptional({ default: 1, minimum: 0, maximum: 3600 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;
}
