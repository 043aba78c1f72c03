import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticationOnly } from '../../auth/authentication-only.decorator.js';
import { nodeRequestOf } from '../../http/node-http.js';
import type { RequestIds } from '../../values/request-ids.js';
import { ApiGraphErrors } from '../api-graph-errors.decorator.js';
import { GraphBody } from '../graph-body.js';
import { CurrentRequestIds } from '../request-ids.decorator.js';
import { planBatch } from './batch-plan.js';
import { BatchRunner } from './batch-runner.service.js';
import { InvalidBatchError } from './batch.errors.js';
import {
  BatchRequestDto,
  MAX_BATCH_REQUESTS,
} from './dto/batch-request.dto.js';
import { BatchResponseDto } from './dto/batch-response.dto.js';

@Controller('beta')
@ApiTags('batch')
export class BatchController {
  constructor(private readonly runner: BatchRunner) {}

  @Post('$batch')
  @HttpCode(200)
  // Each request of the batch passes the permission check of its own route.
  @AuthenticationOnly()
  @ApiOperation({
    summary: 'JSON batching',
    description: [
      `Up to ${MAX_BATCH_REQUESTS} requests of this API in one call, as Microsoft Graph's JSON batching: each runs as if sent on its own, as the caller of the batch (its own \`Authorization\` header is ignored), with its own status, headers and body in the answer.`,
      'The requests run one after the other, in the order given; a request whose `dependsOn` names one that failed (status 400 or more, or itself not run) answers 424 `FailedDependency` without running. A request that fails never fails the batch. A request whose url is absolute, or is `$batch` itself, answers 400 without running. Each request needs the permissions of its own route, and answers 403 without them.',
    ].join('\n\n'),
  })
  @ApiBody({ type: BatchRequestDto })
  @ApiOkResponse({
    type: BatchResponseDto,
    description: 'One response per request, in the order of the requests.',
  })
  @ApiGraphErrors({
    key: 'invalidBatch',
    summary:
      'no `requests` array, none or more than 20 requests, a request without `id`, `method` or `url`, two requests of one id, a `dependsOn` naming no earlier request, a body without `Content-Type` or, with a JSON one, not an object',
    error: new InvalidBatchError(
      "the id '1' is used by more than one request; ids must be unique, letter case aside.",
    ),
  })
  batch(
    @GraphBody(BatchRequestDto) batch: BatchRequestDto,
    @Req() request: unknown,
    @CurrentRequestIds() ids: RequestIds,
  ): Promise<BatchResponseDto> {
    const steps = planBatch(batch, {
      // The request pipeline authenticated the batch with it: it is there.
      authorization: nodeRequestOf(request).headers.authorization ?? '',
      clientRequestId: ids.clientRequestId,
    });
    return this.runner.run(steps, ids);
  }
}
