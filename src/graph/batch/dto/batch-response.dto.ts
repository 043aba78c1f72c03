import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answer of one request of a batch. */
export class BatchStepResponseDto {
  @ApiProperty({ description: 'The id of the request answered.', example: '1' })
  id: string;

  @ApiProperty({ description: 'Its HTTP status.', example: 200 })
  status: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'Its headers: `Content-Type`, `Location`, `Retry-After`, `Allow`, `WWW-Authenticate`, `request-id` and `client-request-id` when it set them.',
    example: { 'Content-Type': 'application/json; charset=utf-8' },
  })
  headers: Record<string, string>;

  @ApiPropertyOptional({
    description:
      'Its JSON body (a Graph error for a failure); any other body base64-encoded; absent when it answered none (204).',
  })
  body?: unknown;
}

/** The answer of `POST /beta/$batch`: one response per request, in the order of the requests. */
export class BatchResponseDto {
  @ApiProperty({ type: [BatchStepResponseDto] })
  responses: BatchStepResponseDto[];
}
