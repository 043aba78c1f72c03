import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient, type SqlSession } from '../../../database/sql-client.js';
import { ResourceAdministratorsSql } from '../resource-administrators.sql.js';
import {
  RoleSettingAuditEventEntity,
  type RoleSettingRuleLists,
} from './role-setting-audit-event.entity.js';
import {
  RoleSettingEntity,
  type RoleSettingRule,
} from './role-setting.entity.js';

export type RuleListName = keyof RoleSettingRuleLists;

/** Who changes a setting, when, and in which HTTP call. */
export interface RoleSettingActor {
  readonly actorId: string;
  readonly actorType: 'User' | 'Application';
  readonly at: Date;
  readonly httpRequestId: string;
  readonly clientRequestId: string;
  /**
   * True when the actor may change the setting only as an administrator of its resource (a
   * user without a PIM directory role); false for those who administer every resource.
   */
  readonly mustAdminister: boolean;
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

/** The role settings' writes and their audit: plain SQL written once from the entities' metadata. */
@Injectable()
export class RoleSettingsRepository {
  private readonly settings: EntitySql<RoleSettingEntity>;
  private readonly auditEvents: EntitySql<RoleSettingAuditEventEntity>;
  private readonly administrators: ResourceAdministratorsSql;
  private readonly updateSql: string;
  private readonly insertAuditEventSql: string;
  private readonly lastSequenceSql: string;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    const settings = new EntitySql(dataSource, RoleSettingEntity);
    const auditEvents = new EntitySql(dataSource, RoleSettingAuditEventEntity);
    this.settings = settings;
    this.auditEvents = auditEvents;
    this.administrators = new ResourceAdministratorsSql(dataSource);
    this.updateSql = `UPDATE ${settings.table}
        SET ${WRITTEN.map((property, index) => `${settings.column(property)} = ${settings.parameter(index)}`).join(', ')}
      WHERE ${settings.column('tenantId')} = ${settings.parameter(WRITTEN.length)}
        AND ${settings.column('id')} = ${settings.parameter(WRITTEN.length + 1)}`;
    this.insertAuditEventSql = `INSERT INTO ${auditEvents.table} ${auditEvents.columnList} VALUES ${auditEvents.rowPlaceholders(0)}`;
    this.lastSequenceSql = `SELECT COALESCE(MAX(${auditEvents.column('sequence')}), 0) AS sequence FROM ${auditEvents.table}
      WHERE ${auditEvents.column('tenantId')} = ${auditEvents.parameter(0)} AND ${auditEvents.column('roleSettingId')} = ${auditEvents.parameter(1)}`;
  }

  /** Whether the tenant has the setting, and whether the user administers its resource `at`. */
  async accessOf(
    tenantId: string,
    id: string,
    userId: string,
    at: Date,
  ): Promise<RoleSettingAccess> {
    const found = await this.findWithAccess(this.sql, tenantId, id, userId, at);
    if (!found) {
      return 'no-such-setting';
    }
    return found.administered ? 'allowed' : 'denied';
  }

  /**
   * Replaces the given rule lists of a setting and records the change (the four lists before
   * and after, and its place after the setting's other changes) in one transaction, provided the
   * actor may change it. The setting is read under a lock of its own, so that of two changes at
   * once the second records what the first left, in the place after it.
   */
  change(
    tenantId: string,
    id: string,
    rules: Partial<Record<RuleListName, RoleSettingRule[]>>,
    actor: RoleSettingActor,
  ): Promise<RoleSettingAccess> {
    return this.sql.transaction(async (session) => {
      await session.serialize(`role-setting:${tenantId}:${id}`);
      const found = await this.findWithAccess(
        session,
        tenantId,
        id,
        actor.actorId,
        actor.at,
      );
      if (!found) {
        return 'no-such-setting';
      }
      if (actor.mustAdminister && !found.administered) {
        return 'denied';
      }
      const before = ruleListsOf(found.setting);
      const after: RoleSettingRuleLists = { ...before, ...rules };
      const values = {
        ...after,
        lastUpdatedDateTime: actor.at,
        lastUpdatedBy: actor.actorId,
      };
      await session.run(this.updateSql, [
        ...WRITTEN.map((property) =>
          this.settings.valueOf(property, values[property]),
        ),
        tenantId,
        id,
      ]);
      // The lock taken above keeps every other change of the setting from taking this place.
      const [last] = await session.rows(this.lastSequenceSql, [tenantId, id]);
      await session.run(
        this.insertAuditEventSql,
        this.auditEvents.valuesOf({
          tenantId,
          id: randomUUID(),
          roleSettingId: id,
          actorId: actor.actorId,
          actorType: actor.actorType,
          occurredDateTime: actor.at,
          sequence: Number(last.sequence) + 1,
          httpRequestId: actor.httpRequestId,
          clientRequestId: actor.clientRequestId,
          before,
          after,
        }),
      );
      return 'allowed';
    });
  }

  /** The setting, and whether the user administers its resource `at`. */
  private async findWithAccess(
    session: SqlSession,
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
    const [row] = await session.rows(
      `SELECT ${settings.table}.*, CASE WHEN ${administered} THEN 1 ELSE 0 END AS administered
         FROM ${settings.table}
        WHERE ${settings.column('tenantId')} = ${bind(tenantId)}
          AND ${settings.column('id')} = ${bind(id)}`,
      parameters,
    );
    return row
      ? {
          setting: settings.hydrate(row),
          administered: Number(row.administered) === 1,
        }
      : undefined;
  }
}

function ruleListsOf(setting: RoleSettingEntity): RoleSettingRuleLists {
  return {
    adminEligibleSettings: setting.adminEligibleSettings,
    adminMemberSettings: setting.adminMemberSettings,
    userEligibleSettings: setting.userEligibleSettings,
    userMemberSettings: setting.userMemberSettings,
  };
}
