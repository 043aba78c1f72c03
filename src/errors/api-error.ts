/**
 * A failure a client is meant to see as it is: a status, a code, a message and headers. Each API
 * surface's own errors extend it (GraphError, ArmError), and so the refusals of the plumbing
 * both surfaces share (throttling, request bodies, injected faults): a surface answers another
 * surface's refusal of shared plumbing in its own envelope without knowing its class.
 */
export abstract class ApiError extends Error {
  /**
   * Whether a 5xx of this kind is a failure of the service, logged as an error with its stack;
   * false for one answered on purpose (a fault a test injected).
   */
  readonly failsTheService: boolean = true;

  protected constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** What went wrong underneath, for the server log only. */
    cause?: unknown,
  ) {
    // Only a failure of the service is logged with its stack (the exception filters); a
    // refusal's would be captured, about 4 µs, for nothing.
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) {
      Error.stackTraceLimit = 0;
    }
    super(message, { cause });
    Error.stackTraceLimit = stackTraceLimit;
    this.name = new.target.name;
  }
}
