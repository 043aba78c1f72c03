import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { GraphError } from '../graph-error.js';
import type { RequestIds } from '../../values/request-ids.js';
import {
  batchIdKey,
  type PlannedStep,
  type StepRequest,
} from './batch-plan.js';
import { FailedDependencyError } from './batch.errors.js';
import { refusedStepResponse, stepResponse } from './batch-step-response.js';
import type {
  BatchResponseDto,
  BatchStepResponseDto,
} from './dto/batch-response.dto.js';

/**
 * Runs the requests of a batch one after the other, each through the whole application as if
 * it had been sent on its own (Fastify's `inject` on the same server: authentication,
 * permissions, request shape, throttling, the exception filter, the request log), and gathers
 * their answers. A request that fails never fails the batch; a request depending on one that
 * failed answers 424 without running.
 */
@Injectable()
export class BatchRunner {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async run(
    steps: readonly PlannedStep[],
    ids: RequestIds,
  ): Promise<BatchResponseDto> {
    const statuses = new Map<string, number>();
    const responses: BatchStepResponseDto[] = [];
    for (const step of steps) {
      const response = await this.answer(step, statuses, ids);
      statuses.set(batchIdKey(step.id), response.status);
      responses.push(response);
    }
    return { responses };
  }

  private async answer(
    step: PlannedStep,
    statuses: ReadonlyMap<string, number>,
    ids: RequestIds,
  ): Promise<BatchStepResponseDto> {
    // A dependency that answered 424 failed too, so a chain stops at its first failure.
    const failed = step.dependsOn.find(
      (id) => (statuses.get(batchIdKey(id)) ?? 0) >= 400,
    );
    if (failed !== undefined) {
      return refusedStepResponse(
        step.id,
        new FailedDependencyError(failed),
        ids,
      );
    }
    if (step.request instanceof GraphError) {
      return refusedStepResponse(step.id, step.request, ids);
    }
    return stepResponse(step.id, await this.send(step.request));
  }

  private send(request: StepRequest) {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    return fastify.inject({
      method: request.method,
      url: request.url,
      headers: request.headers,
      ...(request.payload !== undefined && { payload: request.payload }),
    });
  }
}
