import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { BadRequestError } from '../graph/graph-errors.js';
import {
  isStorableDate,
  STORABLE_YEARS_TEXT,
} from '../values/storable-values.js';
import {
  RoleAssignmentRequestScheduler,
  type SchedulerRun,
} from '../privileged-access/azure-resources/role-assignment-requests/scheduling/role-assignment-request.scheduler.js';
import { SeedService, type SeedSummary } from '../seeding/seed.service.js';
import { SeedError } from '../seeding/seed-validation.js';
import { CallHistory, type ReceivedCall } from './call-history.js';
import type { ClockChangeDto } from './dto/clock-change.dto.js';
import type { FaultDto } from './dto/fault.dto.js';
import { OtherTenantRecordError } from './emulator.errors.js';
import { type Fault, FaultPlan } from './fault-injection.js';
import { TenantDataRepository } from './tenant-data.repository.js';

export interface ClockReading {
  readonly now: string;
  /** How far the service's clock is from the machine's. */
  readonly offsetSeconds: number;
}

export interface ResetSummary {
  readonly deleted: Record<string, number>;
  readonly seeded: SeedSummary;
}

/**
 * The emulator's control API: what a test suite does to the service around its calls. Data,
 * faults and recorded calls are the caller's tenant's; the clock is the whole service's.
 */
@Injectable()
export class EmulatorService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenantData: TenantDataRepository,
    private readonly seeds: SeedService,
    private readonly clock: Clock,
    private readonly scheduler: RoleAssignmentRequestScheduler,
    private readonly faults: FaultPlan,
    private readonly calls: CallHistory,
  ) {}

  /** Empties the tenant (data, faults, recorded calls), then loads `seed` if given. */
  async reset(
    caller: Principal,
    seed: Record<string, unknown> | undefined,
  ): Promise<ResetSummary> {
    const scoped = seed && scopedToTenant(seed, caller.tenantId);
    const deleted = await this.unitOfWork.run(() =>
      this.tenantData.erase(caller.tenantId),
    );
    this.faults.clear(caller.tenantId);
    this.calls.clear(caller.tenantId);
    return { deleted, seeded: scoped ? await this.load(scoped) : {} };
  }

  seed(caller: Principal, document: unknown): Promise<SeedSummary> {
    if (!isPlainObject(document)) {
      throw new BadRequestError(
        'The seed must be a JSON object of collections.',
      );
    }
    return this.load(scopedToTenant(document, caller.tenantId));
  }

  readClock(): ClockReading {
    return {
      now: this.clock.now().toISOString(),
      offsetSeconds: Math.round(this.clock.offset / 1000),
    };
  }

  /** Sets or moves the clock, then runs the time-driven transitions once at the new time. */
  async changeClock(
    change: ClockChangeDto,
  ): Promise<ClockReading & { scheduler: SchedulerRun }> {
    if (change.dateTime !== undefined && change.advanceSeconds !== undefined) {
      throw new BadRequestError(
        'Give dateTime (set the clock) or advanceSeconds (move it), not both.',
      );
    }
    if (change.dateTime !== undefined) {
      this.clock.setTo(new Date(change.dateTime));
    } else if (change.advanceSeconds !== undefined) {
      this.clock.setTo(this.advancedClock(change.advanceSeconds));
    }
    const scheduler = await this.scheduler.runOnce();
    return { ...this.readClock(), scheduler };
  }

  injectFault(caller: Principal, fault: FaultDto): Fault {
    return this.faults.add(caller.tenantId, fault);
  }

  faultsOf(caller: Principal): readonly Fault[] {
    return this.faults.of(caller.tenantId);
  }

  clearFaults(caller: Principal): void {
    this.faults.clear(caller.tenantId);
  }

  callsOf(caller: Principal): readonly ReceivedCall[] {
    return this.calls.of(caller.tenantId);
  }

  /**
   * What the clock reads moved by `seconds`: refused outside the storable years, where nothing
   * stamped by it could be stored (`dateTime` is held to them as every body's date is).
   */
  private advancedClock(seconds: number): Date {
    const now = this.clock.now();
    const moved = new Date(now.getTime() + seconds * 1000);
    if (!isStorableDate(moved)) {
      throw new BadRequestError(
        `advanceSeconds would move the clock from ${now.toISOString()} to ${moved.toISOString()}, outside ${STORABLE_YEARS_TEXT} (UTC); it was not moved.`,
      );
    }
    return moved;
  }

  private async load(document: Record<string, unknown>): Promise<SeedSummary> {
    try {
      return await this.seeds.seed(document);
    } catch (error) {
      if (error instanceof SeedError) {
        throw new BadRequestError(
          `The seed was not loaded: ${error.problems.join('; ')}`,
        );
      }
      throw error;
    }
  }
}

/**
 * The document with every record in the caller's tenant: a record without `tenantId` gets it;
 * one of another tenant is refused.
 */
function scopedToTenant(
  document: Record<string, unknown>,
  tenantId: string,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(document).map(([collection, records]) => [
      collection,
      Array.isArray(records)
        ? records.map((record: unknown, index) => {
            if (!isPlainObject(record)) {
              return record;
            }
            if (record.tenantId === undefined) {
              return { ...record, tenantId };
            }
            if (
              typeof record.tenantId !== 'string' ||
              record.tenantId.toLowerCase() !== tenantId
            ) {
              throw new OtherTenantRecordError(collection, index);
            }
            return record;
          })
        : records,
    ]),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
