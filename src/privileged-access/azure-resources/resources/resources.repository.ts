import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient } from '../../../database/sql-client.js';
import { TenantKeyedReads } from '../../../database/tenant-keyed-reads.js';
import { ResourceAdministratorsSql } from '../resource-administrators.sql.js';
import { RoleAssignmentEntity } from '../role-assignments/role-assignment.entity.js';
import { RoleDefinitionEntity } from '../role-definitions/role-definition.entity.js';
import { ResourceEntity } from './resource.entity.js';

/** Which resources around an ARM scope a read covers. */
export interface ScopeReach {
  /** The resources whose ids contain the scope's (its resource groups, their resources). */
  readonly below: boolean;
}

/** Which figures of resources a read asks for. */
export interface FiguresAsked {
  /** How many role assignments and role definitions each resource has. */
  readonly roleAssignmentCount: boolean;
  readonly roleDefinitionCount: boolean;
  /** What this subject's own assignments give it on each resource, in effect at `at`. */
  readonly accessOf?: { readonly subjectId: string; readonly at: Date };
}

/** What a subject's assignments give it on a resource. */
export interface ResourceAccess {
  /** It holds an active assignment on the resource, in effect. */
  readonly active: boolean;
  /** It holds an eligible assignment on the resource, in effect. */
  readonly eligible: boolean;
  /** It administers the resource (ResourceAdministratorsSql). */
  readonly administers: boolean;
}

/** The figures of one resource that a read asked for. */
export interface ResourceFigures {
  readonly roleAssignmentCount?: number;
  readonly roleDefinitionCount?: number;
  readonly access?: ResourceAccess;
}

/**
 * The resources' own table, for the modules whose rules read a resource (a request's target)
 * and for the surfaces that address resources by their ARM id (`externalId`), which ARM
 * compares without regard to case.
 */
@Injectable()
export class ResourcesRepository extends TenantKeyedReads(ResourceEntity) {
  private readonly resources: EntitySql<ResourceEntity>;
  private readonly assignments: EntitySql<RoleAssignmentEntity>;
  private readonly definitions: EntitySql<RoleDefinitionEntity>;
  private readonly administrators: ResourceAdministratorsSql;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    super(dataSource, sql);
    this.resources = new EntitySql(dataSource, ResourceEntity);
    this.assignments = new EntitySql(dataSource, RoleAssignmentEntity);
    this.definitions = new EntitySql(dataSource, RoleDefinitionEntity);
    this.administrators = new ResourceAdministratorsSql(dataSource);
  }

  /**
   * The asked figures of the tenant's resources with these ids, by id, in one statement: each
   * figure a subquery on the resource's row. The counts are of the resource's own role
   * assignments and definitions (those its `/roleAssignments` and `/roleDefinitions` list).
   */
  async figuresOf(
    tenantId: string,
    ids: readonly string[],
    asked: FiguresAsked,
  ): Promise<Map<string, ResourceFigures>> {
    if (ids.length === 0) {
      return new Map();
    }
    const r = this.resources;
    const parameters: unknown[] = [];
    // Placeholders are bound in the order they appear: SQLite's are positional.
    const bind = (value: unknown) => r.parameter(parameters.push(value) - 1);
    const resourceColumn = (property: keyof ResourceEntity) =>
      `res.${r.column(property)}`;
    const columns = [
      `${resourceColumn('id')} AS id`,
      ...(asked.roleAssignmentCount
        ? [
            `${this.countOwned(this.assignments, resourceColumn)} AS assignment_count`,
          ]
        : []),
      ...(asked.roleDefinitionCount
        ? [
            `${this.countOwned(this.definitions, resourceColumn)} AS definition_count`,
          ]
        : []),
      ...(asked.accessOf
        ? this.accessSql(asked.accessOf, resourceColumn, bind)
        : []),
    ];
    const rows = await this.sql.rows(
      `SELECT ${columns.join(', ')}
         FROM ${r.table} res
        WHERE ${resourceColumn('tenantId')} = ${bind(tenantId)}
          AND ${resourceColumn('id')} IN (${ids.map(bind).join(', ')})`,
      parameters,
    );
    return new Map(
      rows.map((row) => [
        row.id as string,
        {
          ...(asked.roleAssignmentCount
            ? { roleAssignmentCount: Number(row.assignment_count) }
            : {}),
          ...(asked.roleDefinitionCount
            ? { roleDefinitionCount: Number(row.definition_count) }
            : {}),
          ...(asked.accessOf
            ? {
                access: {
                  active: Number(row.active) === 1,
                  eligible: Number(row.eligible) === 1,
                  administers: Number(row.administers) === 1,
                },
              }
            : {}),
        },
      ]),
    );
  }

  /** How many rows of a table of the resource's tenant name the resource as theirs. */
  private countOwned(
    owned: EntitySql<RoleAssignmentEntity> | EntitySql<RoleDefinitionEntity>,
    resourceColumn: (property: keyof ResourceEntity) => string,
  ): string {
    return `(SELECT COUNT(*) FROM ${owned.table} owned
              WHERE owned.${owned.column('tenantId')} = ${resourceColumn('tenantId')}
                AND owned.${owned.column('resourceId')} = ${resourceColumn('id')})`;
  }

  /** The columns `active`, `eligible` and `administers` of a subject's access, as 1 or 0. */
  private accessSql(
    { subjectId, at }: NonNullable<FiguresAsked['accessOf']>,
    resourceColumn: (property: keyof ResourceEntity) => string,
    bind: (value: unknown) => string,
  ): string[] {
    const a = this.assignments;
    const held = (state: RoleAssignmentEntity['assignmentState']) => {
      const column = (property: keyof RoleAssignmentEntity) =>
        `held.${a.column(property)}`;
      return `CASE WHEN EXISTS (SELECT 1 FROM ${a.table} held
                WHERE ${column('tenantId')} = ${resourceColumn('tenantId')}
                  AND ${column('resourceId')} = ${resourceColumn('id')}
                  AND ${column('subjectId')} = ${bind(subjectId)}
                  AND ${column('assignmentState')} = ${bind(state)}
                  AND (${column('startDateTime')} IS NULL OR ${column('startDateTime')} <= ${bind(a.valueOf('startDateTime', at))})
                  AND (${column('endDateTime')} IS NULL OR ${column('endDateTime')} > ${bind(a.valueOf('endDateTime', at))}))
              THEN 1 ELSE 0 END`;
    };
    // Written in the order they stand in the statement, each binding its values as it goes.
    const active = held('Active');
    const eligible = held('Eligible');
    const administers = this.administrators.exists(
      {
        tenant: () => resourceColumn('tenantId'),
        resource: () => resourceColumn('id'),
      },
      subjectId,
      at,
      bind,
    );
    return [
      `${active} AS active`,
      `${eligible} AS eligible`,
      `CASE WHEN ${administers} THEN 1 ELSE 0 END AS administers`,
    ];
  }

  async insert(resource: ResourceEntity): Promise<void> {
    const r = this.resources;
    await this.sql.run(
      `INSERT INTO ${r.table} ${r.columnList} VALUES ${r.rowPlaceholders(0)}`,
      r.valuesOf(resource),
    );
  }

  /** Records that PIM manages a resource from `at`, registered at the root `registeredRoot`. */
  async markRegistered(
    resource: Pick<ResourceEntity, 'tenantId' | 'id'>,
    at: Date,
    registeredRoot: string,
  ): Promise<void> {
    const r = this.resources;
    await this.sql.run(
      `UPDATE ${r.table}
          SET ${r.column('registeredDateTime')} = ${r.parameter(0)},
              ${r.column('registeredRoot')} = ${r.parameter(1)}
        WHERE ${r.column('tenantId')} = ${r.parameter(2)}
          AND ${r.column('id')} = ${r.parameter(3)}`,
      [
        r.valueOf('registeredDateTime', at),
        registeredRoot,
        resource.tenantId,
        resource.id,
      ],
    );
  }

  /** The tenant's resource with this ARM id, whatever its case. */
  async findByExternalId(
    tenantId: string,
    externalId: string,
  ): Promise<ResourceEntity | undefined> {
    const [found] = await this.withExternalIds(tenantId, [externalId]);
    return found;
  }

  /**
   * The tenant's resources at an ARM scope and above it (the resources whose ids the scope's
   * starts with, segment by segment), and below it when asked. The root scope ('') covers
   * every resource of the tenant.
   */
  async around(
    tenantId: string,
    scope: string,
    reach: ScopeReach,
  ): Promise<ResourceEntity[]> {
    const atAndAbove = await this.withExternalIds(
      tenantId,
      ancestorIdsOf(scope),
    );
    if (!reach.below && scope !== '') {
      return atAndAbove;
    }
    const r = this.resources;
    const prefix = `${scope.toLowerCase()}/`;
    const below = await r.read(
      this.sql,
      `SELECT * FROM ${r.table}
          WHERE ${r.column('tenantId')} = ${r.parameter(0)}
            AND SUBSTR(LOWER(${r.column('externalId')}), 1, ${prefix.length}) = ${r.parameter(1)}`,
      [tenantId, prefix],
    );
    return [...atAndAbove, ...below];
  }

  private async withExternalIds(
    tenantId: string,
    externalIds: readonly string[],
  ): Promise<ResourceEntity[]> {
    if (externalIds.length === 0) {
      return [];
    }
    const r = this.resources;
    const placeholders = externalIds.map((_id, index) =>
      r.parameter(index + 1),
    );
    return r.read(
      this.sql,
      `SELECT * FROM ${r.table}
          WHERE ${r.column('tenantId')} = ${r.parameter(0)}
            AND LOWER(${r.column('externalId')}) IN (${placeholders.join(', ')})`,
      [tenantId, ...externalIds.map((id) => id.toLowerCase())],
    );
  }
}

/**
 * An ARM id and every id above it: `/subscriptions/s/resourceGroups/g` gives itself and
 * `/subscriptions/s`. Ids name a type and a name in turn, so each ancestor ends after an even
 * number of segments.
 */
export function ancestorIdsOf(scope: string): string[] {
  const segments = scope.split('/').filter(Boolean);
  const ids: string[] = [];
  for (let length = segments.length; length >= 2; length -= 2) {
    ids.push(`/${segments.slice(0, length).join('/')}`);
  }
  return ids;
}
