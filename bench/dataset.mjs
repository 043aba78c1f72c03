// The benchmark's data: deterministic ids, written as seed files for the real seed command.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const TENANT = '0a0a0a0a-0000-4000-8000-00000000000a';
export const OTHER_TENANT = '0b0b0b0b-0000-4000-8000-00000000000b';
export const USER = 'a1a1a1a1-0000-4000-8000-0000000000a1';
export const REJECTED_COUNT = 1000;
const RECORDS_PER_FILE = 100_000;

const NOT_CANCELLABLE = [
  'Provisioned',
  'Canceled',
  'Denied',
  'Revoked',
  'TimedOut',
  'AdminDenied',
  'Failed',
];

/** Background requests: the first REJECTED_COUNT are Canceled, one in ten belongs to another tenant. */
export function backgroundId(index) {
  return `b0000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** Pending requests reserved for the "cancel success" scenario: each is cancelled once. */
export function poolId(index) {
  return `c0000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

function record(id, tenantId, subStatus) {
  return {
    id,
    tenantId,
    requestorId: USER,
    resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
    roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
    subjectId: USER,
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
      status: subStatus === 'PendingApproval' ? 'InProgress' : 'Closed',
      subStatus,
      statusDetails: [{ key: 'ApprovalRule', value: 'Grant' }],
    },
  };
}

function* allRecords(backgroundCount, poolCount) {
  for (let index = 0; index < backgroundCount; index += 1) {
    const tenant =
      index >= REJECTED_COUNT && index % 10 === 9 ? OTHER_TENANT : TENANT;
    const subStatus =
      index < REJECTED_COUNT
        ? 'Canceled'
        : NOT_CANCELLABLE[index % NOT_CANCELLABLE.length];
    yield record(backgroundId(index), tenant, subStatus);
  }
  for (let index = 0; index < poolCount; index += 1) {
    yield record(poolId(index), TENANT, 'PendingApproval');
  }
}

/** Writes seed files of at most RECORDS_PER_FILE records each; returns their paths. */
export function writeSeedFiles(directory, backgroundCount, poolCount) {
  const files = [];
  let batch = [];
  const flush = () => {
    const file = path.join(directory, `seed-${files.length}.json`);
    writeFileSync(file, JSON.stringify({ roleAssignmentRequests: batch }));
    files.push(file);
    batch = [];
  };
  for (const item of allRecords(backgroundCount, poolCount)) {
    batch.push(item);
    if (batch.length === RECORDS_PER_FILE) {
      flush();
    }
  }
  if (batch.length > 0) {
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
