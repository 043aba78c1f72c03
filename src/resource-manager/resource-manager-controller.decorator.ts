import { applyDecorators, Controller } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RoleBasedAccess } from '../auth/role-based-access.decorator.js';
import { ARM_PROVIDER_ROUTE } from './arm-address.js';

/** The api-versions a Resource Manager controller serves; a call must name one of them. */
export const ApiVersions = Reflector.createDecorator<readonly string[]>();

// Lower-cased names of the resource types served, for answering a call to any other.
const SERVED_RESOURCE_TYPES = new Set<string>();

/**
 * A controller of the Resource Manager surface: its routes are `{scope}/providers/
 * Microsoft.Authorization/{resourceType}/…` at any scope, answer only Resource Manager tokens
 * (what a caller may do comes from its role assignments, checked by the domain), and require
 * one of `apiVersions`.
 */
export function ResourceManagerController(
  resourceType: string,
  apiVersions: readonly string[],
): ClassDecorator {
  SERVED_RESOURCE_TYPES.add(resourceType.toLowerCase());
  return applyDecorators(
    Controller(`${ARM_PROVIDER_ROUTE}/${resourceType}`),
    RoleBasedAccess(),
    ApiVersions(apiVersions),
  );
}

/** Whether a Resource Manager controller serves this resource type (of Microsoft.Authorization). */
export function isServedResourceType(resourceType: string): boolean {
  return SERVED_RESOURCE_TYPES.has(resourceType.toLowerCase());
}
