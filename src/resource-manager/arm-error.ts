/**
 * A failure a Resource Manager client is meant to see, answered by ArmExceptionFilter in ARM's
 * envelope, `{"error":{"code","message"}}`. Only the Resource Manager surface throws these: the
 * domain refuses with domain errors, which the surface words (arm-error-registry.ts).
 */
export abstract class ArmError extends Error {
  /** Whether a 5xx of this kind is a failure of the service, logged with its stack. */
  readonly failsTheService: boolean = true;

  protected constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** What went wrong underneath, for the server log only. */
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = new.target.name;
  }
}

export interface ArmErrorBody {
  error: { code: string; message: string };
}

/** ARM's error body: a code and a message, no inner error (the ids travel in headers). */
export function armErrorBody(error: ArmError): ArmErrorBody {
  return { error: { code: error.code, message: error.message } };
}
