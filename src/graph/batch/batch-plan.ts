import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { GraphError } from '../graph-error.js';
import { isJsonMediaType } from '../request-body.js';
import { isPlainObject } from '../../values/validation-problems.js';
import {
  InvalidBatchError,
  NestedBatchError,
  StepUrlNotRelativeError,
} from './batch.errors.js';
import type {
  BatchMethod,
  BatchRequestDto,
  BatchRequestStepDto,
} from './dto/batch-request.dto.js';

/** Where the urls of a batch's requests are rooted: the version the batch was sent to. */
export const BATCH_VERSION_ROOT = '/beta/';

/** What a request of a batch sends through the application. */
export interface StepRequest {
  readonly method: BatchMethod;
  /** The path and query under `/beta/`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: string | Buffer;
}

/** One request of a batch, ready to run: its request, or the refusal it answers without running. */
export interface PlannedStep {
  readonly id: string;
  readonly dependsOn: readonly string[];
  readonly request: StepRequest | GraphError;
}

/** What every request of a batch takes from the batch itself. */
export interface BatchCaller {
  /** The caller's `Authorization` header: every request runs as the caller of the batch. */
  readonly authorization: string;
  /** The batch's `client-request-id`, which its requests share unless they send their own, as in Graph. */
  readonly clientRequestId: string;
}

// Headers of a request that belong to the batch's own HTTP exchange, not to one request of it;
// `authorization` among them, so that a request cannot run as anyone but the caller.
const IGNORED_STEP_HEADERS = new Set([
  'authorization',
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Checks the rules of a batch that its DTO cannot state (ids unique, dependencies on earlier
 * requests only, headers and bodies a request can carry) and turns each request into what runs.
 * A batch breaking one is refused whole (InvalidBatchError); a request whose url the batch cannot
 * run (absolute, a nested `$batch`) answers its own 400 instead, as Graph answers a url it cannot
 * route.
 */
export function planBatch(
  batch: BatchRequestDto,
  caller: BatchCaller,
): PlannedStep[] {
  const earlierIds = new Set<string>();
  return batch.requests.map((step) => {
    const key = batchIdKey(step.id);
    if (earlierIds.has(key)) {
      throw new InvalidBatchError(
        `the id '${step.id}' is used by more than one request; ids must be unique, letter case aside.`,
      );
    }
    const dependsOn = step.dependsOn ?? [];
    const unknown = dependsOn.find((id) => !earlierIds.has(batchIdKey(id)));
    if (unknown !== undefined) {
      throw new InvalidBatchError(
        `the request '${step.id}' depends on '${unknown}', which is not the id of a request before it.`,
      );
    }
    earlierIds.add(key);
    return { id: step.id, dependsOn, request: stepRequest(step, caller) };
  });
}

/** Ids of a batch are compared without regard to letter case, as Graph documents. */
export function batchIdKey(id: string): string {
  return id.toLowerCase();
}

function stepRequest(
  step: BatchRequestStepDto,
  caller: BatchCaller,
): StepRequest | GraphError {
  const headers = stepHeaders(step, caller);
  const payload = stepPayload(step, headers['content-type']);
  const refusal = urlRefusal(step.url);
  if (refusal) {
    return refusal;
  }
  return {
    method: step.method,
    url: `${BATCH_VERSION_ROOT}${step.url.replace(/^\//, '')}`,
    headers,
    ...(payload !== undefined && { payload }),
  };
}

/** The request's own headers (lower-case names) with the caller's token and correlation id. */
function stepHeaders(
  step: BatchRequestStepDto,
  caller: BatchCaller,
): Record<string, string> {
  const headers: Record<string, string> = {
    'client-request-id': caller.clientRequestId,
  };
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    if (typeof value !== 'string' || !isValidHeader(name, value)) {
      throw new InvalidBatchError(
        `the header '${name}' of the request '${step.id}' is not a valid HTTP header with a text value.`,
      );
    }
    if (!IGNORED_STEP_HEADERS.has(name.toLowerCase())) {
      headers[name.toLowerCase()] = value;
    }
  }
  headers.authorization = caller.authorization;
  return headers;
}

function isValidHeader(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The bytes a request sends: its JSON object, or for another media type its base64 text
 * decoded, as Graph's JSON batching carries bodies.
 */
function stepPayload(
  step: BatchRequestStepDto,
  contentType: string | undefined,
): string | Buffer | undefined {
  if (step.body === undefined) {
    return undefined;
  }
  if (contentType === undefined) {
    throw new InvalidBatchError(
      `the request '${step.id}' has a body but no Content-Type header.`,
    );
  }
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (isJsonMediaType(mediaType)) {
    if (!isPlainObject(step.body)) {
      throw new InvalidBatchError(
        `the body of the request '${step.id}' must be a JSON object, as its Content-Type is JSON.`,
      );
    }
    return JSON.stringify(step.body);
  }
  if (typeof step.body !== 'string') {
    throw new InvalidBatchError(
      `the body of the request '${step.id}' must be base64 text, as its Content-Type is not JSON.`,
    );
  }
  return Buffer.from(step.body, 'base64');
}

/**
 * Why the batch cannot run a url, if it cannot: one with a scheme or host, one with `.` or `..`
 * segments (which would leave the version's root), or the batch route itself.
 */
function urlRefusal(url: string): GraphError | undefined {
  const path = url.split(/[?#]/)[0];
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || path.startsWith('//')) {
    return new StepUrlNotRelativeError(url);
  }
  const segments = path
    .replace(/^\//, '')
    .split('/')
    .map((segment) => decodedSegment(segment).toLowerCase());
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return new StepUrlNotRelativeError(url);
  }
  if (segments[0] === '$batch') {
    return new NestedBatchError();
  }
  return undefined;
}

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
