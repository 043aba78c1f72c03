import { ApiError } from '../errors/api-error.js';

/**
 * A failure a Resource Manager client is meant to see, answered by ArmExceptionFilter in ARM's
 * envelope, `{"error":{"code","message"}}`. Only the Resource Manager surface throws these: the
 * domain refuses with domain errors, which the surface words (arm-error-registry.ts).
 */
export abstract class ArmError extends ApiError {}

export interface ArmErrorBody {
  error: { code: string; message: string };
}

/** ARM's error body: a code and a message, no inner error (the ids travel in headers). */
export function armErrorBody(error: ArmError): ArmErrorBody {
  return { error: { code: error.code, message: error.message } };
}
