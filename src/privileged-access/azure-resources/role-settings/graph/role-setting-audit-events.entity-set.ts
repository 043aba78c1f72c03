import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import {
  callProperties,
  changeProperties,
} from '../../graph/audit-record-properties.js';
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
    type: {
      id: { column: 'id', type: 'guid' },
      roleSettingId: {
        column: 'roleSettingId',
        type: 'guid',
        filterable: false,
      },
      ...changeProperties<RoleSettingAuditEventEntity>('setting', [
        'User',
        'Application',
      ]),
      ...callProperties<RoleSettingAuditEventEntity>(),
      before: {
        column: 'before',
        type: 'json',
        schema: {
          ...RULE_LISTS_SCHEMA,
          description: 'The four rule lists before the change.',
        },
      },
      after: {
        column: 'after',
        type: 'json',
        schema: {
          ...RULE_LISTS_SCHEMA,
          description: 'The four rule lists after it.',
        },
      },
    },
    navigation: {},
    defaultOrderBy: [{ property: 'sequence', direction: 'asc' }],
  });
