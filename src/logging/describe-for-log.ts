/** The stack of a failure and of what caused it, for the server log. */
export function describeForLog(exception: unknown): string {
  if (!(exception instanceof Error)) {
    return String(exception);
  }
  const own = exception.stack ?? exception.message;
  return exception.cause === undefined
    ? own
    : `${own}\nCaused by: ${describeForLog(exception.cause)}`;
}

/** A status that an error of the HTTP layer (Fastify, Nest) carries, if any. */
export function frameworkStatusOf(exception: unknown): number | undefined {
  const carrier = exception as {
    statusCode?: unknown;
    status?: unknown;
  } | null;
  const status = carrier?.statusCode ?? carrier?.status;
  return typeof status === 'number' ? status : undefined;
}
