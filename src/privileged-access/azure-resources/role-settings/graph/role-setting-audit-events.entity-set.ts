import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { RoleSettingAuditEventEntity } from '../role-setting-audit-event.entity.js';
import { RULES_SCHEMA } from './role-settings.entity-set.js';

const RULE_LISTS_SCHEMA = {
  type: 'object',
  properties: {
    adminEligibleSettings: RULES_SCHEMA,
    adminMemberSettings: RULES_SCHEMA,
    userEligibleSettings: RULES_SCHEMA,
    userMemberSettings: RULES_SCHEMA,
  },
} as const;

/**
 * `auditEvents` of a role setting: an extension of ours (Graph has no such collection), listed
 * by `GET …/roleSettings/{id}/auditEvents` in the order they happened: by their place among the
 * setting's changes, as two may bear the same time.
 */
export const ROLE_SETTING_AUDIT_EVENTS: ODataEntitySet<RoleSettingAuditEventEntity> =
  defineEntitySet({
    name: 'governanceRoleSettingAuditEvents',
    typeName: 'governanceRoleSettingAuditEvent',
    entity: RoleSettingAuditEventEntity,
    graphProperties: [
      'id',
      'roleSettingId',
      'actorId',
      'actorType',
      'occurredDateTime',
      'sequence',
      'httpRequestId',
      'clientRequestId',
      'before',
      'after',
    ],
    properties: {
      id: { column: 'id', type: 'guid' },
      actorId: { column: 'actorId', type: 'guid' },
      actorType: { column: 'actorType', type: 'string' },
      occurredDateTime: { column: 'occurredDateTime', type: 'dateTime' },
      sequence: { column: 'sequence', type: 'integer' },
    },
    navigation: {},
    defaultOrderBy: [{ property: 'sequence', direction: 'asc' }],
    present: (event) => ({
      id: event.id,
      roleSettingId: event.roleSettingId,
      actorId: event.actorId,
      actorType: event.actorType,
      occurredDateTime: event.occurredDateTime.toISOString(),
      sequence: event.sequence,
      httpRequestId: event.httpRequestId,
      clientRequestId: event.clientRequestId,
      before: event.before,
      after: event.after,
    }),
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        roleSettingId: { type: 'string' },
        actorId: {
          type: 'string',
          description:
            'The user (oid), or the application (appid) of an application token.',
        },
        actorType: { type: 'string', enum: ['User', 'Application'] },
        occurredDateTime: { type: 'string', format: 'date-time' },
        sequence: {
          type: 'integer',
          description:
            "The change's place among its setting's, from 1: the order of changes of equal time.",
        },
        httpRequestId: {
          type: 'string',
          description: 'The `request-id` of the call that made the change.',
        },
        clientRequestId: { type: 'string' },
        before: {
          ...RULE_LISTS_SCHEMA,
          description: 'The four rule lists before the change.',
        },
        after: {
          ...RULE_LISTS_SCHEMA,
          description: 'The four rule lists after it.',
        },
      },
    },
  });
