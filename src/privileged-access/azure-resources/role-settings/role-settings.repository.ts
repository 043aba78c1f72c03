import { Injectable } from '@nestjs/common';
import type { CallingApi } from '../../../values/request-ids.js';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EntityLookup } from '../../../database/entity-lookup.js';
import { EntitySql } from '../../../database/entity-sql.js';
import { NumberedLog } from '../../../database/numbered-log.js';
import { SqlClient } from '../../../database/sql-client.js';
import { TenantKeyedReads } from '../../../database/tenant-keyed-reads.js';
import { ResourceAdministratorsSql } from '../resource-administrators.sql.js';
import {
  RoleSettingAuditEventEntity,
  type RoleSettingRuleLists,
} from './role-setting-audit-event.entity.js';
import { RoleSettingEntity } from './role-setting.entity.js';

export type RuleListName = keyof RoleSettingRuleLists;

/** One change of a setting, as its audit records it. */
export interface RoleSettingChange {
  readonly tenantId: string;
  readonly roleSettingId: string;
  readonly actorId: string;
  readonly actorType: 'User' | 'Application';
  readonly at: Date;
  readonly httpRequestId: string;
  readonly clientRequestId: string;
  readonly api: CallingApi | null;
  readonly before: RoleSettingRuleLists;
  readonly after: RoleSettingRuleLists;
}

/** The columns a change writes, in the order of the UPDATE's placeholders. */
const WRITTEN = [
  'adminEligibleSettings',
  'adminMemberSettings',
  'userEligibleSettings',
  'userMemberSettings',
  'lastUpdatedDateTime',
  'lastUpdatedBy',
] as const;

/** How a caller stands to a setting of the tenant. */
export type RoleSettingAccess = 'no-such-setting' | 'denied' | 'allowed';

/**
 * The role settings' reads and writes and their audit: plain SQL written once from the entities'
 * metadata, in the calling service's unit of work when it runs in one.
 */
@Injectable()
export class RoleSettingsRepository extends TenantKeyedReads(
  RoleSettingEntity,
) {
  private readonly settings: EntitySql<RoleSettingEntity>;
  private readonly administrators: ResourceAdministratorsSql;
  private readonly byRoleDefinition: EntityLookup<RoleSettingEntity>;
  private readonly updateSql: string;
  private readonly auditTrail: NumberedLog<RoleSettingAuditEventEntity>;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    super(dataSource, sql);
    const settings = new EntitySql(dataSource, RoleSettingEntity);
    this.settings = settings;
    this.administrators = new ResourceAdministratorsSql(dataSource);
    this.byRoleDefinition = new EntityLookup(
      dataSource,
      sql,
      RoleSettingEntity,
      ['tenantId', 'roleDefinitionId'],
    );
    this.updateSql = `UPDATE ${settings.table}
        SET ${WRITTEN.map((property, index) => `${settings.column(property)} = ${settings.parameter(index)}`).join(', ')}
      WHERE ${settings.column('tenantId')} = ${settings.parameter(WRITTEN.length)}
        AND ${settings.column('id')} = ${settings.parameter(WRITTEN.length + 1)}`;
    this.auditTrail = new NumberedLog(
      dataSource,
      sql,
      RoleSettingAuditEventEntity,
      ['tenantId', 'roleSettingId'],
    );
  }

  /** The setting of a role: its rules govern the role's requests. */
  findByRoleDefinition(
    tenantId: string,
    roleDefinitionId: string,
  ): Promise<RoleSettingEntity | undefined> {
    return this.byRoleDefinition.find(tenantId, roleDefinitionId);
  }

  /**
   * Up to `limit` settings of the roles of a resource, in the order of their ids, after the id
   * `after` when given: a page of a list, continued from its last.
   */
  async pageOfResource(
    tenantId: string,
    resourceId: string,
    page: { after?: string; limit: number },
  ): Promise<RoleSettingEntity[]> {
    const s = this.settings;
    const parameters: unknown[] = [tenantId, resourceId];
    const after =
      page.after === undefined
        ? ''
        : `AND ${s.column('id')} > ${s.parameter(parameters.push(page.after) - 1)}`;
    return s.read(
      this.sql,
      `SELECT * FROM ${s.table}
        WHERE ${s.column('tenantId')} = ${s.parameter(0)}
          AND ${s.column('resourceId')} = ${s.parameter(1)}
          ${after}
        ORDER BY ${s.column('id')}
        LIMIT ${s.parameter(parameters.push(page.limit) - 1)}`,
      parameters,
    );
  }

  /** The settings of the roles of some of the tenant's resources. */
  async ofResources(
    tenantId: string,
    resourceIds: readonly string[],
  ): Promise<RoleSettingEntity[]> {
    if (resourceIds.length === 0) {
      return [];
    }
    const s = this.settings;
    return s.read(
      this.sql,
      `SELECT * FROM ${s.table}
        WHERE ${s.column('tenantId')} = ${s.parameter(0)}
          AND ${s.column('resourceId')} IN (${resourceIds.map((_id, index) => s.parameter(index + 1)).join(', ')})`,
      [tenantId, ...resourceIds],
    );
  }

  /** Whether the tenant has the setting, and whether the user administers its resource `at`. */
  async accessOf(
    tenantId: string,
    id: string,
    userId: string,
    at: Date,
  ): Promise<RoleSettingAccess> {
    const found = await this.findWithAccess(tenantId, id, userId, at);
    if (!found) {
      return 'no-such-setting';
    }
    return found.administered ? 'allowed' : 'denied';
  }

  /** The setting, and whether the user administers its resource `at`. */
  async findWithAccess(
    tenantId: string,
    id: string,
    userId: string,
    at: Date,
  ): Promise<
    { setting: RoleSettingEntity; administered: boolean } | undefined
  > {
    const settings = this.settings;
    const parameters: unknown[] = [];
    const bind = (value: unknown) =>
      settings.parameter(parameters.push(value) - 1);
    // Placeholders are bound in the order they appear: SQLite's are positional.
    const administered = this.administrators.exists(
      {
        tenant: () => `${settings.table}.${settings.column('tenantId')}`,
        resource: () => `${settings.table}.${settings.column('resourceId')}`,
      },
      userId,
      at,
      bind,
    );
    const found = await this.sql.rowArrays(
      `SELECT ${settings.table}.*, CASE WHEN ${administered} THEN 1 ELSE 0 END AS administered
         FROM ${settings.table}
        WHERE ${settings.column('tenantId')} = ${bind(tenantId)}
          AND ${settings.column('id')} = ${bind(id)}`,
      parameters,
    );
    const [setting] = settings.hydrateAll(found);
    return setting
      ? {
          setting,
          administered:
            Number(found.rows[0][found.columns.lastIndexOf('administered')]) ===
            1,
        }
      : undefined;
  }

  /** Writes the setting's four rule lists, as changed by `change`. */
  async replaceRules(change: RoleSettingChange): Promise<void> {
    const values = {
      ...change.after,
      lastUpdatedDateTime: change.at,
      lastUpdatedBy: change.actorId,
    };
    await this.sql.run(this.updateSql, [
      ...WRITTEN.map((property) =>
        this.settings.valueOf(property, values[property]),
      ),
      change.tenantId,
      change.roleSettingId,
    ]);
  }

  /**
   * Records the change after the setting's others. The caller's unit of work holds the
   * setting (UnitOfWork.serialize), so no other change can take the same place.
   */
  async recordChange(change: RoleSettingChange): Promise<void> {
    await this.auditTrail.append({
      tenantId: change.tenantId,
      id: randomUUID(),
      roleSettingId: change.roleSettingId,
      actorId: change.actorId,
      actorType: change.actorType,
      occurredDateTime: change.at,
      httpRequestId: change.httpRequestId,
      clientRequestId: change.clientRequestId,
      api: change.api,
      before: change.before,
      after: change.after,
    });
  }
}
