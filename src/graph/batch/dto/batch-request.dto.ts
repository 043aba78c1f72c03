import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

/** Graph's limit on the requests of one batch. */
export const MAX_BATCH_REQUESTS = 20;

/** The methods a request of a batch may use, as Graph's routes answer them. */
export const BATCH_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BatchMethod = (typeof BATCH_METHODS)[number];

/** One request of a batch, as Graph's JSON batching describes it. */
export class BatchRequestStepDto {
  @ApiProperty({
    description:
      'Correlates the response with the request; unique in the batch, letter case aside.',
    example: '1',
  })
  @IsString()
  @IsNotEmpty()
  id: string;

  @ApiProperty({ enum: BATCH_METHODS, description: 'In any letter case.' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  )
  @IsIn(BATCH_METHODS)
  method: BatchMethod;

  @ApiProperty({
    description:
      'Relative to the version, with or without its leading slash: `/privilegedAccess/azureResources/roleAssignmentRequests?$top=5`.',
    example: '/privilegedAccess/azureResources/roleAssignmentRequests',
  })
  @IsString()
  @IsNotEmpty()
  url: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'Headers of the request; `Content-Type` is required with a `body`. `Authorization` is ignored: every request runs as the caller of the batch.',
    example: { 'Content-Type': 'application/json' },
  })
  @IsOptional()
  @IsObject()
  headers?: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      'A JSON object when `Content-Type` is JSON; otherwise the bytes, base64-encoded.',
  })
  @IsOptional()
  body?: unknown;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Ids of earlier requests of the batch that must succeed first; when one fails, this request answers 424 without running.',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  dependsOn?: string[];
}

/** `POST /beta/$batch`: up to 20 requests, run in order. */
export class BatchRequestDto {
  @ApiProperty({
    type: [BatchRequestStepDto],
    minItems: 1,
    maxItems: MAX_BATCH_REQUESTS,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_REQUESTS)
  @ValidateNested({ each: true })
  @Type(() => BatchRequestStepDto)
  requests: BatchRequestStepDto[];
}
