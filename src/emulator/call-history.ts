import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { givenRequestIdsOf } from '../http/given-request-ids.js';
import { isControlPath } from './fault-injection.js';
import { type RecordedBody, recordedBodyOf } from './recorded-body.js';

/** Calls kept per tenant: the most recent ones. */
const KEPT_CALLS = 500;

export interface ReceivedCall {
  readonly method: string;
  /** The path and query string, as received. */
  readonly url: string;
  readonly status: number;
  readonly requestId: string;
  readonly clientRequestId: string;
  readonly receivedDateTime: string;
  readonly latencyMs: number;
  /** With EMULATOR_RECORD_BODIES only, and only for a call that had a body. */
  readonly body?: RecordedBody;
}

/**
 * The steps of a `$batch` reach the routes through Fastify's `inject` (light-my-request marks
 * them): their bodies are already in the recorded body of the batch.
 */
function isBatchStep(request: FastifyRequest): boolean {
  return (
    (request.raw as { isLightMyRequest?: boolean }).isLightMyRequest === true
  );
}

/**
 * The recent authenticated calls of each tenant (the control API's own left out), so that a
 * suite can assert what its client sent. Kept in this process's memory.
 */
@Injectable()
export class CallHistory {
  private readonly calls = new Map<string, ReceivedCall[]>();

  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Records every response the server sends from now on. */
  listenTo(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      const caller = (request as FastifyRequest & { user?: Principal }).user;
      if (caller && !isControlPath(request.originalUrl)) {
        const ids = givenRequestIdsOf(request.raw);
        const body = this.bodyOf(request);
        this.record(caller.tenantId, {
          method: request.method,
          url: request.originalUrl,
          status: reply.statusCode,
          requestId: ids.requestId,
          clientRequestId: ids.clientRequestId,
          receivedDateTime: new Date(
            this.clock.now().getTime() - reply.elapsedTime,
          ).toISOString(),
          latencyMs: Math.round(reply.elapsedTime * 100) / 100,
          ...(body && { body }),
        });
      }
      done();
    });
  }

  of(tenantId: string): readonly ReceivedCall[] {
    return this.calls.get(tenantId) ?? [];
  }

  clear(tenantId: string): void {
    this.calls.delete(tenantId);
  }

  private bodyOf(request: FastifyRequest): RecordedBody | undefined {
    const { enabled, maxBytes } = this.config.recordedBodies;
    return enabled && !isBatchStep(request)
      ? recordedBodyOf(request.raw, maxBytes)
      : undefined;
  }

  private record(tenantId: string, call: ReceivedCall): void {
    const calls = this.calls.get(tenantId) ?? [];
    calls.push(call);
    if (calls.length > KEPT_CALLS) {
      calls.shift();
    }
    this.calls.set(tenantId, calls);
  }
}
