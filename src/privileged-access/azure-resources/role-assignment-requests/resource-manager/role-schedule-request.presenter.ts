import { Injectable } from '@nestjs/common';
import { ResourcesRepository } from '../../resources/resources.repository.js';
import { RoleDefinitionsRepository } from '../../role-definitions/role-definitions.repository.js';
import { SubjectsRepository } from '../../subjects/subjects.repository.js';
import type { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';
import {
  ARM_REQUEST_TYPES,
  type ArmScheduleInfo,
  scheduleInfoOf,
  type ScheduleRequestKind,
} from './role-schedule-request.mapping.js';

/** A role assignment (or eligibility) schedule request, in Resource Manager's JSON. */
export interface ArmScheduleRequest {
  properties: Record<string, unknown> & {
    scope: string;
    roleDefinitionId: string;
    principalId: string;
    principalType: string | null;
    requestType: string;
    status: string;
    scheduleInfo: ArmScheduleInfo | null;
    justification: string | null;
    createdOn: string;
    requestorId: string | null;
  };
  name: string;
  id: string;
  type: string;
}

interface Named {
  id: string;
  displayName: string | null;
  type: string | null;
}

/**
 * Requests in Resource Manager's shape: what the request row holds, and what ARM names through
 * the rows it points at (its resource's ARM id as `scope`, its role definition's ARM id, its
 * subject's type), read once per page.
 */
@Injectable()
export class RoleScheduleRequestPresenter {
  constructor(
    private readonly resources: ResourcesRepository,
    private readonly roleDefinitions: RoleDefinitionsRepository,
    private readonly subjects: SubjectsRepository,
  ) {}

  async present(
    kind: ScheduleRequestKind,
    requests: readonly RoleAssignmentRequestEntity[],
  ): Promise<ArmScheduleRequest[]> {
    const lookups = new PageLookups(
      this.resources,
      this.roleDefinitions,
      this.subjects,
    );
    return Promise.all(
      requests.map((request) => this.presentOne(kind, request, lookups)),
    );
  }

  private async presentOne(
    kind: ScheduleRequestKind,
    request: RoleAssignmentRequestEntity,
    lookups: PageLookups,
  ): Promise<ArmScheduleRequest> {
    const { tenantId } = request;
    const [resource, role, subject] = await Promise.all([
      lookups.resource(tenantId, request.resourceId),
      lookups.roleDefinition(tenantId, request.roleDefinitionId),
      lookups.subject(tenantId, request.subjectId),
    ]);
    const scope = resource?.externalId ?? '';
    const roleDefinitionId = role?.externalId ?? request.roleDefinitionId;
    const scopeInfo: Named = {
      id: scope,
      displayName: resource?.displayName ?? null,
      type: resource?.type ?? null,
    };
    return {
      properties: {
        [kind.targetSchedule]: null,
        [kind.targetScheduleInstance]: null,
        scope,
        roleDefinitionId,
        principalId: request.subjectId,
        principalType: subject?.type ?? null,
        requestType: ARM_REQUEST_TYPES[request.type],
        status: request.subStatus,
        approvalId: null,
        scheduleInfo: scheduleInfoOf(request),
        ...(kind.assignmentState === 'Active' && {
          linkedRoleEligibilityScheduleId:
            request.linkedEligibleRoleAssignmentId,
        }),
        justification: request.reason,
        ticketInfo: {
          ticketNumber: request.ticketNumber,
          ticketSystem: request.ticketSystem,
        },
        condition: request.condition,
        conditionVersion: request.conditionVersion,
        createdOn: request.requestedDateTime.toISOString(),
        requestorId: request.requestorId,
        expandedProperties: {
          scope: scopeInfo,
          roleDefinition: {
            id: roleDefinitionId,
            displayName: role?.displayName ?? null,
            type: 'BuiltInRole',
          },
          principal: {
            id: request.subjectId,
            displayName: subject?.displayName ?? null,
            email: subject?.email ?? null,
            type: subject?.type ?? null,
          },
        },
      },
      name: request.id,
      id: `${scope}/providers/Microsoft.Authorization/${kind.resourceType}/${request.id}`,
      type: `Microsoft.Authorization/${kind.resourceType}`,
    };
  }
}

/** The rows a page of requests points at, each read once for the page. */
class PageLookups {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly resources: ResourcesRepository,
    private readonly roleDefinitions: RoleDefinitionsRepository,
    private readonly subjects: SubjectsRepository,
  ) {}

  resource(tenantId: string, id: string) {
    return this.once(`resource/${id}`, () => this.resources.find(tenantId, id));
  }

  roleDefinition(tenantId: string, id: string) {
    return this.once(`role/${id}`, () =>
      this.roleDefinitions.find(tenantId, id),
    );
  }

  subject(tenantId: string, id: string) {
    return this.once(`subject/${id}`, () => this.subjects.find(tenantId, id));
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let found = this.cache.get(key) as Promise<T> | undefined;
    if (!found) {
      found = read();
      this.cache.set(key, found);
    }
    return found;
  }
}
