import type { DomainError, DomainErrorClass } from '../errors/domain-error.js';
import {
  DomainErrorWordings,
  type WordingsOf,
} from '../errors/domain-error-wordings.js';
import { ArmError } from './arm-error.js';

/** What ARM's messages name of the call they refuse. */
export interface ArmCall {
  /** The caller's object id (the app's, for an application token without one). */
  readonly callerId: string;
  /** The ARM action the call performs, `Microsoft.Authorization/{type}/{read|write|delete|…/action}`. */
  readonly action: string;
  /** The full ARM id the call addressed. */
  readonly scope: string;
  /** The token audiences the Resource Manager routes accept. */
  readonly acceptedAudiences: readonly string[];
}

/** How Resource Manager answers one domain refusal. */
export interface ArmWording {
  readonly status: number;
  /** ARM's code when it is not the domain's own. */
  readonly code?: string;
  readonly message: string;
  /** Headers the answer carries beside ARM's own (a 401's challenge). */
  readonly headers?: Readonly<Record<string, string>>;
}

export type ArmWordingsOf<ErrorsModule> = WordingsOf<
  ErrorsModule,
  ArmWording,
  ArmCall
>;

const wordings = new DomainErrorWordings<ArmWording, ArmCall>(
  'Resource Manager',
);

/**
 * Gives the domain errors of one module their Resource Manager wording; a module's
 * `*.arm-errors.ts`, imported by its Resource Manager controllers, calls it.
 */
export function registerArmWordings<ErrorsModule extends object>(
  errors: ErrorsModule,
  moduleWordings: ArmWordingsOf<ErrorsModule>,
): void {
  wordings.register(errors, moduleWordings);
}

export function hasArmWording(errorClass: DomainErrorClass): boolean {
  return wordings.has(errorClass);
}

/** The ARM error answering `error` in `call`; undefined when no module worded its class. */
export function armErrorOf(
  error: DomainError,
  call: ArmCall,
): ArmError | undefined {
  const wording = wordings.of(error, call);
  return wording && new WordedDomainError(error, wording);
}

/** For a documentation that cannot do without the wording: an error naming the class if none. */
export function requireArmErrorOf(error: DomainError, call: ArmCall): ArmError {
  const armError = armErrorOf(error, call);
  if (!armError) {
    throw new Error(
      `${error.name} has no Resource Manager wording: import its module's *.arm-errors.ts first`,
    );
  }
  return armError;
}

class WordedDomainError extends ArmError {
  constructor(error: DomainError, wording: ArmWording) {
    super(
      wording.status,
      wording.code ?? error.code,
      wording.message,
      { ...wording.headers },
      error,
    );
  }
}
