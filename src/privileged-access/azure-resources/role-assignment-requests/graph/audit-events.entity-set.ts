import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { RoleAssignmentRequestAuditEventEntity } from '../role-assignment-request-audit-event.entity.js';

/**
 * `auditEvents` of a request: an extension of ours (Graph has no such collection), listed by
 * `GET …/roleAssignmentRequests/{id}/auditEvents` in the order they happened: by their place
 * among the request's changes, as two may bear the same time.
 */
export const AUDIT_EVENTS: ODataEntitySet<RoleAssignmentRequestAuditEventEntity> =
  defineEntitySet({
    name: 'governanceRoleAssignmentRequestAuditEvents',
    typeName: 'governanceRoleAssignmentRequestAuditEvent',
    entity: RoleAssignmentRequestAuditEventEntity,
    graphProperties: [
      'id',
      'requestId',
      'action',
      'actorId',
      'actorType',
      'occurredDateTime',
      'sequence',
      'fromSubStatus',
      'toSubStatus',
      'httpRequestId',
      'clientRequestId',
      'reason',
    ],
    properties: {
      id: { column: 'id', type: 'guid' },
      action: { column: 'action', type: 'string' },
      actorId: { column: 'actorId', type: 'guid' },
      actorType: { column: 'actorType', type: 'string' },
      occurredDateTime: { column: 'occurredDateTime', type: 'dateTime' },
      sequence: { column: 'sequence', type: 'integer' },
      fromSubStatus: { column: 'fromSubStatus', type: 'string' },
      toSubStatus: { column: 'toSubStatus', type: 'string' },
    },
    navigation: {},
    defaultOrderBy: [{ property: 'sequence', direction: 'asc' }],
    present: (event) => ({
      id: event.id,
      requestId: event.requestId,
      action: event.action,
      actorId: event.actorId,
      actorType: event.actorType,
      occurredDateTime: event.occurredDateTime.toISOString(),
      sequence: event.sequence,
      fromSubStatus: event.fromSubStatus,
      toSubStatus: event.toSubStatus,
      httpRequestId: event.httpRequestId,
      clientRequestId: event.clientRequestId,
      reason: event.reason,
    }),
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        requestId: { type: 'string' },
        action: { type: 'string', example: 'Cancel' },
        actorId: {
          type: 'string',
          description:
            'The user (oid), or the application (appid) of an application token.',
        },
        actorType: {
          type: 'string',
          enum: ['User', 'Application', 'Scheduler'],
        },
        occurredDateTime: { type: 'string', format: 'date-time' },
        sequence: {
          type: 'integer',
          description:
            "The change's place among its request's, from 1: the order of changes of equal time.",
        },
        fromSubStatus: { type: 'string' },
        toSubStatus: { type: 'string' },
        httpRequestId: {
          type: 'string',
          description: 'The `request-id` of the call that made the change.',
        },
        clientRequestId: { type: 'string' },
        reason: { type: ['string', 'null'] },
      },
    },
  });
