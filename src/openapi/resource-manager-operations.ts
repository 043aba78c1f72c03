import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  PathsObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import { RESOURCE_MANAGER_AUDIENCES } from '../config/app-config.js';
import type { ApiError } from '../errors/api-error.js';
import { MalformedJsonError } from '../graph/protocol-errors.js';
import { ARM_PROVIDER_ROUTE } from '../resource-manager/arm-address.js';
import type { ArmErrorBody } from '../resource-manager/arm-error.js';
import { ArmErrorSchema } from '../resource-manager/arm-error.schema.js';
import {
  InternalServerError,
  InvalidApiVersionParameterError,
  InvalidRequestContentError,
  MissingApiVersionParameterError,
  RequestEntityTooLargeError,
  ServiceUnavailableError,
  UnsupportedHttpMethodError,
} from '../resource-manager/arm-errors.js';
import { InvalidFilterError } from '../resource-manager/arm-filter.js';
import {
  type ArmCall,
  requireArmErrorOf,
} from '../resource-manager/arm-error-registry.js';
import {
  AccessTokenExpiredError,
  AccessTokenValidationError,
  EmptyAccessTokenError,
} from '../auth/auth.errors.js';
import type { DomainError } from '../errors/domain-error.js';
import { NotPermittedError } from '../errors/not-permitted.error.js';
// Worded before the examples below are made.
import '../resource-manager/auth.arm-errors.js';
import '../resource-manager/shared-domain-errors.arm-errors.js';
import { TooManyRequestsError } from '../throttling/throttling.errors.js';
import type { DocumentedRoute } from './documented-route.js';
import {
  BODY_METHODS,
  HTTP_METHODS,
  type HttpMethod,
  isReference,
  methodsOf,
  otherMethod,
} from './http-operations.js';
import { validatedClassSchemas } from './validated-class-schemas.js';

export interface ResourceManagerOperationsOptions {
  readonly maxRequestBodyBytes: number;
  /** Requests a caller may make per window (THROTTLE_*); a limit of 0 never answers 429. */
  readonly throttle: { readonly limit: number; readonly windowSeconds: number };
}

/** The tag of every Resource Manager operation, beside the Graph ones (one per entity type). */
export const RESOURCE_MANAGER_TAG = 'Azure Resource Manager';
export const RESOURCE_MANAGER_BEARER_SCHEME = 'resourceManagerBearer';
export const SCOPE_PARAMETER = 'scope';
export const ARM_RESOURCE_SCHEMA = 'ArmResource';
export const ARM_RESOURCE_LIST_SCHEMA = 'ArmResourceList';

const REQUEST_ID = 'x-ms-request-id';
const CORRELATION_REQUEST_ID = 'x-ms-correlation-request-id';
const CLIENT_REQUEST_ID = 'x-ms-client-request-id';
const RETURN_CLIENT_REQUEST_ID = 'x-ms-return-client-request-id';
// An action answered with 200 and no body, as Microsoft's specification declares it.
const ACTIONS_WITHOUT_ANSWER: ReadonlySet<string> = new Set(['cancel']);

const EXAMPLE_SUBSCRIPTION = '8c8ba6b5-4c29-4b8e-9a6f-6d1e2c3b4a59';
const EXAMPLE_SCOPE = `/subscriptions/${EXAMPLE_SUBSCRIPTION}`;
const EXAMPLE_NAME = 'f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b';
const EXAMPLE_CALLER = '4c3b2a19-0f8e-4d7c-9b6a-5e4d3c2b1a09';
const EXAMPLE_REQUEST_ID = 'b4f3c9a2-6d1e-4f7a-9c2b-1e5d8a7f3c60';

/**
 * Completes the document Nest's scanner built with what the Resource Manager plumbing does for
 * every route of a `@ResourceManagerController`, in ARM's terms rather than Graph's:
 * - the address clients call, `/{scope}/providers/Microsoft.Authorization/…` (the scope is taken
 *   off before routing, arm-address.ts), with the `scope` path parameter;
 * - the required `api-version` with the versions the controller serves, the optional query
 *   parameters (`$filter`, `$skiptoken`) and the `x-ms-*` request headers;
 * - ARM's bearer scheme, without Graph permissions (rights come from role assignments);
 * - the body schema of `@ArmBody`'s class, the success answer of the kind of route (a page, a
 *   resource, nothing for `cancel`), the errors the plumbing answers in ARM's envelope (400,
 *   401, 403, 404 for a scope no resource has, 405, 409 for a write, 413 for a body, 429 when
 *   throttling is on, 500, 503), and the `x-ms-*` ids on every response.
 */
export function completeResourceManagerOperations(
  document: OpenAPIObject,
  routes: readonly DocumentedRoute[],
  options: ResourceManagerOperationsOptions,
): OpenAPIObject {
  const byOperationId = new Map(
    routes
      .filter((route) => route.apiVersions)
      .map((route) => [route.operationId, route]),
  );
  const paths: PathsObject = {};
  for (const [path, pathItem] of Object.entries(document.paths)) {
    const operations = HTTP_METHODS.flatMap((method) => {
      const operation = pathItem[method];
      const route = byOperationId.get(operation?.operationId ?? '');
      return operation && route ? [{ method, operation, route }] : [];
    });
    if (operations.length === 0) {
      paths[path] = pathItem;
      continue;
    }
    for (const { method, operation, route } of operations) {
      describeOperation(document, operation, {
        method,
        address: addressOf(path),
        allowedMethods: methodsOf(pathItem),
        route,
        options,
      });
    }
    paths[`/{${SCOPE_PARAMETER}}${path}`] = pathItem;
  }
  document.paths = paths;
  if (byOperationId.size > 0) {
    addComponents(document);
  }
  return document;
}

/** What a routed path names: `/providers/Microsoft.Authorization/{type}[/{name}[/{action}]]`. */
interface ArmAddress {
  readonly resourceType: string;
  readonly name?: string;
  readonly action?: string;
}

function addressOf(path: string): ArmAddress {
  const [resourceType, name, action] = path
    .slice(`/${ARM_PROVIDER_ROUTE}/`.length)
    .split('/');
  return { resourceType, name, action };
}

interface OperationContext {
  readonly method: HttpMethod;
  readonly address: ArmAddress;
  readonly allowedMethods: readonly string[];
  readonly route: DocumentedRoute;
  readonly options: ResourceManagerOperationsOptions;
}

function describeOperation(
  document: OpenAPIObject,
  operation: OperationObject,
  context: OperationContext,
): void {
  const { route, address } = context;
  operation.tags = [RESOURCE_MANAGER_TAG];
  operation.security = [{ [RESOURCE_MANAGER_BEARER_SCHEME]: [] }];
  operation.parameters = [
    { $ref: `#/components/parameters/${SCOPE_PARAMETER}` },
    ...(operation.parameters ?? []).map((parameter) =>
      described(parameter, address),
    ),
    apiVersionParameter(route.apiVersions ?? []),
    ...[
      CLIENT_REQUEST_ID,
      CORRELATION_REQUEST_ID,
      RETURN_CLIENT_REQUEST_ID,
    ].map((name) => ({ $ref: `#/components/parameters/${name}` })),
  ];
  if (route.bodyClass) {
    addSchemas(document, validatedClassSchemas(route.bodyClass));
    operation.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(route.bodyClass.name) },
        },
      },
    };
  }
  describeSuccess(operation, context);
  const errors = [
    ...requestErrors(operation, context),
    ...callerErrors(context),
    ...protocolLimitErrors(context),
    ...SERVICE_ERRORS,
  ];
  for (const status of new Set(errors.map(({ status }) => status))) {
    operation.responses[status] = errorResponse(
      errors.filter((error) => error.status === status),
    );
  }
  for (const answer of Object.values(operation.responses)) {
    if (answer && !isReference(answer)) {
      answer.headers = {
        [REQUEST_ID]: { $ref: `#/components/headers/${REQUEST_ID}` },
        [CORRELATION_REQUEST_ID]: {
          $ref: `#/components/headers/${CORRELATION_REQUEST_ID}`,
        },
        ...answer.headers,
      };
    }
  }
}

/** A parameter the scanner found on the handler, in ARM's words; every query one is optional. */
function described(
  parameter: ParameterObject | ReferenceObject,
  address: ArmAddress,
): ParameterObject | ReferenceObject {
  if (isReference(parameter)) {
    return parameter;
  }
  if (parameter.in === 'path') {
    return {
      ...parameter,
      description: `The name of the resource of \`${address.resourceType}\`: the last segment of its id.`,
    };
  }
  if (parameter.in !== 'query') {
    return parameter;
  }
  const descriptions: Record<string, string> = {
    $filter:
      'The list’s filter, as Microsoft documents it for this resource type: its functions ' +
      "(such as `atScope()`) and `property eq 'value'` comparisons, joined by `and`. A term " +
      'the service does not apply is refused (400 `InvalidFilter`) rather than ignored.',
    $skiptoken:
      'Where the next page starts. Follow `nextLink`, which carries it with the call’s ' +
      '`api-version` and `$filter`.',
  };
  return {
    ...parameter,
    required: false,
    ...(descriptions[parameter.name] && {
      description: descriptions[parameter.name],
    }),
  };
}

function apiVersionParameter(versions: readonly string[]): ParameterObject {
  return {
    name: 'api-version',
    in: 'query',
    required: true,
    description:
      `The version of the API the call is written for: ${versions.map((version) => `\`${version}\``).join(', ')}. ` +
      'The parameter’s name is case-insensitive, as in ARM.',
    schema: { type: 'string', enum: [...versions] },
    example: versions[0],
  };
}

function describeSuccess(
  operation: OperationObject,
  { method, address }: OperationContext,
): void {
  const status = Object.keys(operation.responses).find(
    (key) => Number(key) >= 200 && Number(key) < 300,
  );
  if (status === undefined) {
    return;
  }
  const existing = operation.responses[status];
  if (!existing || isReference(existing)) {
    return;
  }
  const answer = successAnswer(method, address);
  operation.responses[status] = {
    ...existing,
    description: answer.description,
    ...(answer.schema && {
      content: { 'application/json': { schema: answer.schema } },
    }),
  };
}

function successAnswer(
  method: HttpMethod,
  { resourceType, name, action }: ArmAddress,
): { description: string; schema?: ReferenceObject } {
  if (
    method === 'delete' ||
    (action !== undefined && ACTIONS_WITHOUT_ANSWER.has(action))
  ) {
    return { description: 'Done: no body.' };
  }
  if (name === undefined) {
    return {
      description: `A page of the \`${resourceType}\` the call may see, and \`nextLink\` while more follow.`,
      schema: { $ref: getSchemaPath(ARM_RESOURCE_LIST_SCHEMA) },
    };
  }
  return {
    description: `The \`${resourceType}\` resource.`,
    schema: { $ref: getSchemaPath(ARM_RESOURCE_SCHEMA) },
  };
}

/** One error an operation can answer, as its documentation shows it. */
interface ArmErrorExample {
  readonly status: number;
  readonly key: string;
  readonly summary: string;
  readonly body?: ArmErrorBody;
  readonly headers?: Readonly<Record<string, string>>;
}

function exampleOf(error: ApiError, summary: string): ArmErrorExample {
  return {
    status: error.status,
    key: error.code,
    summary,
    body: { error: { code: error.code, message: error.message } },
    headers: error.headers,
  };
}

/** What the request's address, query and body can be refused for, before or by the route. */
function requestErrors(
  operation: OperationObject,
  { method, route }: OperationContext,
): ArmErrorExample[] {
  const readsFilter = (operation.parameters ?? []).some(
    (parameter) => !isReference(parameter) && parameter.name === '$filter',
  );
  return [
    exampleOf(
      new MissingApiVersionParameterError(),
      'no `api-version` in the query',
    ),
    exampleOf(
      new InvalidApiVersionParameterError(
        '2015-07-01',
        route.apiVersions ?? [],
      ),
      'an `api-version` this route does not serve',
    ),
    ...(readsFilter
      ? [
          exampleOf(
            new InvalidFilterError(
              "status eq 'Granted'",
              "'status eq 'Granted'' is none of the terms this list takes.",
            ),
            'a `$filter` term the list does not apply',
          ),
        ]
      : []),
    ...(BODY_METHODS.has(method)
      ? [exampleOf(new MalformedJsonError(), 'a JSON body that does not parse')]
      : []),
    ...(route.bodyClass
      ? [
          exampleOf(
            new InvalidRequestContentError(
              'The request content was invalid: body.properties.principalId: principalId must be a GUID.',
            ),
            'a body its schema does not allow, each problem named; or a body that is not JSON',
          ),
        ]
      : []),
    {
      status: 400,
      key: 'refused',
      summary:
        'what the operation itself refuses in the request (its content, or the state of what it names), with the code ARM gives it',
    },
  ];
}

// The verb of ARM's action for a call, `Microsoft.Authorization/{type}/{verb}`.
const VERBS: Partial<Record<HttpMethod, string>> = {
  get: 'read',
  put: 'write',
  patch: 'write',
  delete: 'delete',
};

/** The token and the caller's rights, as ARM refuses them. */
function callerErrors({
  method,
  address,
}: OperationContext): ArmErrorExample[] {
  const verb = address.action
    ? `${address.action}/action`
    : (VERBS[method] ?? 'action');
  const id = [address.resourceType, address.name && EXAMPLE_NAME]
    .filter(Boolean)
    .join('/');
  const call: ArmCall = {
    callerId: EXAMPLE_CALLER,
    action: `Microsoft.Authorization/${address.resourceType}/${verb}`,
    scope: `${EXAMPLE_SCOPE}/providers/Microsoft.Authorization/${id}`,
    acceptedAudiences: RESOURCE_MANAGER_AUDIENCES,
  };
  const refusal = (error: DomainError, summary: string) =>
    exampleOf(requireArmErrorOf(error, call), summary);
  return [
    refusal(new EmptyAccessTokenError(), 'no bearer token'),
    refusal(
      new AccessTokenValidationError(),
      'a malformed token, a bad signature or an unknown key',
    ),
    refusal(new AccessTokenExpiredError(), 'an expired or not yet valid token'),
    refusal(
      new AccessTokenValidationError('Invalid audience.'),
      'a token for another audience, such as Microsoft Graph',
    ),
    refusal(
      new AccessTokenValidationError('Invalid issuer.'),
      'a token of an issuer the service does not trust',
    ),
    refusal(
      new NotPermittedError(),
      'a caller whose role assignments at or above the scope do not allow it',
    ),
    ...SCOPE_NOT_FOUND,
  ];
}

// The answers for a scope no stored resource has, as ARM gives them for each kind of scope.
const SCOPE_NOT_FOUND: readonly ArmErrorExample[] = [
  {
    status: 404,
    key: 'SubscriptionNotFound',
    summary: 'a subscription no stored resource is',
    body: {
      error: {
        code: 'SubscriptionNotFound',
        message: `The subscription '${EXAMPLE_SUBSCRIPTION}' could not be found.`,
      },
    },
  },
  {
    status: 404,
    key: 'ResourceGroupNotFound',
    summary: 'a resource group no stored resource is',
    body: {
      error: {
        code: 'ResourceGroupNotFound',
        message: "Resource group 'rg-payments' could not be found.",
      },
    },
  },
  {
    status: 404,
    key: 'ResourceNotFound',
    summary:
      'another scope no stored resource is, or no resource of that name at the scope',
    body: {
      error: {
        code: 'ResourceNotFound',
        message: `The Resource '${EXAMPLE_SCOPE}/resourceGroups/rg-payments/providers/Microsoft.Compute/virtualMachines/vm-1' was not found.`,
      },
    },
  },
];

/** The refusals of the HTTP layer and its limits: other methods, conflicts, body size, throttling. */
function protocolLimitErrors({
  method,
  allowedMethods,
  options,
}: OperationContext): ArmErrorExample[] {
  return [
    exampleOf(
      new UnsupportedHttpMethodError(otherMethod(allowedMethods)),
      `another method on this path, which takes ${allowedMethods.join(', ')}`,
    ),
    ...(method === 'put' || method === 'patch'
      ? [
          {
            status: 409,
            key: 'conflict',
            summary:
              'a write the stored state does not allow (a name in use, a locked scope), with the code ARM gives it',
          },
        ]
      : []),
    ...(BODY_METHODS.has(method)
      ? [
          exampleOf(
            new RequestEntityTooLargeError(options.maxRequestBodyBytes),
            'a body larger than `MAX_REQUEST_BODY_BYTES`',
          ),
        ]
      : []),
    ...(options.throttle.limit > 0
      ? [
          exampleOf(
            new TooManyRequestsError(
              options.throttle.limit,
              options.throttle.windowSeconds,
              options.throttle.windowSeconds,
            ),
            'more requests of this caller of this tenant than the limit allows',
          ),
        ]
      : []),
  ];
}

/** What any operation may answer when the service itself fails. */
const SERVICE_ERRORS: readonly ArmErrorExample[] = [
  exampleOf(
    new InternalServerError(EXAMPLE_REQUEST_ID),
    'anything unexpected; details only in the server log, by the tracking id (`x-ms-request-id`)',
  ),
  exampleOf(
    new ServiceUnavailableError(),
    "the database is busy or unreachable, or the identity provider's keys are",
  ),
];

const ERROR_HEADER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'WWW-Authenticate': 'RFC 6750: the scheme and why the token was refused.',
  'Retry-After': 'Seconds to wait before retrying.',
};

/** The response of one status: the errors' situations, ARM's envelope, examples and headers. */
function errorResponse(errors: readonly ArmErrorExample[]): ResponseObject {
  const examples: Record<string, { summary: string; value: ArmErrorBody }> = {};
  const headers: NonNullable<ResponseObject['headers']> = {};
  for (const { key, summary, body, headers: set } of errors) {
    if (body) {
      let unique = key;
      for (let n = 2; unique in examples; n += 1) {
        unique = `${key}${n}`;
      }
      examples[unique] = { summary, value: body };
    }
    for (const [name, value] of Object.entries(set ?? {})) {
      headers[name] = {
        description: ERROR_HEADER_DESCRIPTIONS[name] ?? name,
        schema: { type: 'string' },
        example: value,
      };
    }
  }
  return {
    description: errors
      .map(({ body, summary }) =>
        body ? `- \`${body.error.code}\`: ${summary}` : `- ${summary}`,
      )
      .join('\n'),
    headers,
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(ArmErrorSchema) },
        ...(Object.keys(examples).length > 0 && { examples }),
      },
    },
  };
}

/** Adds request body schemas; a name taken by another schema than the scanner's empty one fails. */
function addSchemas(
  document: OpenAPIObject,
  schemas: Record<string, SchemaObject>,
): void {
  const components = (document.components ??= {});
  const existing = (components.schemas ??= {});
  for (const [name, schema] of Object.entries(schemas)) {
    const taken = existing[name];
    if (
      taken &&
      !isPlaceholder(taken) &&
      JSON.stringify(taken) !== JSON.stringify(schema)
    ) {
      throw new Error(`The OpenAPI document has two schemas named ${name}`);
    }
    existing[name] = schema;
  }
}

// What the scanner writes for a class without `@ApiProperty`, such as a class-validator body.
function isPlaceholder(schema: SchemaObject | ReferenceObject): boolean {
  return (
    !isReference(schema) &&
    schema.type === 'object' &&
    Object.keys(schema.properties ?? {}).length === 0
  );
}

function addComponents(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  components.securitySchemes = {
    ...components.securitySchemes,
    [RESOURCE_MANAGER_BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'An Entra ID access token for Azure Resource Manager (`aud` `https://management.azure.com/` ' +
        'or `https://management.core.windows.net/`, with or without the slash; ' +
        '`AUTH_RESOURCE_MANAGER_AUDIENCE` replaces them), verified by the same keys and issuers as ' +
        'Graph tokens. It needs no `scp` or `roles`: as in Azure, what a caller may do comes from ' +
        'its role assignments at or above the scope. In development, `npm run --silent token -- ' +
        '--tid … --oid … --aud https://management.azure.com/` prints a token the server accepts.',
    },
  };
  components.schemas = {
    ...components.schemas,
    [ARM_RESOURCE_SCHEMA]: {
      type: 'object',
      description:
        'A `Microsoft.Authorization` resource: its ARM id, name and type, and its properties as ' +
        "Microsoft's specification of the resource type describes them.",
      properties: {
        id: {
          type: 'string',
          description:
            'Its ARM id: `{scope}/providers/Microsoft.Authorization/{type}/{name}`.',
        },
        name: { type: 'string', description: 'The last segment of its id.' },
        type: {
          type: 'string',
          example: 'Microsoft.Authorization/roleDefinitions',
        },
        properties: { type: 'object' },
      },
      required: ['id', 'name', 'type', 'properties'],
    },
    [ARM_RESOURCE_LIST_SCHEMA]: {
      type: 'object',
      description: 'A page of a list.',
      properties: {
        value: {
          type: 'array',
          items: { $ref: getSchemaPath(ARM_RESOURCE_SCHEMA) },
        },
        nextLink: {
          type: 'string',
          format: 'uri',
          description:
            'The URL of the next page, while more follow: the call’s own, its `api-version` and `$filter` kept, with the next `$skiptoken`.',
        },
      },
      required: ['value'],
    },
  };
  components.headers = {
    ...components.headers,
    [REQUEST_ID]: {
      description:
        'The id of this call, new for every request; the tracking id of a 500.',
      schema: { type: 'string', format: 'uuid' },
      example: EXAMPLE_REQUEST_ID,
    },
    [CORRELATION_REQUEST_ID]: {
      description:
        "The caller's `x-ms-correlation-request-id`, else the same value as `x-ms-request-id`.",
      schema: { type: 'string' },
      example: '0f8fad5b-d9cb-469f-a165-70867728950e',
    },
  };
  const clientValue = { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' };
  components.parameters = {
    ...components.parameters,
    [SCOPE_PARAMETER]: Object.assign(
      {
        name: SCOPE_PARAMETER,
        in: 'path' as const,
        required: true,
        description:
          'The ARM id the call is made at, with or without its leading slash: ' +
          '`subscriptions/{id}`, `subscriptions/{id}/resourceGroups/{name}`, or a resource’s id ' +
          '(`…/providers/{provider}/{type}/{name}`), the `externalId` of a stored resource. Empty ' +
          'for the tenant’s root, where the address is `/providers/Microsoft.Authorization/…`. ' +
          'Its slashes are part of the path: it is not URL-encoded (`x-ms-skip-url-encoding`).',
        schema: { type: 'string' },
        example: EXAMPLE_SCOPE.slice(1),
      },
      { 'x-ms-skip-url-encoding': true },
    ),
    [CLIENT_REQUEST_ID]: {
      name: CLIENT_REQUEST_ID,
      in: 'header',
      required: false,
      description:
        'An id of your own, kept in the audit record; the response carries it back only when ' +
        `\`${RETURN_CLIENT_REQUEST_ID}\` is \`true\`. 1 to 128 visible ASCII characters; any ` +
        'other value is ignored.',
      schema: clientValue,
      example: '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b',
    },
    [CORRELATION_REQUEST_ID]: {
      name: CORRELATION_REQUEST_ID,
      in: 'header',
      required: false,
      description:
        'The id of the client operation this call is part of, echoed in the response header of ' +
        'the same name. 1 to 128 visible ASCII characters; any other value is replaced by the ' +
        '`x-ms-request-id`.',
      schema: clientValue,
      example: '0f8fad5b-d9cb-469f-a165-70867728950e',
    },
    [RETURN_CLIENT_REQUEST_ID]: {
      name: RETURN_CLIENT_REQUEST_ID,
      in: 'header',
      required: false,
      description: `\`true\`: the response carries your \`${CLIENT_REQUEST_ID}\` back.`,
      schema: { type: 'string' },
      example: 'true',
    },
  };
  document.tags = [
    ...(document.tags ?? []),
    {
      name: RESOURCE_MANAGER_TAG,
      description:
        'The Azure Resource Manager PIM API (`Microsoft.Authorization`), over the same requests, ' +
        'assignments and settings as the Graph routes: at `/{scope}/providers/' +
        'Microsoft.Authorization/…`, with a required `api-version`, Resource Manager tokens, ' +
        '`x-ms-*` request ids, and errors in ARM’s envelope (`CloudError`).',
    },
  ];
}
