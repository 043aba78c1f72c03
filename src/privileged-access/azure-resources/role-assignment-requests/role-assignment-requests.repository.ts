import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bulkUpsert } from '../../../database/bulk-upsert.js';
import { EntityLookup } from '../../../database/entity-lookup.js';
import { EntitySql } from '../../../database/entity-sql.js';
import { NumberedLog } from '../../../database/numbered-log.js';
import {
  type NextPlaceholder,
  ShapedStatement,
  type StatementShape,
} from '../../../database/shaped-statement.js';
import { SqlClient } from '../../../database/sql-client.js';
import type { CallingApi } from '../../../values/request-ids.js';
import { RoleAssignmentRequestAuditEventEntity } from './role-assignment-request-audit-event.entity.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import { ResourceAdministratorsSql } from '../resource-administrators.sql.js';
import type {
  AssignmentState,
  AuditAction,
  RequestPlace,
  RequestStatus,
  SubStatus,
} from './role-assignment-request.model.js';
import { ResourceEntity } from '../resources/resource.entity.js';
import type { ApprovalRoute } from './creation/role-assignment-request.policy.js';

export interface TransitionAudit {
  readonly action: AuditAction;
  readonly actorId: string;
  readonly actorType: 'User' | 'Application' | 'Scheduler';
  readonly httpRequestId: string;
  readonly clientRequestId: string;
  readonly api: CallingApi | null;
  readonly reason?: string | null;
}

/**
 * A user who may act on a request only as its requestor or subject, or as an administrator of
 * its resource: an active Owner or User Access Administrator assignment on it, in effect `at`.
 */
export interface UserActor {
  readonly userId: string;
  readonly at: Date;
  /** True when being its requestor or subject is not enough: only administrators may. */
  readonly administratorsOnly?: boolean;
}

/** How a user stands to a request of the tenant. */
export type UserAccess = 'no-such-request' | 'denied' | 'allowed';

export interface Transition {
  readonly tenantId: string;
  readonly requestId: string;
  /** When set, the transition happens only if this user may act on the request. */
  readonly onlyFor?: UserActor;
  /** When set, the transition happens only to a request in that place. */
  readonly within?: RequestPlace;
  /** The transition happens only if the request is in one of these sub-statuses. */
  readonly fromSubStatuses: readonly SubStatus[];
  readonly toStatus: RequestStatus;
  readonly toSubStatus: SubStatus;
  readonly audit: TransitionAudit;
}

/** Which requests are due: those whose `property` is at or before `limit`; all when empty. */
export interface DueBy {
  readonly property?: 'scheduleStartDateTime' | 'requestedDateTime';
  readonly limit?: Date;
}

/** Which requests of a tenant a list shows, a page at a time in the order of their ids. */
export interface RequestSelection {
  readonly resourceIds: readonly string[];
  readonly assignmentState: AssignmentState;
  readonly subjectId?: string;
  readonly requestorId?: string;
  /** Only requests waiting in PendingApproval for this approver, on these routes, not their own. */
  readonly awaitingApproval?: {
    readonly approverId: string;
    readonly routes: readonly ApprovalRoute[];
  };
  /** The last id of the previous page. */
  readonly after?: string;
  readonly limit: number;
}

/** The requests' database access: plain SQL written once from the entities' metadata. */
@Injectable()
export class RoleAssignmentRequestsRepository {
  private readonly requests: EntitySql<RoleAssignmentRequestEntity>;
  private readonly byKey: EntityLookup<RoleAssignmentRequestEntity>;
  private readonly auditTrail: NumberedLog<RoleAssignmentRequestAuditEventEntity>;
  private readonly administrators: ResourceAdministratorsSql;
  private readonly resources: EntitySql<ResourceEntity>;
  private readonly moveStatement: ShapedStatement<Transition>;
  private readonly accessStatement: ShapedStatement<AccessQuestion>;
  private readonly findAtStatement: ShapedStatement<PlacedLookup>;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    this.administrators = new ResourceAdministratorsSql(dataSource);
    this.resources = new EntitySql(dataSource, ResourceEntity);
    const requests = new EntitySql(dataSource, RoleAssignmentRequestEntity);
    this.requests = requests;
    this.byKey = new EntityLookup(
      dataSource,
      sql,
      RoleAssignmentRequestEntity,
      ['tenantId', 'id'],
    );
    this.auditTrail = new NumberedLog(
      dataSource,
      sql,
      RoleAssignmentRequestAuditEventEntity,
      ['tenantId', 'requestId'],
    );
    const placeholder = (index: number) => requests.parameter(index);
    this.moveStatement = new ShapedStatement(placeholder, this.moveShape());
    this.accessStatement = new ShapedStatement(placeholder, this.accessShape());
    this.findAtStatement = new ShapedStatement(placeholder, this.findAtShape());
  }

  findInTenant(
    tenantId: string,
    id: string,
  ): Promise<RoleAssignmentRequestEntity | undefined> {
    return this.byKey.find(tenantId, id);
  }

  /** The tenant's request of that id, if it is in that place. */
  async findAt(
    tenantId: string,
    id: string,
    place: RequestPlace,
  ): Promise<RoleAssignmentRequestEntity | undefined> {
    const { text, parameters } = this.findAtStatement.of({
      tenantId,
      id,
      place,
    });
    const [entity] = await this.requests.read(this.sql, text, parameters);
    return entity;
  }

  /** A page of the tenant's requests on some resources, by id. */
  async select(
    tenantId: string,
    selection: RequestSelection,
  ): Promise<RoleAssignmentRequestEntity[]> {
    if (selection.resourceIds.length === 0) {
      return [];
    }
    const sql = this.requests;
    const parameters: unknown[] = [];
    const bind = (value: unknown) => sql.parameter(parameters.push(value) - 1);
    // Bound in the order they appear: SQLite's placeholders are positional.
    const conditions = [
      `${sql.column('tenantId')} = ${bind(tenantId)}`,
      `${sql.column('resourceId')} IN (${selection.resourceIds.map(bind).join(', ')})`,
      `${sql.column('assignmentState')} = ${bind(selection.assignmentState)}`,
      ...(selection.subjectId === undefined
        ? []
        : [`${sql.column('subjectId')} = ${bind(selection.subjectId)}`]),
      ...(selection.requestorId === undefined
        ? []
        : [`${sql.column('requestorId')} = ${bind(selection.requestorId)}`]),
      ...(selection.awaitingApproval === undefined
        ? []
        : [this.awaitingApprovalSql(selection.awaitingApproval, bind)]),
      ...(selection.after === undefined
        ? []
        : [`${sql.column('id')} > ${bind(selection.after)}`]),
    ];
    return sql.read(
      this.sql,
      `SELECT * FROM ${sql.table}
        WHERE ${conditions.join(' AND ')}
        ORDER BY ${sql.column('id')}
        LIMIT ${bind(selection.limit)}`,
      parameters,
    );
  }

  /**
   * Up to `batch` requests of any tenant in one of the sub-statuses (and whose `property` is at
   * or before `limit`): the scheduler's work.
   */
  async inSubStatuses(
    subStatuses: readonly SubStatus[],
    { property, limit }: DueBy,
    batch: number,
  ): Promise<RoleAssignmentRequestEntity[]> {
    const sql = this.requests;
    const parameters: unknown[] = [];
    const bind = (value: unknown) => sql.parameter(parameters.push(value) - 1);
    // Bound in the order they appear: SQLite's placeholders are positional.
    const inSubStatuses = subStatuses.map(bind).join(', ');
    const due =
      property && limit
        ? `AND ${sql.column(property)} <= ${bind(sql.valueOf(property, limit))}`
        : '';
    return sql.read(
      this.sql,
      `SELECT * FROM ${sql.table}
        WHERE ${sql.column('subStatus')} IN (${inSubStatuses})
          ${due}
        LIMIT ${bind(batch)}`,
      parameters,
    );
  }

  /** Whether the tenant has the request, and whether the user may act on it. */
  async accessOf(
    tenantId: string,
    requestId: string,
    actor: UserActor,
  ): Promise<UserAccess> {
    const { text, parameters } = this.accessStatement.of({
      tenantId,
      requestId,
      actor,
    });
    const [row] = await this.sql.rows(text, parameters);
    if (!row) {
      return 'no-such-request';
    }
    return Number(row.allowed) === 1 ? 'allowed' : 'denied';
  }

  /**
   * Records one change of a request, in the caller's unit of work, after its request's others:
   * the caller holds the request's row (it inserted or updated it), so no other change of the
   * request can take the same place.
   */
  async insertAuditEvent(
    event: Omit<
      RoleAssignmentRequestAuditEventEntity,
      'id' | 'reason' | 'sequence'
    > & {
      reason?: string | null;
    },
  ): Promise<void> {
    await this.auditTrail.append({ id: randomUUID(), reason: null, ...event });
  }

  /**
   * Inserts the requests, or overwrites those whose tenant and id exist, in the caller's unit
   * of work: another tenant's request of the same id is never touched.
   */
  upsert(requests: readonly RoleAssignmentRequestEntity[]): Promise<void> {
    return bulkUpsert(this.sql, this.requests, requests);
  }

  /**
   * Moves a request to a new sub-status with one conditional UPDATE (id, tenant and allowed
   * sub-statuses in its WHERE clause), so that of concurrent transitions exactly one wins; in
   * the caller's unit of work, which then holds the request's row. Returns the sub-status the
   * request had, or undefined when no request of the tenant was in an allowed sub-status.
   */
  async moveSubStatus(transition: Transition): Promise<SubStatus | undefined> {
    const { text, parameters } = this.moveStatement.of(transition);
    const [row] = await this.sql.rows(text, parameters);
    return row?.previous as SubStatus | undefined;
  }

  private moveShape(): StatementShape<Transition> {
    const sql = this.requests;
    return {
      shapeOf: (transition) =>
        [
          transition.fromSubStatuses.length,
          mayActShapeOf(transition.onlyFor),
          transition.within ? 'placed' : 'anywhere',
        ].join(' '),
      values: (transition) => [
        transition.toStatus,
        transition.toSubStatus,
        transition.requestId,
        transition.tenantId,
        ...transition.fromSubStatuses,
        ...(transition.onlyFor ? this.mayActValues(transition.onlyFor) : []),
        ...(transition.within ? placeValues(transition.within) : []),
      ],
      // SET expressions read the row as it was before the UPDATE: previous_sub_status gets
      // the old value, which RETURNING then hands back.
      write: (transition, next) => {
        const set = `${sql.column('status')} = ${next()},
              ${sql.column('subStatus')} = ${next()}`;
        const conditions = [
          `${sql.column('id')} = ${next()}`,
          `${sql.column('tenantId')} = ${next()}`,
          `${sql.column('subStatus')} IN (${transition.fromSubStatuses.map(() => next()).join(', ')})`,
          ...(transition.onlyFor
            ? [this.mayActSql(transition.onlyFor, next)]
            : []),
          ...(transition.within ? [this.placeSql(next)] : []),
        ];
        return `UPDATE ${sql.table}
          SET ${sql.column('previousSubStatus')} = ${sql.column('subStatus')},
              ${set}
        WHERE ${conditions.join(' AND ')}
        RETURNING ${sql.column('previousSubStatus')} AS previous`;
      },
    };
  }

  private accessShape(): StatementShape<AccessQuestion> {
    const sql = this.requests;
    return {
      shapeOf: ({ actor }) => mayActShapeOf(actor),
      values: ({ actor, tenantId, requestId }) => [
        ...this.mayActValues(actor),
        tenantId,
        requestId,
      ],
      write: ({ actor }, next) =>
        `SELECT CASE WHEN ${this.mayActSql(actor, next)} THEN 1 ELSE 0 END AS allowed FROM ${sql.table}
        WHERE ${sql.column('tenantId')} = ${next()}
          AND ${sql.column('id')} = ${next()}`,
    };
  }

  private findAtShape(): StatementShape<PlacedLookup> {
    const sql = this.requests;
    return {
      shapeOf: () => 'one',
      values: ({ id, tenantId, place }) => [
        id,
        tenantId,
        ...placeValues(place),
      ],
      write: (_lookup, next) => `SELECT * FROM ${sql.table}
        WHERE ${sql.column('id')} = ${next()}
          AND ${sql.column('tenantId')} = ${next()}
          AND ${this.placeSql(next)}`,
    };
  }

  /**
   * The condition, on a row of the requests table, that the user is its requestor or subject
   * (unless administrators only), or has an active Owner or User Access Administrator assignment
   * on its resource at that time; its values are `mayActValues`.
   */
  private mayActSql(actor: UserActor, next: NextPlaceholder): string {
    const requests = this.requests;
    const participant = actor.administratorsOnly
      ? ''
      : `${requests.column('requestorId')} = ${next()}
        OR ${requests.column('subjectId')} = ${next()}
        OR `;
    const administrator = this.administrators.existsSql(
      {
        tenant: () => `${requests.table}.${requests.column('tenantId')}`,
        resource: () => `${requests.table}.${requests.column('resourceId')}`,
      },
      next,
    );
    return `(${participant}${administrator})`;
  }

  private mayActValues(actor: UserActor): unknown[] {
    return [
      ...(actor.administratorsOnly ? [] : [actor.userId, actor.userId]),
      ...this.administrators.values(actor.userId, actor.at),
    ];
  }

  /**
   * The condition, on a row of the requests table, that the request is in the place: of its
   * assignment state, on the tenant's resource of that external id; its values are
   * `placeValues`. The row's own resource is looked up by its key and its external id compared:
   * asking which resources have that external id instead lowered every external id of the
   * tenant, on every call.
   */
  private placeSql(next: NextPlaceholder): string {
    const requests = this.requests;
    const r = this.resources;
    return `${requests.column('assignmentState')} = ${next()}
      AND EXISTS (
        SELECT 1 FROM ${r.table} r
         WHERE r.${r.column('tenantId')} = ${requests.table}.${requests.column('tenantId')}
           AND r.${r.column('id')} = ${requests.table}.${requests.column('resourceId')}
           AND LOWER(r.${r.column('externalId')}) = ${next()})`;
  }

  private awaitingApprovalSql(
    { approverId, routes }: NonNullable<RequestSelection['awaitingApproval']>,
    bind: (value: unknown) => string,
  ): string {
    const sql = this.requests;
    // Bound in the order they appear: SQLite's placeholders are positional.
    const waiting = `${sql.column('subStatus')} = ${bind('PendingApproval')}
      AND ${sql.column('requestorId')} <> ${bind(approverId)}`;
    const onRoutes = routes.map(
      (route) =>
        `(${sql.column('roleDefinitionId')} = ${bind(route.roleDefinitionId)}
          AND ${sql.column('type')} IN (${route.types.map(bind).join(', ')}))`,
    );
    return `${waiting}
      AND (${onRoutes.length > 0 ? onRoutes.join(' OR ') : 'FALSE'})`;
  }
}

/** Whether a user may act on a request of the tenant: the question of `accessOf`. */
interface AccessQuestion {
  readonly tenantId: string;
  readonly requestId: string;
  readonly actor: UserActor;
}

interface PlacedLookup {
  readonly tenantId: string;
  readonly id: string;
  readonly place: RequestPlace;
}

/** What the text of a user's access condition depends on. */
function mayActShapeOf(actor: UserActor | undefined): string {
  if (!actor) {
    return 'anyone';
  }
  return actor.administratorsOnly ? 'administrators' : 'participants';
}

/** The values of `placeSql`, in its order. */
function placeValues(place: RequestPlace): unknown[] {
  return [place.assignmentState, place.resourceExternalId.toLowerCase()];
}
