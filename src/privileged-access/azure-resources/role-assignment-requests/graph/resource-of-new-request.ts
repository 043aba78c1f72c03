import { BadRequestError } from '../../../../graph/graph-errors.js';
import { normalizeGuid } from '../../../../values/guid.js';
import { ResourceNotFoundError } from '../../resources/resource.errors.js';

/** A request created under one resource whose body names another. */
export class ResourceIdMismatchError extends BadRequestError {
  constructor(bodyResourceId: string, urlResourceId: string) {
    super(
      `The resourceId of the request body, '${bodyResourceId}', does not match the resource of the request URL, '${urlResourceId}'.`,
    );
  }
}

/**
 * The resource of a request created at `…/resources/{urlResourceId}/roleAssignmentRequests`: the
 * URL's, which the body may repeat (in any letter case) or leave out. A URL id that is no GUID
 * names no resource, as at `GET …/resources/{id}`.
 */
export function resourceOfNewRequest(
  urlResourceId: string,
  bodyResourceId: string | undefined,
): string {
  const resourceId = normalizeGuid(urlResourceId);
  if (!resourceId) {
    throw new ResourceNotFoundError();
  }
  if (
    bodyResourceId !== undefined &&
    normalizeGuid(bodyResourceId) !== resourceId
  ) {
    throw new ResourceIdMismatchError(bodyResourceId, urlResourceId);
  }
  return resourceId;
}
