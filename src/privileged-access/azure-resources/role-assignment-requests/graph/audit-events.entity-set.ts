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
    type: {
      id: { column: 'id', type: 'guid' },
      requestId: { column: 'requestId', type: 'guid', filterable: false },
      action: {
        column: 'action',
        type: 'string',
        schema: { example: 'Cancel' },
      },
      actorId: {
        column: 'actorId',
        type: 'guid',
        schema: {
          description:
            'The user (oid), or the application (appid) of an application token.',
        },
      },
      actorType: {
        column: 'actorType',
        type: 'string',
        schema: { enum: ['User', 'Application', 'Scheduler'] },
      },
      occurredDateTime: { column: 'occurredDateTime', type: 'dateTime' },
      sequence: {
        column: 'sequence',
        type: 'integer',
        schema: {
          description:
            "The change's place among its request's, from 1: the order of changes of equal time.",
        },
      },
      fromSubStatus: { column: 'fromSubStatus', type: 'string' },
      toSubStatus: { column: 'toSubStatus', type: 'string' },
      httpRequestId: {
        column: 'httpRequestId',
        type: 'string',
        filterable: false,
        schema: {
          description: 'The `request-id` of the call that made the change.',
        },
      },
      clientRequestId: {
        column: 'clientRequestId',
        type: 'string',
        filterable: false,
      },
      reason: {
        column: 'reason',
        type: 'string',
        nullable: true,
        filterable: false,
      },
    },
    navigation: {},
    defaultOrderBy: [{ property: 'sequence', direction: 'asc' }],
  });
