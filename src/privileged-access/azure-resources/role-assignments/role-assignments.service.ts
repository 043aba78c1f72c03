import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/principal.js';
import { Clock } from '../../../clock/clock.js';
import { NotPermittedError } from '../../../errors/not-permitted.error.js';
import { normalizeGuid } from '../../../values/guid.js';
import { actsOnlyAsUser } from '../pim-administrators.js';
import type { RoleAssignmentEntity } from './role-assignment.entity.js';
import { RoleAssignmentNotFoundError } from './role-assignment.errors.js';
import {
  type AssignmentSelection,
  RoleAssignmentsRepository,
} from './role-assignments.repository.js';

/**
 * Where a caller looks for an assignment (a Resource Manager collection at a scope, say): an
 * assignment elsewhere does not exist for that call.
 */
export type AssignmentWhere = (assignment: RoleAssignmentEntity) => boolean;

/** A list of assignments on some resources, and the resource whose administrators may see it all. */
export interface AssignmentListing extends Omit<
  AssignmentSelection,
  'notEndedAt'
> {
  /** The resource the list is asked at, if any: its administrators see every assignment. */
  readonly askedAt?: string;
}

/**
 * Reading the assignments in effect or to come, by the rule the requests follow: a user sees
 * the assignments that are theirs anywhere, and every assignment of a resource they administer
 * (an active Owner or User Access Administrator assignment on it). An assignment that has ended
 * is gone for its readers, though the scheduler may not have removed its row yet.
 */
@Injectable()
export class RoleAssignmentsService {
  constructor(
    private readonly repository: RoleAssignmentsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * An assignment the caller may see: its subject, and the administrators of its resource.
   * Another tenant's does not exist for them, nor one that is not `where` the caller looks.
   */
  async visibleTo(
    caller: Principal,
    id: string,
    where: AssignmentWhere,
  ): Promise<RoleAssignmentEntity> {
    const now = this.clock.now();
    const assignmentId = normalizeGuid(id);
    const assignment =
      assignmentId &&
      (await this.repository.find(caller.tenantId, assignmentId));
    if (!assignment || hasEnded(assignment, now) || !where(assignment)) {
      throw new RoleAssignmentNotFoundError();
    }
    if (
      actsOnlyAsUser(caller) &&
      assignment.subjectId !== caller.actorId &&
      !(await this.repository.administers(
        caller.tenantId,
        assignment.resourceId,
        caller.actorId,
        now,
      ))
    ) {
      throw new NotPermittedError();
    }
    return assignment;
  }

  /**
   * A page of assignments: a user may list their own anywhere, and all of those at a resource
   * they administer (where the list is asked); anything else is refused.
   */
  async list(
    caller: Principal,
    listing: AssignmentListing,
  ): Promise<RoleAssignmentEntity[]> {
    const now = this.clock.now();
    const { askedAt, ...selection } = listing;
    if (
      actsOnlyAsUser(caller) &&
      selection.subjectId !== caller.actorId &&
      !(
        askedAt !== undefined &&
        (await this.repository.administers(
          caller.tenantId,
          askedAt,
          caller.actorId,
          now,
        ))
      )
    ) {
      throw new NotPermittedError();
    }
    return this.repository.select(caller.tenantId, {
      ...selection,
      notEndedAt: now,
    });
  }
}

function hasEnded(assignment: RoleAssignmentEntity, at: Date): boolean {
  return (
    assignment.endDateTime !== null &&
    assignment.endDateTime.getTime() <= at.getTime()
  );
}
