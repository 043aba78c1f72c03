import type { DataSource } from 'typeorm';
import { EntitySql } from '../../database/entity-sql.js';
import type { NextPlaceholder } from '../../database/shaped-statement.js';
import { ResourceEntity } from './resources/resource.entity.js';
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
 * resource or above it, in effect at a time: who administers a resource. Active means an
 * `Active` assignment of the user (not a group's), started and not ended at that time. Above
 * means on a resource whose ARM id the resource's starts with, segment by segment (its
 * subscription, its resource group), as Azure role assignments are inherited by the scopes
 * below them. An eligible assignment is not enough: only its activation, which the role's
 * settings govern, is. Written once for the requests (the cancel's UPDATE reads the resource of the
 * request's row; creating and deciding, a bound one) and for changing a role's settings.
 */
export class ResourceAdministratorsSql {
  private readonly assignments: EntitySql<RoleAssignmentEntity>;
  private readonly definitions: EntitySql<RoleDefinitionEntity>;
  private readonly resources: EntitySql<ResourceEntity>;

  constructor(dataSource: DataSource) {
    this.assignments = new EntitySql(dataSource, RoleAssignmentEntity);
    this.definitions = new EntitySql(dataSource, RoleDefinitionEntity);
    this.resources = new EntitySql(dataSource, ResourceEntity);
  }

  /** The condition, binding its values through `bind` in the order they appear. */
  exists(
    where: AdministeredResource,
    userId: string,
    at: Date,
    bind: Bind,
  ): string {
    const values = this.values(userId, at);
    let next = 0;
    return this.existsSql(where, () => bind(values[next++]));
  }

  /** The condition's values, in the order `existsSql` places them. */
  values(userId: string, at: Date): unknown[] {
    const a = this.assignments;
    return [
      userId,
      'Active',
      a.valueOf('startDateTime', at),
      a.valueOf('endDateTime', at),
      ...RESOURCE_ADMINISTRATOR_ROLES,
    ];
  }

  /** The condition, with a placeholder from `next` for each of `values`, in their order. */
  existsSql(where: AdministeredResource, next: NextPlaceholder): string {
    const a = this.assignments;
    const d = this.definitions;
    const r = this.resources;
    const assignment = (property: keyof RoleAssignmentEntity) =>
      `a.${a.column(property)}`;
    const heldId = `LOWER(held.${r.column('externalId')})`;
    const targetId = `LOWER(target.${r.column('externalId')})`;
    // Placeholders are bound in the order they appear: SQLite's are positional.
    return `EXISTS (SELECT 1 FROM ${a.table} a
              JOIN ${d.table} d
                ON d.${d.column('tenantId')} = ${assignment('tenantId')}
               AND d.${d.column('id')} = ${assignment('roleDefinitionId')}
              JOIN ${r.table} held
                ON held.${r.column('tenantId')} = ${assignment('tenantId')}
               AND held.${r.column('id')} = ${assignment('resourceId')}
              JOIN ${r.table} target
                ON target.${r.column('tenantId')} = ${assignment('tenantId')}
               AND target.${r.column('id')} = ${where.resource()}
             WHERE ${assignment('tenantId')} = ${where.tenant()}
               AND ${assignment('subjectId')} = ${next()}
               AND ${assignment('assignmentState')} = ${next()}
               AND (${assignment('startDateTime')} IS NULL OR ${assignment('startDateTime')} <= ${next()})
               AND (${assignment('endDateTime')} IS NULL OR ${assignment('endDateTime')} > ${next()})
               AND d.${d.column('templateId')} IN (${RESOURCE_ADMINISTRATOR_ROLES.map(() => next()).join(', ')})
               AND (held.${r.column('id')} = target.${r.column('id')}
                    OR SUBSTR(${targetId}, 1, LENGTH(${heldId}) + 1) = ${heldId} || '/'))`;
  }
}
