import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import {
  callProperties,
  changeProperties,
} from '../../graph/audit-record-properties.js';
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
      ...changeProperties<RoleAssignmentRequestAuditEventEntity>('request', [
        'User',
        'Application',
        'Scheduler',
      ]),
      fromSubStatus: { column: 'fromSubStatus', type: 'string' },
      toSubStatus: { column: 'toSubStatus', type: 'string' },
      ...callProperties<RoleAssignmentRequestAuditEventEntity>(),
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
