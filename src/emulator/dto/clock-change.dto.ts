import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDateTimeText } from '../../values/date-time-text.js';

const TEN_YEARS_IN_SECONDS = 10 * 366 * 24 * 3600;

/** `POST /_emulator/clock`: set the clock, or move it; either way the scheduler then runs once. */
export class ClockChangeDto {
  @ApiPropertyOptional({ example: '2026-12-01T09:00:00Z' })
  @IsOptional()
  @IsDateTimeText()
  dateTime?: string;

  @ApiPropertyOptional({ example: 3600 })
  @IsOptional()
  @IsInt()
  @Min(-TEN_YEARS_IN_SECONDS)
  @Max(TEN_YEARS_IN_SECONDS)
  advanceSeconds?: number;
}
