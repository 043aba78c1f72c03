/**
 * A failure a client is meant to see, rendered by the GraphExceptionFilter as a Graph error
 * payload. Services throw subclasses declared in their module's `*.errors.ts`; they never touch
 * HTTP themselves.
 */
export abstract class GraphError extends Error {
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
    super(message, { cause });
    this.name = new.target.name;
  }
}
