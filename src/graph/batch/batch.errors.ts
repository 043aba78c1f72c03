import { GraphError } from '../graph-error.js';
import { BadRequestError } from '../graph-errors.js';

// Graph documents the statuses of a batch (400 for a malformed batch, 424 for a request whose
// dependency failed) but not the codes of their bodies: these use Graph's protocol code
// `BadRequest` and, for 424, the name of the status, as Graph's other protocol errors do.

/** A batch whose shape is wrong: the whole batch is refused and no request of it runs. */
export class InvalidBatchError extends BadRequestError {
  constructor(problem: string) {
    super(`The batch request is not valid: ${problem}`);
  }
}

/** The answer of a request of a batch that did not run because a request it depends on failed. */
export class FailedDependencyError extends GraphError {
  constructor(dependencyId: string) {
    super(
      424,
      'FailedDependency',
      `The request was not run: the request '${dependencyId}' it depends on failed.`,
    );
  }
}

/** The answer of a request of a batch that is itself a batch: batches do not nest. */
export class NestedBatchError extends BadRequestError {
  constructor() {
    super('A request in a batch cannot be a $batch request.');
  }
}

/** The answer of a request of a batch whose url is absolute or leaves the version's root. */
export class StepUrlNotRelativeError extends BadRequestError {
  constructor(url: string) {
    super(
      `The url '${url}' of a request in a batch must be relative to the version, such as '/privilegedAccess/azureResources/resources'.`,
    );
  }
}
