import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InvalidApiVersionParameterError,
  MissingApiVersionParameterError,
} from './arm-errors.js';
import { ApiVersions } from './resource-manager-controller.decorator.js';

/**
 * The Resource Manager request checks, after authentication (an anonymous caller learns
 * nothing of a route): the `api-version` the call names must be one the route serves.
 */
@Injectable()
export class ArmRequestGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const served =
      this.reflector.getAllAndOverride(ApiVersions, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const request = context
      .switchToHttp()
      .getRequest<{ query?: Record<string, unknown> }>();
    const given = apiVersionOf(request.query ?? {});
    if (given === undefined) {
      throw new MissingApiVersionParameterError();
    }
    if (!served.includes(given)) {
      throw new InvalidApiVersionParameterError(given, served);
    }
    return true;
  }
}

/** The api-version a call names: the parameter's name is case-insensitive, as in ARM. */
export function apiVersionOf(
  query: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const [name, value] of Object.entries(query)) {
    if (name.toLowerCase() === 'api-version') {
      const version: unknown = Array.isArray(value) ? value[0] : value;
      return typeof version === 'string' && version !== ''
        ? version
        : undefined;
    }
  }
  return undefined;
}
