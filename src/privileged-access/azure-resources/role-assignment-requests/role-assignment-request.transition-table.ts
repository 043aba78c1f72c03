import type { RequestProcessing } from '../../../config/environment-variables.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import {
  ADMIN_DECIDED_TYPES,
  type AuditAction,
  CANCELLABLE_SUB_STATUSES,
  REMOVAL_TYPES,
  type RequestStatus,
  type SubStatus,
} from './role-assignment-request.model.js';

/**
 * Who may take a transition: the requestor, the subject or an administrator of the request's
 * resource (`participant`); an approver named in the ApprovalRule of its role; an administrator
 * of its resource who is not its requestor; or the scheduler, on time.
 */
export type TransitionActor =
  'participant' | 'approver' | 'resource-administrator' | 'scheduler';

/**
 * What a transition does to the assignment once the request moved: nothing; what the request
 * grants or removes (`provision`, as RoleAssignmentProvisioning writes it); a new end for the
 * assignment in effect (`extend`); or removing an assignment past its end (`end`).
 */
export type Provisioning = 'none' | 'provision' | 'extend' | 'end';

/** A fact about the request and the service that chooses among a transition's outcomes. */
export type OutcomeCondition =
  | 'processing is staged'
  | 'the schedule starts later'
  | 'a removal'
  | 'decided by an administrator'
  | 'awaiting an approver';

export interface TransitionOutcome {
  /** The first outcome whose condition holds is taken; one without a condition always holds. */
  readonly when?: OutcomeCondition;
  readonly to: readonly [RequestStatus, SubStatus];
  readonly provisioning: Provisioning;
}

/** Which requests the scheduler takes the transition for, of those in its sub-statuses. */
export type Due =
  'start reached' | 'waited past the pending timeout' | 'assignment ended';

export interface TransitionRow {
  readonly action: AuditAction;
  readonly from: readonly SubStatus[];
  readonly outcomes: readonly TransitionOutcome[];
  readonly by: TransitionActor;
  /**
   * Provisioning is checked first: when it can no longer be done, the request is closed Failed
   * or FailedAsResourceIsLocked instead, and nothing is provisioned.
   */
  readonly unlessProvisioningFailed?: true;
  /** The scheduler's selection; without it, every request in `from` is taken. */
  readonly due?: Due;
  /** Taken only with this REQUEST_PROCESSING; without it, with either. */
  readonly processing?: RequestProcessing;
}

/**
 * Every move a request can make, by name. A service looks its row up and hands it to
 * RoleAssignmentRequestTransitions; none keeps its own list of sub-statuses to move from.
 */
export const TRANSITION_TABLE = {
  Cancel: {
    action: 'Cancel',
    from: CANCELLABLE_SUB_STATUSES,
    outcomes: [{ to: ['Closed', 'Canceled'], provisioning: 'none' }],
    by: 'participant',
  },
  Approve: {
    action: 'Approve',
    from: ['PendingApproval'],
    outcomes: [
      // Staged, the scheduler provisions it.
      {
        when: 'processing is staged',
        to: ['InProgress', 'PendingApprovalProvisioning'],
        provisioning: 'none',
      },
      {
        when: 'the schedule starts later',
        to: ['InProgress', 'Granted'],
        provisioning: 'none',
      },
      { to: ['Closed', 'Provisioned'], provisioning: 'provision' },
    ],
    by: 'approver',
  },
  Deny: {
    action: 'Deny',
    from: ['PendingApproval'],
    outcomes: [{ to: ['Closed', 'Denied'], provisioning: 'none' }],
    by: 'approver',
  },
  AdminApprove: {
    action: 'AdminApprove',
    from: ['PendingAdminDecision'],
    outcomes: [{ to: ['Closed', 'AdminApproved'], provisioning: 'extend' }],
    by: 'resource-administrator',
  },
  AdminDeny: {
    action: 'AdminDeny',
    from: ['PendingAdminDecision'],
    outcomes: [{ to: ['Closed', 'AdminDenied'], provisioning: 'none' }],
    by: 'resource-administrator',
  },
  StartEvaluation: {
    action: 'Evaluate',
    from: ['Accepted'],
    outcomes: [
      { to: ['InProgress', 'PendingEvaluation'], provisioning: 'none' },
    ],
    by: 'scheduler',
  },
  // Also where a request stands at its creation under immediate processing.
  Evaluate: {
    action: 'Evaluate',
    from: ['PendingEvaluation'],
    outcomes: [
      {
        when: 'a removal',
        to: ['InProgress', 'PendingRevocation'],
        provisioning: 'none',
      },
      {
        when: 'decided by an administrator',
        to: ['InProgress', 'PendingAdminDecision'],
        provisioning: 'none',
      },
      {
        when: 'awaiting an approver',
        to: ['InProgress', 'PendingApproval'],
        provisioning: 'none',
      },
      { to: ['InProgress', 'Granted'], provisioning: 'none' },
    ],
    by: 'scheduler',
  },
  QueueProvisioning: {
    action: 'Provision',
    from: ['Granted'],
    outcomes: [
      { to: ['InProgress', 'PendingProvisioning'], provisioning: 'none' },
    ],
    by: 'scheduler',
    due: 'start reached',
    processing: 'staged',
  },
  StartProvisioning: {
    action: 'Provision',
    from: ['PendingProvisioning', 'PendingApprovalProvisioning'],
    outcomes: [
      { to: ['InProgress', 'ProvisioningStarted'], provisioning: 'none' },
    ],
    by: 'scheduler',
    due: 'start reached',
  },
  FinishProvisioning: {
    action: 'Provision',
    from: ['ProvisioningStarted'],
    outcomes: [{ to: ['Closed', 'Provisioned'], provisioning: 'provision' }],
    by: 'scheduler',
    unlessProvisioningFailed: true,
    due: 'start reached',
  },
  Revoke: {
    action: 'Revoke',
    from: ['PendingRevocation'],
    outcomes: [{ to: ['Closed', 'Revoked'], provisioning: 'provision' }],
    by: 'scheduler',
    unlessProvisioningFailed: true,
  },
  ProvisionDue: {
    action: 'Provision',
    from: ['Granted'],
    outcomes: [{ to: ['Closed', 'Provisioned'], provisioning: 'provision' }],
    by: 'scheduler',
    due: 'start reached',
    processing: 'immediate',
  },
  // The request that granted an assignment past its end.
  EndExpired: {
    action: 'Revoke',
    from: ['Provisioned', 'AdminApproved'],
    outcomes: [{ to: ['Closed', 'Revoked'], provisioning: 'end' }],
    by: 'scheduler',
    due: 'assignment ended',
  },
  TimeOut: {
    action: 'TimeOut',
    from: ['PendingApproval', 'PendingAdminDecision'],
    outcomes: [{ to: ['Closed', 'TimedOut'], provisioning: 'none' }],
    by: 'scheduler',
    due: 'waited past the pending timeout',
  },
} as const satisfies Record<string, TransitionRow>;

export type TransitionName = keyof typeof TRANSITION_TABLE;

/** What the conditions of a row's outcomes are decided on. */
export interface OutcomeFacts {
  readonly request: Pick<
    RoleAssignmentRequestEntity,
    'type' | 'scheduleStartDateTime' | 'statusDetails'
  >;
  readonly now: Date;
  readonly processing: RequestProcessing;
}

const CONDITIONS: Record<OutcomeCondition, (facts: OutcomeFacts) => boolean> = {
  'processing is staged': ({ processing }) => processing === 'staged',
  'the schedule starts later': ({ request, now }) =>
    (request.scheduleStartDateTime ?? now).getTime() > now.getTime(),
  'a removal': ({ request }) => REMOVAL_TYPES.includes(request.type),
  'decided by an administrator': ({ request }) =>
    ADMIN_DECIDED_TYPES.includes(request.type),
  // What the role's ApprovalRule said when the request was evaluated at its creation.
  'awaiting an approver': ({ request }) =>
    request.type === 'UserAdd' &&
    (request.statusDetails ?? []).some(
      (detail) => detail.key === 'ApprovalRule' && detail.value === 'Pending',
    ),
};

/** The outcome a row gives; `facts` are needed only when it has conditions. */
export function outcomeOf(
  row: TransitionRow,
  facts?: OutcomeFacts,
): TransitionOutcome {
  const outcome = row.outcomes.find(({ when }) => {
    if (when === undefined) {
      return true;
    }
    if (!facts) {
      throw new Error(`The ${row.action} transition needs the request's facts`);
    }
    return CONDITIONS[when](facts);
  });
  if (!outcome) {
    throw new Error(
      `The ${row.action} transition has no outcome for the facts`,
    );
  }
  return outcome;
}
