import { Injectable } from '@nestjs/common';
import { ArmReferences } from '../../resource-manager/arm-references.js';
import type { RoleAssignmentEntity } from '../role-assignment.entity.js';
import {
  type ArmSchedule,
  scheduleOf,
  type ScheduleKind,
} from './role-schedule.mapping.js';

/** Assignments as schedules (or instances), with what they point at read once per answer. */
@Injectable()
export class RoleSchedulePresenter {
  constructor(private readonly references: ArmReferences) {}

  async present(
    kind: ScheduleKind,
    assignments: readonly RoleAssignmentEntity[],
  ): Promise<ArmSchedule[]> {
    const referenced = await this.references.of(assignments);
    return assignments.map((assignment, index) =>
      scheduleOf(kind, assignment, referenced[index]),
    );
  }
}
