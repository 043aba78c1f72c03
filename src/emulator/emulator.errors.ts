import { GraphError } from '../graph/graph-error.js';

/** What a fault injected with `POST /_emulator/faults` answers, as Graph would. */
const INJECTED: Record<InjectedStatus, { code: string; message: string }> = {
  429: {
    code: 'TooManyRequests',
    message: 'Too many requests (a fault injected through /_emulator/faults).',
  },
  500: {
    code: 'generalException',
    message:
      'An unexpected error occurred while processing the request (a fault injected through /_emulator/faults).',
  },
  503: {
    code: 'serviceNotAvailable',
    message:
      'The service is temporarily unavailable (a fault injected through /_emulator/faults).',
  },
};

export const INJECTED_STATUSES = [429, 500, 503] as const;
export type InjectedStatus = (typeof INJECTED_STATUSES)[number];

export class InjectedFaultError extends GraphError {
  override readonly failsTheService = false;

  constructor(status: InjectedStatus, retryAfterSeconds: number) {
    super(
      status,
      INJECTED[status].code,
      INJECTED[status].message,
      status === 500 ? {} : { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

/** A seed record names a tenant other than the caller's. */
export class OtherTenantRecordError extends GraphError {
  constructor(collection: string, index: number) {
    super(
      403,
      'UnauthorizedAccessException',
      `${collection}[${index}] belongs to another tenant: the control API changes the caller's tenant only.`,
    );
  }
}
