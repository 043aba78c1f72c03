import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import {
  AccessTokenExpiredError,
  AccessTokenValidationError,
  EmptyAccessTokenError,
  MissingPermissionClaimsError,
  UnauthorizedAccessError,
} from '../auth/auth.errors.js';
import { requireGraphErrorOf } from '../graph/graph-error-registry.js';
// Worded before the examples below are made.
import '../graph/auth.graph-errors.js';
import type { PermissionRequirement } from '../auth/required-scopes.decorator.js';
import {
  describeGraphErrors,
  type GraphErrorExample,
} from '../graph/api-graph-errors.decorator.js';
import { GraphErrorSchema } from '../graph/graph-error.schema.js';
import {
  GeneralError,
  MethodNotAllowedError,
  RequestEntityTooLargeError,
  ServiceUnavailableError,
} from '../graph/graph-errors.js';
import {
  MalformedJsonError,
  RequestBodyNotAcceptedError,
  UnsupportedQueryOptionError,
} from '../graph/protocol-errors.js';
import {
  SYSTEM_QUERY_OPTIONS,
  type SystemQueryOption,
} from '../graph/odata/query-options.js';
import { TooManyRequestsError } from '../throttling/throttling.errors.js';
import {
  type DocumentedRoute,
  handlerOperationIdOf,
} from './documented-route.js';
import {
  BODY_METHODS,
  HTTP_METHODS,
  type HttpMethod,
  isReference,
  methodsOf,
  otherMethod,
} from './http-operations.js';

export interface GraphOperationsOptions {
  readonly maxRequestBodyBytes: number;
  /** Requests a caller may make per window (THROTTLE_*); a limit of 0 never answers 429. */
  readonly throttle: { readonly limit: number; readonly windowSeconds: number };
}

export const BEARER_SCHEME = 'bearer';
/** The vendor extension naming the permissions of an operation, by kind of caller. */
export const PERMISSIONS_EXTENSION = 'x-permissions';
export const GRAPH_PATH_PREFIX = '/beta/';

const REQUEST_ID = 'request-id';
const CLIENT_REQUEST_ID = 'client-request-id';

/**
 * Completes the document Nest's scanner built with what the Graph plumbing does for every route,
 * derived from each route's declarations rather than repeated on each handler:
 * - the `request-id` / `client-request-id` headers on every response of every operation but
 *   Resource Manager's (a global hook sets them);
 * - on every operation under `/beta/`: the `client-request-id` request header; the Graph error
 *   responses the protocol can give (400, 401, 403, 405, 413 when the method reads a body, 429
 *   when throttling is on, 500, 503), merged with the route's own (`@ApiGraphErrors`); the
 *   bearer scheme and the permissions of `@RequiredScopes`; what `@ODataQueryOptions` and
 *   `@NoRequestBody` declare.
 */
export function completeGraphOperations(
  document: OpenAPIObject,
  routes: readonly DocumentedRoute[],
  options: GraphOperationsOptions,
): OpenAPIObject {
  addSharedComponents(document);
  const byOperationId = new Map(
    routes.map((route) => [route.operationId, route]),
  );
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      const route = operation?.operationId
        ? byOperationId.get(handlerOperationIdOf(operation.operationId))
        : undefined;
      // Resource Manager's routes have ids and errors of their own (resource-manager-operations.ts).
      if (!operation || route?.apiVersions) {
        continue;
      }
      if (path.toLowerCase().startsWith(GRAPH_PATH_PREFIX)) {
        describeGraphOperation(operation, {
          method,
          allowedMethods: methodsOf(pathItem),
          route: route ?? {
            operationId: operation.operationId ?? '',
            queryOptions: [],
            noRequestBody: false,
          },
          options,
        });
      }
      addRequestIdHeaders(operation);
    }
  }
  return document;
}

function addSharedComponents(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  components.securitySchemes = {
    ...components.securitySchemes,
    [BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'An Entra ID access token for Microsoft Graph (`aud` `https://graph.microsoft.com` or ' +
        '`00000003-0000-0000-c000-000000000000`). A delegated token carries its permissions ' +
        'in `scp`, an application token in `roles`; each operation names the permissions it ' +
        'accepts (`x-permissions`). In development, `npm run --silent token -- --tid … --oid … ' +
        '--scp PrivilegedAccess.ReadWrite.AzureResources` prints a token the server accepts.',
    },
  };
  components.headers = {
    ...components.headers,
    [REQUEST_ID]: {
      description: 'The id of this HTTP call, new for every request.',
      schema: { type: 'string', format: 'uuid' },
      example: 'b4f3c9a2-6d1e-4f7a-9c2b-1e5d8a7f3c60',
    },
    [CLIENT_REQUEST_ID]: {
      description:
        "The caller's `client-request-id` echoed, else the same value as `request-id`.",
      schema: { type: 'string' },
      example: '0f8fad5b-d9cb-469f-a165-70867728950e',
    },
  };
  components.parameters = {
    ...components.parameters,
    [CLIENT_REQUEST_ID]: {
      name: CLIENT_REQUEST_ID,
      in: 'header',
      required: false,
      description:
        'A correlation id of your own, echoed in the `client-request-id` response header, in ' +
        'error bodies and in the audit record. 1 to 128 visible ASCII characters; any other ' +
        'value is replaced by the request id.',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
      example: '0f8fad5b-d9cb-469f-a165-70867728950e',
    },
  };
}

function addRequestIdHeaders(operation: OperationObject): void {
  for (const response of Object.values(operation.responses)) {
    if (response && !isReference(response)) {
      response.headers = {
        [REQUEST_ID]: { $ref: `#/components/headers/${REQUEST_ID}` },
        [CLIENT_REQUEST_ID]: {
          $ref: `#/components/headers/${CLIENT_REQUEST_ID}`,
        },
        ...response.headers,
      };
    }
  }
}

interface OperationContext {
  readonly method: HttpMethod;
  readonly allowedMethods: readonly string[];
  readonly route: DocumentedRoute;
  readonly options: GraphOperationsOptions;
}

function describeGraphOperation(
  operation: OperationObject,
  context: OperationContext,
): void {
  const { route } = context;
  operation.parameters = [
    ...(operation.parameters ?? []),
    { $ref: `#/components/parameters/${CLIENT_REQUEST_ID}` },
  ];
  if (!route.public) {
    operation.security = [{ [BEARER_SCHEME]: [] }];
  }
  if (!route.authenticationOnly && !route.public) {
    Object.assign(operation, {
      [PERMISSIONS_EXTENSION]: {
        delegated: [...(route.permissions?.delegated ?? [])],
        application: [...(route.permissions?.application ?? [])],
      },
    });
  }
  operation.description = [
    operation.description,
    accessSection(route),
    queryOptionsSection(route.queryOptions),
    route.noRequestBody ? REQUEST_BODY_SECTION : undefined,
  ]
    .filter((section) => section)
    .join('\n\n');

  const errors = [
    ...requestShapeErrors(context),
    ...(route.public ? [] : AUTHENTICATION_ERRORS),
    ...protocolLimitErrors(context),
    ...SERVICE_ERRORS,
  ];
  for (const status of new Set(errors.map(({ error }) => error.status))) {
    mergeErrorResponse(
      operation,
      status,
      errors.filter(({ error }) => error.status === status),
    );
  }
}

/** What the request pipeline refuses in the query string and the body, before the route runs. */
function requestShapeErrors({
  method,
  route,
}: OperationContext): GraphErrorExample[] {
  const unsupportedOption = SYSTEM_QUERY_OPTIONS.find(
    (option) => !route.queryOptions.includes(option),
  );
  return [
    ...(unsupportedOption
      ? [
          {
            key: 'unsupportedQueryOption',
            summary: 'an OData system query option the route does not support',
            error: new UnsupportedQueryOptionError(`$${unsupportedOption}`),
          },
        ]
      : []),
    ...(BODY_METHODS.has(method)
      ? [
          {
            key: 'malformedJson',
            summary: 'a JSON body that does not parse',
            error: new MalformedJsonError(),
          },
        ]
      : []),
    ...(route.noRequestBody
      ? [
          {
            key: 'requestBodyNotAccepted',
            summary: 'a request body other than none, `{}` or `null`',
            error: new RequestBodyNotAcceptedError(),
          },
        ]
      : []),
  ];
}

/** The token refusals, the same on every Graph operation. */
const AUTHENTICATION_ERRORS: readonly GraphErrorExample[] = [
  {
    key: 'emptyToken',
    summary: 'no or an empty bearer token',
    error: requireGraphErrorOf(new EmptyAccessTokenError()),
  },
  {
    key: 'invalidToken',
    summary:
      'a bad signature, malformed token, wrong algorithm, unknown key; with "Invalid audience." or "Invalid issuer." when those are wrong',
    error: requireGraphErrorOf(new AccessTokenValidationError()),
  },
  {
    key: 'expiredToken',
    summary: 'an expired or not yet valid token',
    error: requireGraphErrorOf(new AccessTokenExpiredError()),
  },
  {
    key: 'noPermissionClaims',
    summary: 'a token with neither `scp` nor `roles`',
    error: requireGraphErrorOf(new MissingPermissionClaimsError()),
  },
  {
    key: 'permissionMissing',
    summary:
      'none of the permissions the operation accepts, or a personal Microsoft account',
    error: requireGraphErrorOf(new UnauthorizedAccessError()),
  },
];

/** The refusals of the HTTP layer and its limits: other methods, body size, throttling. */
function protocolLimitErrors({
  method,
  allowedMethods,
  options,
  route,
}: OperationContext): GraphErrorExample[] {
  return [
    {
      key: 'methodNotAllowed',
      summary: `another method on this path; \`Allow\` lists ${allowedMethods.join(', ')}`,
      error: new MethodNotAllowedError(
        otherMethod(allowedMethods),
        allowedMethods,
      ),
    },
    ...(BODY_METHODS.has(method)
      ? [
          {
            key: 'bodyTooLarge',
            summary: 'a body larger than `MAX_REQUEST_BODY_BYTES`',
            error: new RequestEntityTooLargeError(options.maxRequestBodyBytes),
          },
        ]
      : []),
    // The throttle counts callers by their token: a public route has none to count.
    ...(options.throttle.limit > 0 && !route.public
      ? [
          {
            key: 'throttled',
            summary:
              'more requests of this caller of this tenant than the limit allows',
            error: new TooManyRequestsError(
              options.throttle.limit,
              options.throttle.windowSeconds,
              options.throttle.windowSeconds,
            ),
          },
        ]
      : []),
  ];
}

/** What any operation may answer when the service itself fails. */
const SERVICE_ERRORS: readonly GraphErrorExample[] = [
  {
    key: 'unexpected',
    summary: 'anything unexpected; details only in the server log',
    error: new GeneralError(),
  },
  {
    key: 'unavailable',
    summary:
      "the database is busy or unreachable, or the identity provider's keys are",
    error: new ServiceUnavailableError(),
  },
];

/** Adds protocol errors to the response of their status, after those the route declared. */
function mergeErrorResponse(
  operation: OperationObject,
  status: number,
  errors: readonly GraphErrorExample[],
): void {
  const existing = operation.responses[status];
  if (existing && isReference(existing)) {
    return;
  }
  const described = describeGraphErrors(errors);
  const examples = { ...existing?.content?.['application/json']?.examples };
  for (const [key, example] of Object.entries(described.examples)) {
    examples[key in examples ? `${key}Protocol` : key] = example;
  }
  operation.responses[status] = {
    ...existing,
    description: [existing?.description, described.description]
      .filter((text) => text)
      .join('\n'),
    headers: { ...existing?.headers, ...described.headers },
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(GraphErrorSchema) },
        examples,
      },
    },
  };
}

/** Who may call the route: its permissions, any Graph token (`$batch`) or anyone (`$metadata`). */
function accessSection(route: DocumentedRoute): string {
  if (route.public) {
    return PUBLIC_SECTION;
  }
  return route.authenticationOnly
    ? AUTHENTICATION_ONLY_SECTION
    : permissionsSection(route.permissions);
}

const PUBLIC_SECTION = [
  '### Permissions',
  '',
  'None: served without a token, as Graph serves it.',
].join('\n');

const AUTHENTICATION_ONLY_SECTION = [
  '### Permissions',
  '',
  'Any Microsoft Graph token, whatever its permissions: what the route runs checks its own.',
].join('\n');

function permissionsSection(
  permissions: PermissionRequirement | undefined,
): string {
  if (!permissions) {
    return '### Permissions\n\nThis route declares no permission: every caller gets 403.';
  }
  const list = (names: readonly string[]) =>
    names.length > 0 ? names.join(', ') : 'Not supported.';
  return [
    '### Permissions',
    '',
    'One of the following permissions is required to call this API.',
    '',
    '| Permission type | Permissions |',
    '|:--|:--|',
    `| Delegated (work or school account) | ${list(permissions.delegated)} |`,
    '| Delegated (personal Microsoft account) | Not supported. |',
    `| Application | ${list(permissions.application)} |`,
  ].join('\n');
}

function queryOptionsSection(supported: readonly SystemQueryOption[]): string {
  const refused = SYSTEM_QUERY_OPTIONS.filter(
    (option) => !supported.includes(option),
  ).map((option) => `\`$${option}\``);
  const head = '### Optional query parameters\n\n';
  if (supported.length === 0) {
    return `${head}This method does **not** support OData query parameters: ${refused.join(', ')} (with or without the \`$\`) get 400 \`BadRequest\`.`;
  }
  return `${head}This method supports the OData query parameters ${supported
    .map((option) => `\`$${option}\``)
    .join(
      ', ',
    )}; ${refused.join(', ')} (with or without the \`$\`) get 400 \`BadRequest\`.`;
}

const REQUEST_BODY_SECTION =
  '### Request body\n\nDo not supply a request body for this method. No body, an empty body, ' +
  '`{}` and `null` are accepted, with or without `Content-Type`; anything else gets 400 `BadRequest`.';
