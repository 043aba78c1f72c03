import type { RequestProcessing } from '../../../config/environment-variables.js';
import type { RequestType } from './role-assignment-request.model.js';
import {
  type OutcomeFacts,
  outcomeOf,
  TRANSITION_TABLE,
  type TransitionRow,
} from './role-assignment-request.transition-table.js';

const NOW = new Date('2031-03-01T08:00:00.000Z');
const LATER = new Date('2031-03-02T08:00:00.000Z');

function facts(
  type: RequestType,
  options: {
    start?: Date;
    approval?: 'Pending' | 'Grant';
    processing?: RequestProcessing;
  } = {},
): OutcomeFacts {
  return {
    request: {
      type,
      scheduleStartDateTime: options.start ?? null,
      statusDetails: options.approval
        ? [{ key: 'ApprovalRule', value: options.approval }]
        : [],
    },
    now: NOW,
    processing: options.processing ?? 'immediate',
  };
}

describe('the transition table', () => {
  const rows: [string, TransitionRow][] = Object.entries(TRANSITION_TABLE);

  it.each(rows)('%s ends with an outcome that always holds', (_name, row) => {
    expect(row.outcomes.at(-1)?.when).toBeUndefined();
  });

  it('lets nobody but the scheduler time out, provision or revoke', () => {
    const byCallers = rows
      .filter(([, row]) => row.by !== 'scheduler')
      .map(([name]) => name)
      .sort();
    expect(byCallers).toEqual([
      'AdminApprove',
      'AdminDeny',
      'Approve',
      'Cancel',
      'Deny',
    ]);
  });

  it('approves into provisioning by the scheduler when processing is staged', () => {
    expect(
      outcomeOf(
        TRANSITION_TABLE.Approve,
        facts('UserAdd', { processing: 'staged' }),
      ),
    ).toEqual({
      when: 'processing is staged',
      to: ['InProgress', 'PendingApprovalProvisioning'],
      provisioning: 'none',
    });
  });

  it('approves a request that starts later into Granted, provisioning nothing yet', () => {
    expect(
      outcomeOf(TRANSITION_TABLE.Approve, facts('UserAdd', { start: LATER }))
        .to,
    ).toEqual(['InProgress', 'Granted']);
  });

  it('approves a started request into Provisioned, provisioning it', () => {
    expect(
      outcomeOf(TRANSITION_TABLE.Approve, facts('UserAdd', { start: NOW })),
    ).toEqual({ to: ['Closed', 'Provisioned'], provisioning: 'provision' });
  });

  it.each([
    ['AdminRemove', {}, 'PendingRevocation'],
    ['UserRemove', {}, 'PendingRevocation'],
    ['UserExtend', {}, 'PendingAdminDecision'],
    ['UserRenew', {}, 'PendingAdminDecision'],
    ['UserAdd', { approval: 'Pending' }, 'PendingApproval'],
    ['UserAdd', { approval: 'Grant' }, 'Granted'],
    ['AdminAdd', { approval: 'Pending' }, 'Granted'],
  ] as const)('evaluates %s %j to %s', (type, options, subStatus) => {
    expect(
      outcomeOf(TRANSITION_TABLE.Evaluate, facts(type, options)).to,
    ).toEqual(['InProgress', subStatus]);
  });

  it('refuses to choose a conditional outcome without the facts it needs', () => {
    expect(() => outcomeOf(TRANSITION_TABLE.Approve)).toThrow(
      'The Approve transition needs the request',
    );
  });
});
