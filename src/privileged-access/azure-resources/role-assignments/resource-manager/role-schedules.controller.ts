import { Get, Param, Query, type Type } from '@nestjs/common';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import { parseArmFilter } from '../../../../resource-manager/arm-filter.js';
import { ArmScope } from '../../../../resource-manager/arm-request.decorators.js';
import {
  ARM_PAGE_READ,
  type ArmPage,
  ArmResponses,
} from '../../../../resource-manager/arm-responses.js';
import { ResourceManagerController } from '../../../../resource-manager/resource-manager-controller.decorator.js';
import { ArmIds } from '../../resource-manager/arm-ids.js';
import { RoleAssignmentsService } from '../role-assignments.service.js';
import { PIM_API_VERSIONS } from '../../resource-manager/pim-api-versions.js';
import {
  type ArmSchedule,
  ROLE_ASSIGNMENT_SCHEDULE_INSTANCES,
  ROLE_ASSIGNMENT_SCHEDULES,
  ROLE_ELIGIBILITY_SCHEDULE_INSTANCES,
  ROLE_ELIGIBILITY_SCHEDULES,
  type ScheduleKind,
} from './role-schedule.mapping.js';
import { RoleSchedulePresenter } from './role-schedule.presenter.js';
// Worded before any of these routes answers.
import './role-assignment.arm-errors.js';

/**
 * The Resource Manager routes of one kind of schedule (or schedule instance), read from the
 * stored assignments: get, and list at a scope with ARM's `$filter`.
 */
function schedulesController(kind: ScheduleKind): Type {
  @ResourceManagerController(kind.collection, PIM_API_VERSIONS)
  class SchedulesController {
    constructor(
      private readonly assignments: RoleAssignmentsService,
      private readonly armIds: ArmIds,
      private readonly presenter: RoleSchedulePresenter,
      private readonly responses: ArmResponses,
    ) {}

    /**
     * `atScope()`: at the scope and above it; otherwise below it too (at the root, everywhere).
     * `asTarget()` or `principalId eq '…'`: one principal's.
     */
    @Get()
    async list(
      @CurrentPrincipal() caller: Principal,
      @ArmScope() scope: string,
      @CurrentRequestAddress() address: RequestAddress,
      @Query('$filter') filterText?: string,
      @Query('$skiptoken') skipToken?: string,
    ): Promise<ArmPage<ArmSchedule>> {
      const filter = parseArmFilter(filterText, {
        functions: ['atScope', 'asTarget'],
        properties: ['principalId'],
      });
      const { at, resources } = await this.armIds.around(
        caller.tenantId,
        scope,
        { below: !filter.functions.has('atscope') },
      );
      const found = await this.assignments.list(caller, {
        resourceIds: resources.map((resource) => resource.id),
        askedAt: at?.id,
        assignmentState: kind.assignmentState,
        subjectId: filter.functions.has('astarget')
          ? caller.actorId
          : filter.equals.get('principalid')?.toLowerCase(),
        after: skipToken,
        limit: ARM_PAGE_READ,
      });
      return this.responses.pageOf(address, found, (page) =>
        this.presenter.present(kind, page),
      );
    }

    /** One by its name, its assignment's id, at exactly its assignment's scope. */
    @Get(':name')
    async get(
      @CurrentPrincipal() caller: Principal,
      @ArmScope() scope: string,
      @Param('name') name: string,
    ): Promise<ArmSchedule> {
      const at = await this.armIds.resourceAt(caller.tenantId, scope);
      const assignment = await this.assignments.visibleTo(
        caller,
        name,
        (found) =>
          found.assignmentState === kind.assignmentState &&
          found.resourceId === at?.id,
      );
      const [presented] = await this.presenter.present(kind, [assignment]);
      return presented;
    }
  }
  Object.defineProperty(SchedulesController, 'name', {
    value: `${kind.resourceType}Controller`,
  });
  return SchedulesController;
}

export const RoleAssignmentSchedulesController = schedulesController(
  ROLE_ASSIGNMENT_SCHEDULES,
);
export const RoleAssignmentScheduleInstancesController = schedulesController(
  ROLE_ASSIGNMENT_SCHEDULE_INSTANCES,
);
export const RoleEligibilitySchedulesController = schedulesController(
  ROLE_ELIGIBILITY_SCHEDULES,
);
export const RoleEligibilityScheduleInstancesController = schedulesController(
  ROLE_ELIGIBILITY_SCHEDULE_INSTANCES,
);
