import { Get, HttpCode, Param, Post, Query, type Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import { parseArmFilter } from '../../../../resource-manager/arm-filter.js';
import {
  ArmScope,
  CurrentArmRequestIds,
} from '../../../../resource-manager/arm-request.decorators.js';
import type { ArmRequestIds } from '../../../../resource-manager/arm-request-ids.js';
import {
  type ArmPage,
  ArmResponses,
} from '../../../../resource-manager/arm-responses.js';
import { ResourceManagerController } from '../../../../resource-manager/resource-manager-controller.decorator.js';
import { ArmScopes } from '../../resource-manager/arm-scopes.js';
import { RoleAssignmentRequestsService } from '../role-assignment-requests.service.js';
import type { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';
import {
  ROLE_ASSIGNMENT_SCHEDULE_REQUESTS,
  ROLE_ELIGIBILITY_SCHEDULE_REQUESTS,
  type ScheduleRequestKind,
} from './role-schedule-request.mapping.js';
import {
  type ArmScheduleRequest,
  RoleScheduleRequestPresenter,
} from './role-schedule-request.presenter.js';
// Worded before any of these routes answers.
import './role-assignment-request.arm-errors.js';

export const PIM_API_VERSIONS = ['2020-10-01'] as const;
/** Requests a page of a list holds; `$skiptoken` continues after the last. */
const PAGE_SIZE = 100;

/**
 * The Resource Manager routes of one kind of schedule request, over the same requests as the
 * Graph routes: get, list at a scope with ARM's `$filter`, cancel.
 */
function scheduleRequestsController(kind: ScheduleRequestKind): Type {
  @ApiExcludeController()
  @ResourceManagerController(kind.collection, PIM_API_VERSIONS)
  class ScheduleRequestsController {
    constructor(
      private readonly requests: RoleAssignmentRequestsService,
      private readonly scopes: ArmScopes,
      private readonly presenter: RoleScheduleRequestPresenter,
      private readonly responses: ArmResponses,
    ) {}

    @Get()
    async list(
      @CurrentPrincipal() caller: Principal,
      @ArmScope() scope: string,
      @CurrentRequestAddress() address: RequestAddress,
      @Query('$filter') filterText?: string,
      @Query('$skiptoken') skipToken?: string,
    ): Promise<ArmPage<ArmScheduleRequest>> {
      const filter = parseArmFilter(filterText, {
        functions: ['atScope', 'asTarget', 'asRequestor'],
        properties: ['principalId'],
      });
      const askedAt = await this.scopes.resourceAt(caller.tenantId, scope);
      const resources = await this.scopes.around(caller.tenantId, scope, {
        below: !filter.functions.has('atscope'),
      });
      const found = await this.requests.list(caller, {
        resourceIds: resources.map((resource) => resource.id),
        askedAt: askedAt?.id,
        assignmentState: kind.assignmentState,
        subjectId: filter.functions.has('astarget')
          ? caller.actorId
          : filter.equals.get('principalid')?.toLowerCase(),
        requestorId: filter.functions.has('asrequestor')
          ? caller.actorId
          : undefined,
        after: skipToken,
        limit: PAGE_SIZE + 1,
      });
      const page = found.slice(0, PAGE_SIZE);
      return this.responses.page(
        address,
        await this.presenter.present(kind, page),
        found.length > PAGE_SIZE ? page[page.length - 1].id : undefined,
      );
    }

    @Get(':name')
    async get(
      @CurrentPrincipal() caller: Principal,
      @ArmScope() scope: string,
      @Param('name') name: string,
    ): Promise<ArmScheduleRequest> {
      const request = await this.atScope(caller, scope, name);
      const [presented] = await this.presenter.present(kind, [request]);
      return presented;
    }

    /** 200 without a body, as the Azure SDK expects. */
    @Post(':name/cancel')
    @HttpCode(200)
    async cancel(
      @CurrentPrincipal() caller: Principal,
      @ArmScope() scope: string,
      @Param('name') name: string,
      @CurrentArmRequestIds() ids: ArmRequestIds,
    ): Promise<void> {
      const request = await this.atScope(caller, scope, name);
      await this.requests.cancel(caller, request.id, ids);
    }

    /** The caller's view of a request of this kind at exactly this scope; none elsewhere. */
    private async atScope(
      caller: Principal,
      scope: string,
      name: string,
    ): Promise<RoleAssignmentRequestEntity> {
      const resource = await this.scopes.resourceAt(caller.tenantId, scope);
      return this.requests.visibleTo(
        caller,
        name,
        (request) =>
          request.assignmentState === kind.assignmentState &&
          request.resourceId === resource?.id,
      );
    }
  }
  Object.defineProperty(ScheduleRequestsController, 'name', {
    value: `${kind.resourceType}Controller`,
  });
  return ScheduleRequestsController;
}

export const RoleAssignmentScheduleRequestsController =
  scheduleRequestsController(ROLE_ASSIGNMENT_SCHEDULE_REQUESTS);
export const RoleEligibilityScheduleRequestsController =
  scheduleRequestsController(ROLE_ELIGIBILITY_SCHEDULE_REQUESTS);
