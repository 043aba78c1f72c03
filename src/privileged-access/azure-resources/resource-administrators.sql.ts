import type { DataSource } from 'typeorm';
import { EntitySql } from '../../database/entity-sql.js';
import { RoleAssignmentEntity } from './role-assignments/role-assignment.entity.js';
import { RoleDefinitionEntity } from './role-definitions/role-definition.entity.js';

/**
 * The Azure role templates whose active holders administer a resource (its requests and its
 * roles' settings): Owner and User Access Administrator.
 */
export const RESOURCE_ADMINISTRATOR_ROLES: readonly string[] = [
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
];

/** Writes one placeholder for a value, in the order placeholders appear (SQLite's are positional). */
export type Bind = (value: unknown) => string;

/** Who and where: the tenant and resource as SQL (a column, or a placeholder bound when asked). */
export interface AdministeredResource {
  readonly tenant: () => string;
  readonly resource: () => string;
}

/**
 * The condition that a user holds an active Owner or User Access Administrator assignment on a
 * resource, in effect at a time: who administers a resource. Active means an `Active`
 * assignment of the user (not a group's) on that very resource, started and not ended at that
 * time. An eligible assignment is not enough: only its activation, which the role's settings
 * govern, is. Written once for the requests (the cancel's UPDATE reads the resource of the
 * request's row; creating and deciding, a bound one) and for changing a role's settings.
 */
export class ResourceAdministratorsSql {
  private readonly assignments: EntitySql<RoleAssignmentEntity>;
  private readonly definitions: EntitySql<RoleDefinitionEntity>;

  constructor(dataSource: DataSource) {
    this.assignments = new EntitySql(dataSource, RoleAssignmentEntity);
    this.definitions = new EntitySql(dataSource, RoleDefinitionEntity);
  }

  exists(
    where: AdministeredResource,
    userId: string,
    at: Date,
    bind: Bind,
  ): string {
    const a = this.assignments;
    const d = this.definitions;
    const assignment = (property: keyof RoleAssignmentEntity) =>
      `a.${a.column(property)}`;
    return `EXISTS (SELECT 1 FROM ${a.table} a
              JOIN ${d.table} d
                ON d.${d.column('tenantId')} = ${assignment('tenantId')}
               AND d.${d.column('id')} = ${assignment('roleDefinitionId')}
             WHERE ${assignment('tenantId')} = ${where.tenant()}
               AND ${assignment('resourceId')} = ${where.resource()}
               AND ${assignment('subjectId')} = ${bind(userId)}
               AND ${assignment('assignmentState')} = ${bind('Active')}
               AND (${assignment('startDateTime')} IS NULL OR ${assignment('startDateTime')} <= ${bind(a.valueOf('startDateTime', at))})
               AND (${assignment('endDateTime')} IS NULL OR ${assignment('endDateTime')} > ${bind(a.valueOf('endDateTime', at))})
               AND d.${d.column('templateId')} IN (${RESOURCE_ADMINISTRATOR_ROLES.map(bind).join(', ')}))`;
  }
}
