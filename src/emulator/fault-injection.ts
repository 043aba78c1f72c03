import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import type { FaultDto } from './dto/fault.dto.js';
import { InjectedFaultError, type InjectedStatus } from './emulator.errors.js';

export const EMULATOR_ROUTE = '_emulator';

export interface Fault {
  readonly id: string;
  readonly status: InjectedStatus;
  remaining: number;
  readonly method: string | null;
  readonly path: string | null;
  readonly retryAfterSeconds: number;
}

/** The faults each tenant asked for, taken by the calls they match in the order they were set. */
@Injectable()
export class FaultPlan {
  private readonly faults = new Map<string, Fault[]>();

  add(tenantId: string, request: FaultDto): Fault {
    const fault: Fault = {
      id: randomUUID(),
      status: request.status,
      remaining: request.count ?? 1,
      method: request.method ?? null,
      path: request.path?.toLowerCase() ?? null,
      retryAfterSeconds: request.retryAfterSeconds ?? 1,
    };
    this.faults.set(tenantId, [...this.of(tenantId), fault]);
    return fault;
  }

  of(tenantId: string): readonly Fault[] {
    return this.faults.get(tenantId) ?? [];
  }

  clear(tenantId: string): void {
    this.faults.delete(tenantId);
  }

  /** The first fault matching the call, counted down; undefined when none does. */
  take(tenantId: string, method: string, path: string): Fault | undefined {
    const lowerPath = path.toLowerCase();
    const fault = this.of(tenantId).find(
      (candidate) =>
        (candidate.method === null || candidate.method === method) &&
        (candidate.path === null || lowerPath.startsWith(candidate.path)),
    );
    if (!fault) {
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining === 0) {
      this.faults.set(
        tenantId,
        this.of(tenantId).filter((other) => other !== fault),
      );
    }
    return fault;
  }
}

/**
 * Answers an authenticated call with the fault its tenant injected, before the route runs (so
 * nothing changes). The control API itself is never faulted: a suite must be able to clean up.
 */
@Injectable()
export class FaultInjectionGuard implements CanActivate {
  constructor(private readonly plan: FaultPlan) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: Principal }>();
    // As the client wrote it: a Resource Manager address is routed without its scope.
    const path = request.originalUrl.split('?')[0];
    if (!request.user || isControlPath(path)) {
      return true;
    }
    const fault = this.plan.take(request.user.tenantId, request.method, path);
    if (fault) {
      throw new InjectedFaultError(fault.status, fault.retryAfterSeconds);
    }
    return true;
  }
}

export function isControlPath(path: string): boolean {
  return path.toLowerCase().startsWith(`/${EMULATOR_ROUTE}/`);
}
