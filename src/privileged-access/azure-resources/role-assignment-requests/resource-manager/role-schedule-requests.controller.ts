import {
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  type Type,
} from '@nestjs/common';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import { ArmBody } from '../../../../resource-manager/arm-body.js';
import { InvalidRequestContentError } from '../../../../resource-manager/arm-errors.js';
import { parseArmFilter } from '../../../../resource-manager/arm-filter.js';
import { normalizeGuid } from '../../../../values/guid.js';
import { RoleAssignmentRequestCreation } from '../creation/role-assignment-request-creation.service.js';
import { RoleAssignmentRequestNotFoundError } from '../role-assignment-request.errors.js';
import type {
  NewRequest,
  RequestPlace,
} from '../role-assignment-request.model.js';
import { PutScheduleRequestDto } from './dto/put-schedule-request.dto.js';
import {
  ArmScope,
  CurrentArmRequestIds,
} from '../../../../resource-manager/arm-request.decorators.js';
import type { ArmRequestIds } from '../../../../resource-manager/arm-request-ids.js';
import {
  ARM_PAGE_READ,
  type ArmPage,
  ArmResponses,
} from '../../../../resource-manager/arm-responses.js';
import { ResourceManagerController } from '../../../../resource-manager/resource-manager-controller.decorator.js';
import { ArmIds } from '../../resource-manager/arm-ids.js';
import { PIM_API_VERSIONS } from '../../resource-manager/pim-api-versions.js';
import { RoleAssignmentRequestsService } from '../role-assignment-requests.service.js';
import {
  newRequestOf,
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

/**
 * The Resource Manager routes of one kind of schedule request, over the same requests as the
 * Graph routes: get, list at a scope with ARM's `$filter`, cancel.
 */
function scheduleRequestsController(kind: ScheduleRequestKind): Type {
  @ResourceManagerController(kind.collection, PIM_API_VERSIONS)
  class ScheduleRequestsController {
    constructor(
      private readonly requests: RoleAssignmentRequestsService,
      private readonly creation: RoleAssignmentRequestCreation,
      private readonly armIds: ArmIds,
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
        functions: ['atScope', 'asTarget', 'asRequestor', 'asApprover'],
        properties: ['principalId'],
      });
      const { at: askedAt, resources } = await this.armIds.around(
        caller.tenantId,
        scope,
        { below: !filter.functions.has('atscope') },
      );
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
        approverId: filter.functions.has('asapprover')
          ? caller.actorId
          : undefined,
        after: skipToken,
        limit: ARM_PAGE_READ,
      });
      return this.responses.pageOf(address, found, (page) =>
        this.presenter.present(kind, page),
      );
    }

    @Get(':name')
    async get(
      @CurrentPrincipal() caller: Principal,
      @ArmScope() scope: string,
      @Param('name') name: string,
    ): Promise<ArmScheduleRequest> {
      const request = await this.orScopeNotFound(
        caller,
        scope,
        this.requests.visibleTo(caller, name, atScope(scope)),
      );
      const [presented] = await this.presenter.present(kind, [request]);
      return presented;
    }

    /**
     * Creates the request named `name` (a GUID the client chose) at the scope's resource: 201
     * with it, as the Azure SDK expects; the domain's rules decide as for a Graph request.
     */
    @Put(':name')
    @HttpCode(201)
    async create(
      @CurrentPrincipal() caller: Principal,
      @ArmScope() scope: string,
      @Param('name') name: string,
      @ArmBody(PutScheduleRequestDto) body: PutScheduleRequestDto,
      @CurrentArmRequestIds() ids: ArmRequestIds,
    ): Promise<ArmScheduleRequest> {
      const created = await this.creation.create(
        caller,
        await this.newRequestAt(caller, scope, name, body),
        ids,
      );
      const [presented] = await this.presenter.present(kind, [created]);
      return presented;
    }

    /**
     * The request a PUT of this body would create, checked by the same rules, nothing written:
     * 200 with it, or the error the PUT would answer.
     */
    @Post(':name/validate')
    @HttpCode(200)
    async validate(
      @CurrentPrincipal() caller: Principal,
      @ArmScope() scope: string,
      @Param('name') name: string,
      @ArmBody(PutScheduleRequestDto) body: PutScheduleRequestDto,
    ): Promise<ArmScheduleRequest> {
      const validated = await this.creation.validate(
        caller,
        await this.newRequestAt(caller, scope, name, body),
      );
      const [presented] = await this.presenter.present(kind, [validated]);
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
      await this.orScopeNotFound(
        caller,
        scope,
        this.requests.cancel(caller, name, ids, atScope(scope)),
      );
    }

    /** What a PUT or validate of `name` at `scope` asks the domain for. */
    private async newRequestAt(
      caller: Principal,
      scope: string,
      name: string,
      body: PutScheduleRequestDto,
    ): Promise<NewRequest> {
      const requestName = normalizeGuid(name);
      if (!requestName) {
        throw new InvalidRequestContentError(
          `The request name '${name}' is not a GUID.`,
        );
      }
      const resource = await this.armIds.resourceAt(caller.tenantId, scope);
      if (!resource) {
        throw new InvalidRequestContentError(
          'A schedule request is made at the scope of a resource, not at the root.',
        );
      }
      const asked = body.properties;
      return newRequestOf(kind, {
        ...asked,
        name: requestName,
        resourceId: resource.id,
        roleDefinitionId: await this.armIds.roleDefinitionIdOf(
          caller.tenantId,
          asked.roleDefinitionId,
        ),
      });
    }

    /**
     * A request not found, at a scope that names no resource, is ARM's answer for the scope
     * (SubscriptionNotFound…): looked up only then, so that a found request costs no read.
     */
    private async orScopeNotFound<T>(
      caller: Principal,
      scope: string,
      work: Promise<T>,
    ): Promise<T> {
      try {
        return await work;
      } catch (error) {
        if (error instanceof RoleAssignmentRequestNotFoundError) {
          await this.armIds.resourceAt(caller.tenantId, scope);
        }
        throw error;
      }
    }
  }
  /** Where a route of this collection at this scope finds requests: of its kind, at that very scope. */
  function atScope(scope: string): RequestPlace {
    return {
      assignmentState: kind.assignmentState,
      resourceExternalId: scope,
    };
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
