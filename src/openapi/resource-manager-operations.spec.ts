import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
} from '@nestjs/swagger';
import { IsString } from 'class-validator';
import type { DocumentedRoute } from './documented-route.js';
import {
  completeResourceManagerOperations,
  type ResourceManagerOperationsOptions,
} from './resource-manager-operations.js';

const WIDGETS = '/providers/Microsoft.Authorization/widgets';
const OPTIONS: ResourceManagerOperationsOptions = {
  maxRequestBodyBytes: 2048,
  throttle: { limit: 100, windowSeconds: 60 },
};

class PutWidgetDto {
  @IsString()
  colour: string;
}

/** What Nest's scanner produces for a list, a get, a PUT, a cancel, and a route of another API. */
function scannedDocument(): OpenAPIObject {
  const name = { name: 'name', in: 'path' as const, required: true };
  return {
    openapi: '3.1.0',
    info: { title: 't', version: 'beta' },
    paths: {
      [WIDGETS]: {
        get: {
          operationId: 'WidgetsController_list',
          tags: ['Widgets'],
          parameters: [
            { name: '$filter', in: 'query', required: true },
            { name: '$skiptoken', in: 'query', required: true },
          ],
          responses: { 200: { description: '' } },
        },
      },
      [`${WIDGETS}/{name}`]: {
        get: {
          operationId: 'WidgetsController_get',
          parameters: [name],
          responses: { 200: { description: '' } },
        },
        put: {
          operationId: 'WidgetsController_create',
          parameters: [name],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/PutWidgetDto' },
              },
            },
          },
          responses: { 201: { description: '' } },
        },
      },
      [`${WIDGETS}/{name}/cancel`]: {
        post: {
          operationId: 'WidgetsController_cancel',
          parameters: [name],
          responses: { 200: { description: '' } },
        },
      },
      '/beta/things': {
        get: {
          operationId: 'ThingsController_list',
          responses: { 200: { description: 'Things.' } },
        },
      },
    },
    components: {
      schemas: { PutWidgetDto: { type: 'object', properties: {} } },
    },
  };
}

const arm = (operationId: string, extra: Partial<DocumentedRoute> = {}) => ({
  operationId,
  queryOptions: [],
  noRequestBody: false,
  apiVersions: ['2020-10-01', '2022-04-01'],
  ...extra,
});
const ROUTES: DocumentedRoute[] = [
  arm('WidgetsController_list'),
  arm('WidgetsController_get'),
  arm('WidgetsController_create', { bodyClass: PutWidgetDto }),
  arm('WidgetsController_cancel'),
  {
    operationId: 'ThingsController_list',
    queryOptions: [],
    noRequestBody: false,
  },
];

function complete(options = OPTIONS): OpenAPIObject {
  return completeResourceManagerOperations(scannedDocument(), ROUTES, options);
}

const operation = (
  document: OpenAPIObject,
  path: string,
  method: 'get' | 'put' | 'post',
): OperationObject => document.paths[path][method]!;

const response = (op: OperationObject, status: number): ResponseObject =>
  op.responses[status] as ResponseObject;

function exampleCodes(op: OperationObject, status: number): string[] {
  const examples = (response(op, status).content!['application/json']
    .examples ?? {}) as Record<string, { value: { error: { code: string } } }>;
  return Object.values(examples).map((example) => example.value.error.code);
}

describe('completeResourceManagerOperations', () => {
  it('documents each Resource Manager route at the address clients call, under its scope, and leaves the others where they are', () => {
    expect(Object.keys(complete().paths)).toEqual([
      `/{scope}${WIDGETS}`,
      `/{scope}${WIDGETS}/{name}`,
      `/{scope}${WIDGETS}/{name}/cancel`,
      '/beta/things',
    ]);
  });

  it('gives an operation the scope, the required api-version its controller serves, optional query parameters and the x-ms request headers', () => {
    const list = operation(complete(), `/{scope}${WIDGETS}`, 'get');

    expect(list.parameters).toEqual([
      { $ref: '#/components/parameters/scope' },
      expect.objectContaining({ name: '$filter', required: false }),
      expect.objectContaining({ name: '$skiptoken', required: false }),
      expect.objectContaining({
        name: 'api-version',
        in: 'query',
        required: true,
        schema: { type: 'string', enum: ['2020-10-01', '2022-04-01'] },
      }),
      { $ref: '#/components/parameters/x-ms-client-request-id' },
      { $ref: '#/components/parameters/x-ms-correlation-request-id' },
      { $ref: '#/components/parameters/x-ms-return-client-request-id' },
    ]);
    expect((list.parameters as ParameterObject[])[1].description).toContain(
      'InvalidFilter',
    );
  });

  it('tags it for its API, and secures it with the Resource Manager token, without Graph permissions', () => {
    const document = complete();
    const get = operation(document, `/{scope}${WIDGETS}/{name}`, 'get');

    expect(get.tags).toEqual(['Azure Resource Manager']);
    expect(get.security).toEqual([{ resourceManagerBearer: [] }]);
    expect(get).not.toHaveProperty('x-permissions');
    expect(
      document.components!.securitySchemes!.resourceManagerBearer,
    ).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.tags).toEqual([
      expect.objectContaining({ name: 'Azure Resource Manager' }),
    ]);
    expect(document.components!.parameters!.scope).toMatchObject({
      in: 'path',
      required: true,
      'x-ms-skip-url-encoding': true,
    });
  });

  it('answers a list with a page, a get and a PUT with the resource, a cancel with nothing', () => {
    const document = complete();
    const schemaOf = (
      path: string,
      method: 'get' | 'put' | 'post',
      status: number,
    ) =>
      response(operation(document, path, method), status).content?.[
        'application/json'
      ]?.schema;

    expect(schemaOf(`/{scope}${WIDGETS}`, 'get', 200)).toEqual({
      $ref: '#/components/schemas/ArmResourceList',
    });
    expect(schemaOf(`/{scope}${WIDGETS}/{name}`, 'get', 200)).toEqual({
      $ref: '#/components/schemas/ArmResource',
    });
    expect(schemaOf(`/{scope}${WIDGETS}/{name}`, 'put', 201)).toEqual({
      $ref: '#/components/schemas/ArmResource',
    });
    expect(
      schemaOf(`/{scope}${WIDGETS}/{name}/cancel`, 'post', 200),
    ).toBeUndefined();
  });

  it('shows the body of @ArmBody’s class in place of the scanner’s empty schema', () => {
    const document = complete();

    expect(document.components!.schemas!.PutWidgetDto).toEqual({
      type: 'object',
      properties: { colour: { type: 'string' } },
      required: ['colour'],
      additionalProperties: false,
    });
  });

  it('documents the errors of the plumbing in ARM’s envelope: 400, 401, 403, 404, 405, 409 and 413 for a PUT, 429, 500, 503', () => {
    const put = operation(complete(), `/{scope}${WIDGETS}/{name}`, 'put');

    expect(Object.keys(put.responses).map(Number)).toEqual([
      201, 400, 401, 403, 404, 405, 409, 413, 429, 500, 503,
    ]);
    for (const status of [400, 401, 403, 404, 405, 409, 413, 429, 500, 503]) {
      expect(response(put, status).content!['application/json'].schema).toEqual(
        { $ref: '#/components/schemas/CloudError' },
      );
    }
    expect(exampleCodes(put, 400)).toEqual([
      'MissingApiVersionParameter',
      'InvalidApiVersionParameter',
      'BadRequest',
      'InvalidRequestContent',
    ]);
    expect(exampleCodes(put, 401)).toEqual([
      'AuthenticationFailed',
      'InvalidAuthenticationToken',
      'ExpiredAuthenticationToken',
      'InvalidAuthenticationTokenAudience',
      'InvalidAuthenticationTokenTenant',
    ]);
    expect(response(put, 403).content!['application/json'].examples).toEqual({
      AuthorizationFailed: {
        summary: expect.any(String),
        value: {
          error: {
            code: 'AuthorizationFailed',
            message: expect.stringContaining(
              "action 'Microsoft.Authorization/widgets/write'",
            ),
          },
        },
      },
    });
    expect(exampleCodes(put, 404)).toEqual([
      'SubscriptionNotFound',
      'ResourceGroupNotFound',
      'ResourceNotFound',
    ]);
    expect(response(put, 401).headers).toHaveProperty('WWW-Authenticate');
    expect(response(put, 503).headers).toHaveProperty('Retry-After');
  });

  it('lists InvalidFilter where the route reads $filter, and no body errors for a GET', () => {
    const list = operation(complete(), `/{scope}${WIDGETS}`, 'get');

    expect(exampleCodes(list, 400)).toEqual([
      'MissingApiVersionParameter',
      'InvalidApiVersionParameter',
      'InvalidFilter',
    ]);
    expect(Object.keys(list.responses)).not.toContain('413');
  });

  it('names the action of a cancel in its 403, and leaves out 429 when throttling is off', () => {
    const cancel = operation(
      complete({ ...OPTIONS, throttle: { limit: 0, windowSeconds: 60 } }),
      `/{scope}${WIDGETS}/{name}/cancel`,
      'post',
    );

    expect(
      JSON.stringify(
        response(cancel, 403).content!['application/json'].examples,
      ),
    ).toContain('Microsoft.Authorization/widgets/cancel/action');
    expect(Object.keys(cancel.responses)).not.toContain('429');
  });

  it('puts x-ms-request-id and x-ms-correlation-request-id on every response, and touches no other route', () => {
    const document = complete();

    for (const [path, item] of Object.entries(document.paths)) {
      for (const op of Object.values(item) as OperationObject[]) {
        for (const answer of Object.values(op.responses) as ResponseObject[]) {
          if (path.startsWith('/{scope}/')) {
            expect(answer.headers).toMatchObject({
              'x-ms-request-id': {
                $ref: '#/components/headers/x-ms-request-id',
              },
              'x-ms-correlation-request-id': {
                $ref: '#/components/headers/x-ms-correlation-request-id',
              },
            });
          } else {
            expect(answer).toEqual({ description: 'Things.' });
          }
        }
      }
    }
  });

  it('refuses a body class whose name another schema has', () => {
    const document = scannedDocument();
    document.components!.schemas!.PutWidgetDto = {
      type: 'object',
      properties: { size: { type: 'integer' } },
    };

    expect(() =>
      completeResourceManagerOperations(document, ROUTES, OPTIONS),
    ).toThrow('The OpenAPI document has two schemas named PutWidgetDto');
  });

  it('adds nothing to a document without Resource Manager routes', () => {
    const document = completeResourceManagerOperations(
      scannedDocument(),
      ROUTES.filter((route) => !route.apiVersions),
      OPTIONS,
    );

    expect(document.paths).toEqual(scannedDocument().paths);
    expect(document.components).toEqual(scannedDocument().components);
    expect(document.tags).toBeUndefined();
  });
});
