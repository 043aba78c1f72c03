import {
  CANCELLABLE_SUB_STATUSES,
  isCancellable,
  SUB_STATUSES,
} from './role-assignment-request.model.js';

describe('the cancellation rule', () => {
  it('knows all 18 Graph sub-statuses', () => {
    expect(SUB_STATUSES).toHaveLength(18);
    expect(new Set(SUB_STATUSES).size).toBe(18);
  });

  const cancellable = [
    'Granted',
    'PendingApproval',
    'PendingApprovalProvisioning',
    'PendingAdminDecision',
  ];

  it.each(
    SUB_STATUSES.map(
      (subStatus) => [subStatus, cancellable.includes(subStatus)] as const,
    ),
  )('%s is cancellable: %s', (subStatus, expected) => {
    expect(isCancellable(subStatus)).toBe(expected);
  });

  it('allows exactly the four documented sub-statuses', () => {
    expect([...CANCELLABLE_SUB_STATUSES].sort()).toEqual(
      [...cancellable].sort(),
    );
  });
});
