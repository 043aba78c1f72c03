// The benchmark's data: deterministic ids, written as seed files for the real seed command.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const TENANT = '0a0a0a0a-0000-4000-8000-00000000000a';
export const OTHER_TENANT = '0b0b0b0b-0000-4000-8000-00000000000b';
export const USER = 'a1a1a1a1-0000-4000-8000-0000000000a1';
export const REJECTED_COUNT = 1000;
/** The resources background requests are spread over; the pool has one more of its own. */
export const RESOURCE_COUNT = 10;
/** What the `list` scenario filters on, with one of the resources. */
export const LISTED_SUB_STATUS = 'Granted';
const RECORDS_PER_FILE = 100_000;
const TENANTS = [TENANT, OTHER_TENANT];
const SUBJECT_COUNT = 10;

/** Sub-statuses of the background requests past the first REJECTED_COUNT, in equal shares. */
const BACKGROUND_SUB_STATUSES = [
  LISTED_SUB_STATUS,
  'Provisioned',
  'Canceled',
  'Denied',
  'Revoked',
  'TimedOut',
  'AdminDenied',
  'Failed',
];
const IN_PROGRESS = new Set(['Granted', 'PendingApproval']);

/** Role definitions of every resource: Azure's built-in roles and their template ids. */
const ROLES = [
  ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'],
  ['Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c'],
  ['Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7'],
];

const hex = (index) => index.toString(16).padStart(12, '0');
const tenantIndex = (tenantId) => TENANTS.indexOf(tenantId);

/** Background requests: the first REJECTED_COUNT are Canceled, one in ten belongs to another tenant. */
export function backgroundId(index) {
  return `b0000000-0000-4000-8000-${hex(index)}`;
}

/** Pending requests reserved for the "cancel success" scenario: each is cancelled once. */
export function poolId(index) {
  return `c0000000-0000-4000-8000-${hex(index)}`;
}

/**
 * A resource of a tenant: 0 to RESOURCE_COUNT - 1 hold the background requests, RESOURCE_COUNT
 * the pool (so that the pool, which cancel-success changes, stays out of the listed resources).
 */
export function resourceId(tenantId, index) {
  return `e${tenantIndex(tenantId)}000000-0000-4000-8000-${hex(index)}`;
}

function roleDefinitionId(tenantId, resource, role) {
  return `d${tenantIndex(tenantId)}000000-0000-4000-8000-${hex(resource * ROLES.length + role)}`;
}

/** A tenant's subjects: the benchmark's user (in its own tenant), then generated ones. */
function subjectId(tenantId, index) {
  return tenantId === TENANT && index === 0
    ? USER
    : `f${tenantIndex(tenantId)}000000-0000-4000-8000-${hex(index)}`;
}

/** What the background request `index` is: its tenant, resource, sub-status, role and subject. */
function background(index) {
  return {
    tenantId:
      index >= REJECTED_COUNT && index % 10 === 9 ? OTHER_TENANT : TENANT,
    resource: Math.floor(index / 10) % RESOURCE_COUNT,
    subStatus:
      index < REJECTED_COUNT
        ? 'Canceled'
        : BACKGROUND_SUB_STATUSES[
            Math.floor(index / 100) % BACKGROUND_SUB_STATUSES.length
          ],
    role: Math.floor(index / 1000) % ROLES.length,
    subject: index % SUBJECT_COUNT,
  };
}

/** The resources, role definitions and subjects the requests name, for every tenant. */
function referencedRecords() {
  const resources = [];
  const roleDefinitions = [];
  const subjects = [];
  for (const tenantId of TENANTS) {
    for (let resource = 0; resource <= RESOURCE_COUNT; resource += 1) {
      const id = resourceId(tenantId, resource);
      resources.push({
        id,
        tenantId,
        externalId: `/subscriptions/${id}`,
        type: 'subscription',
        displayName: `Benchmark subscription ${resource}`,
        status: 'Active',
      });
      ROLES.forEach(([displayName, templateId], role) => {
        const definitionId = roleDefinitionId(tenantId, resource, role);
        roleDefinitions.push({
          id: definitionId,
          tenantId,
          resourceId: id,
          externalId: `/subscriptions/${id}/providers/Microsoft.Authorization/roleDefinitions/${definitionId}`,
          displayName,
          templateId,
        });
      });
    }
    for (let subject = 0; subject < SUBJECT_COUNT; subject += 1) {
      subjects.push({
        id: subjectId(tenantId, subject),
        tenantId,
        type: 'User',
        displayName: `Benchmark user ${subject}`,
        principalName: `user${subject}@bench.example`,
      });
    }
  }
  return { resources, roleDefinitions, subjects };
}

function record(id, { tenantId, resource, subStatus, role, subject }) {
  return {
    id,
    tenantId,
    requestorId: USER,
    resourceId: resourceId(tenantId, resource),
    roleDefinitionId: roleDefinitionId(tenantId, resource, role),
    subjectId: subjectId(tenantId, subject),
    type: 'UserAdd',
    assignmentState: 'Active',
    requestedDateTime: '2026-11-28T09:00:00Z',
    reason: 'benchmark',
    schedule: {
      type: 'Once',
      startDateTime: '2026-11-28T10:00:00Z',
      duration: 'PT8H',
    },
    status: {
      status: IN_PROGRESS.has(subStatus) ? 'InProgress' : 'Closed',
      subStatus,
      statusDetails: [{ key: 'ApprovalRule', value: 'Grant' }],
    },
  };
}

function* allRecords(backgroundCount, poolCount) {
  for (let index = 0; index < backgroundCount; index += 1) {
    yield record(backgroundId(index), background(index));
  }
  for (let index = 0; index < poolCount; index += 1) {
    yield record(poolId(index), {
      tenantId: TENANT,
      resource: RESOURCE_COUNT,
      subStatus: 'PendingApproval',
      role: index % ROLES.length,
      subject: 0,
    });
  }
}

/**
 * Writes seed files of at most RECORDS_PER_FILE requests each; returns their paths, to be loaded
 * in order. The first file also holds every record the requests name (the seed command checks
 * that each exists in the file or in the database), so the others find them stored.
 */
export function writeSeedFiles(directory, backgroundCount, poolCount) {
  const files = [];
  let batch = [];
  const flush = () => {
    const file = path.join(directory, `seed-${files.length}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        ...(files.length === 0 && referencedRecords()),
        roleAssignmentRequests: batch,
      }),
    );
    files.push(file);
    batch = [];
  };
  for (const item of allRecords(backgroundCount, poolCount)) {
    batch.push(item);
    if (batch.length === RECORDS_PER_FILE) {
      flush();
    }
  }
  if (batch.length > 0 || files.length === 0) {
    flush();
  }
  return files;
}

/** Ids of the tenant's background requests that a GET finds, in a shuffled but fixed order. */
export function readableIds(backgroundCount, sample = 50_000) {
  const ids = [];
  let state = 12345;
  for (let drawn = 0; drawn < Math.min(sample, backgroundCount); drawn += 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const index = state % backgroundCount;
    if (index < REJECTED_COUNT || index % 10 !== 9) {
      ids.push(backgroundId(index));
    }
  }
  return ids;
}

/**
 * The first `limit` ids, in id order, of the tenant's requests that the `list` scenario's filter
 * selects on resource `resource`: what its first pages must hold.
 */
export function listedIds(backgroundCount, resource, limit) {
  const ids = [];
  for (
    let index = 0;
    index < backgroundCount && ids.length < limit;
    index += 1
  ) {
    const request = background(index);
    if (
      request.tenantId === TENANT &&
      request.resource === resource &&
      request.subStatus === LISTED_SUB_STATUS
    ) {
      ids.push(backgroundId(index));
    }
  }
  return ids;
}
