import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

/** `POST /_emulator/reset`: empty the tenant, then load `seed` (the seed format) if given. */
export class ResetDto {
  @ApiPropertyOptional({
    description: 'A seed document, loaded into the emptied tenant.',
  })
  @IsOptional()
  @IsObject()
  seed?: Record<string, unknown>;
}
