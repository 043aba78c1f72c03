import { CreateDatabaseWriteProbes1764400001300 } from './database/migrations/1764400001300-create-database-write-probes.js';
import { CreateResources1764400000000 } from './privileged-access/azure-resources/resources/migrations/1764400000000-create-resources.js';
import { CreateLifecycleIndexes1764400000700 } from './privileged-access/azure-resources/role-assignment-requests/migrations/1764400000700-create-lifecycle-indexes.js';
import { KeyRoleAssignmentRequestsByTenant1764400001000 } from './privileged-access/azure-resources/role-assignment-requests/migrations/1764400001000-key-role-assignment-requests-by-tenant.js';
import { NumberAuditEventsPerRequest1764400001100 } from './privileged-access/azure-resources/role-assignment-requests/migrations/1764400001100-number-audit-events-per-request.js';
import { AddAuditEventReason1764400000600 } from './privileged-access/azure-resources/role-assignment-requests/migrations/1764400000600-add-audit-event-reason.js';
import { CreateRoleAssignmentRequestIndexes1764400000500 } from './privileged-access/azure-resources/role-assignment-requests/migrations/1764400000500-create-role-assignment-request-indexes.js';
import { CreateRoleAssignments1764400000400 } from './privileged-access/azure-resources/role-assignments/migrations/1764400000400-create-role-assignments.js';
import { CreateRoleDefinitions1764400000200 } from './privileged-access/azure-resources/role-definitions/migrations/1764400000200-create-role-definitions.js';
import { CreateRoleSettings1764400000300 } from './privileged-access/azure-resources/role-settings/migrations/1764400000300-create-role-settings.js';
import { CreateRoleSettingAuditEvents1764400000900 } from './privileged-access/azure-resources/role-settings/migrations/1764400000900-create-role-setting-audit-events.js';
import { NumberAuditEventsPerSetting1764400001200 } from './privileged-access/azure-resources/role-settings/migrations/1764400001200-number-audit-events-per-setting.js';
import { CreateSubjects1764400000100 } from './privileged-access/azure-resources/subjects/migrations/1764400000100-create-subjects.js';
import { CreateRoleAssignmentRequests1764340000000 } from './privileged-access/azure-resources/role-assignment-requests/migrations/1764340000000-create-role-assignment-requests.js';

/**
 * Every migration of every module, listed rather than globbed so that the same list works in the
 * build, under Jest's ESM loader and in a bundle. A new module appends its own.
 */
export const MIGRATIONS = [
  CreateRoleAssignmentRequests1764340000000,
  CreateResources1764400000000,
  CreateSubjects1764400000100,
  CreateRoleDefinitions1764400000200,
  CreateRoleSettings1764400000300,
  CreateRoleAssignments1764400000400,
  CreateRoleAssignmentRequestIndexes1764400000500,
  AddAuditEventReason1764400000600,
  CreateLifecycleIndexes1764400000700,
  CreateRoleSettingAuditEvents1764400000900,
  KeyRoleAssignmentRequestsByTenant1764400001000,
  NumberAuditEventsPerRequest1764400001100,
  NumberAuditEventsPerSetting1764400001200,
  CreateDatabaseWriteProbes1764400001300,
];
