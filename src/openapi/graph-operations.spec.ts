import type {
  OpenAPIObject,
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger';
import type { DocumentedRoute } from './documented-route.js';
import {
  completeGraphOperations,
  type GraphOperationsOptions,
} from './graph-operations.js';

const ENTITY_PATH = '/beta/things/{id}';
const ACTION_PATH = '/beta/things/{id}/act';
const ERROR_SCHEMA = {
  $ref: '#/components/schemas/microsoft.graph.ODataErrors.ODataError',
};
const OPTIONS: GraphOperationsOptions = {
  maxRequestBodyBytes: 2048,
  throttle: { limit: 100, windowSeconds: 60 },
};
const READ = { delegated: ['Things.ReadWrite'], application: ['Things.Read'] };

/** What Nest's scanner produces for a GET, a POST action and a route outside /beta. */
function scannedDocument(): OpenAPIObject {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: 'beta' },
    paths: {
      [ENTITY_PATH]: {
        get: {
          operationId: 'ThingsController_get',
          description: 'Get a thing.',
          responses: {
            200: { description: 'The thing.' },
            400: {
              description: '- `ThingNotFound`: no such thing',
              content: {
                'application/json': {
                  schema: ERROR_SCHEMA,
                  examples: {
                    ThingNotFound: { summary: 'no such thing', value: {} },
                  },
                },
              },
            },
          },
        },
      },
      [ACTION_PATH]: {
        post: {
          operationId: 'ThingsController_act',
          responses: { 204: { description: 'Done.' } },
        },
      },
      '/health/live': {
        get: {
          operationId: 'HealthController_live',
          responses: { 200: { description: 'Alive.' } },
        },
      },
    },
  };
}

const ROUTES: DocumentedRoute[] = [
  {
    operationId: 'ThingsController_get',
    permissions: READ,
    queryOptions: [],
    noRequestBody: false,
  },
  {
    operationId: 'ThingsController_act',
    permissions: {
      delegated: ['Things.ReadWrite'],
      application: [],
    },
    queryOptions: ['select', 'filter'],
    noRequestBody: true,
  },
];

function complete(options = OPTIONS): OpenAPIObject {
  return completeGraphOperations(scannedDocument(), ROUTES, options);
}

function operation(
  document: OpenAPIObject,
  path: string,
  method: 'get' | 'post',
): OperationObject {
  return document.paths[path][method]!;
}

function response(op: OperationObject, status: number): ResponseObject {
  return op.responses[status] as ResponseObject;
}

function exampleCodes(op: OperationObject, status: number): string[] {
  const examples = response(op, status).content!['application/json']
    .examples as Record<string, { value: { error: { code: string } } }>;
  return Object.values(examples).map((example) => example.value.error?.code);
}

describe('completeGraphOperations', () => {
  it('leaves the operations of Resource Manager routes to their own completion', () => {
    const document = scannedDocument();
    const armOperation: OperationObject = {
      operationId: 'WidgetsController_list',
      responses: { 200: { description: 'Widgets.' } },
    };
    document.paths['/providers/Microsoft.Authorization/widgets'] = {
      get: armOperation,
    };

    completeGraphOperations(
      document,
      [
        ...ROUTES,
        {
          operationId: 'WidgetsController_list',
          queryOptions: [],
          noRequestBody: false,
          apiVersions: ['2020-10-01'],
        },
      ],
      OPTIONS,
    );

    expect(armOperation).toEqual({
      operationId: 'WidgetsController_list',
      responses: { 200: { description: 'Widgets.' } },
    });
  });

  it('adds the request-id and client-request-id headers to every response of every operation', () => {
    const document = complete();

    for (const pathItem of Object.values(document.paths)) {
      for (const op of Object.values(pathItem) as OperationObject[]) {
        for (const answer of Object.values(op.responses) as ResponseObject[]) {
          expect(answer.headers).toMatchObject({
            'request-id': { $ref: '#/components/headers/request-id' },
            'client-request-id': {
              $ref: '#/components/headers/client-request-id',
            },
          });
        }
      }
    }
    expect(Object.keys(document.components!.headers!)).toEqual([
      'request-id',
      'client-request-id',
    ]);
  });

  it('gives a Graph route the bearer scheme and the permissions its @RequiredScopes declares', () => {
    const document = complete();
    const get = operation(document, ENTITY_PATH, 'get');

    expect(get.security).toEqual([{ bearer: [] }]);
    expect(get).toHaveProperty(['x-permissions'], READ);
    expect(get.description).toContain(
      '| Delegated (work or school account) | Things.ReadWrite |',
    );
    expect(get.description).toContain('| Application | Things.Read |');
    expect(operation(document, ACTION_PATH, 'post').description).toContain(
      '| Application | Not supported. |',
    );
    expect(document.components!.securitySchemes!.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('leaves routes outside /beta without security, parameters or Graph errors', () => {
    const live = operation(complete(), '/health/live', 'get');

    expect(live.security).toBeUndefined();
    expect(live.parameters).toBeUndefined();
    expect(Object.keys(live.responses)).toEqual(['200']);
  });

  it('documents every error status the protocol can answer, with the Graph error schema', () => {
    const document = complete();
    const get = operation(document, ENTITY_PATH, 'get');
    const act = operation(document, ACTION_PATH, 'post');

    // GET never reads a body: no 413.
    expect(Object.keys(get.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '405',
      '429',
      '500',
      '503',
    ]);
    expect(Object.keys(act.responses)).toEqual([
      '204',
      '400',
      '401',
      '403',
      '405',
      '413',
      '429',
      '500',
      '503',
    ]);
    for (const status of [400, 401, 403, 405, 413, 429, 500, 503]) {
      expect(response(act, status).content!['application/json'].schema).toEqual(
        ERROR_SCHEMA,
      );
    }
    expect(exampleCodes(act, 401)).toEqual([
      'InvalidAuthenticationToken',
      'InvalidAuthenticationToken',
      'InvalidAuthenticationToken',
    ]);
    expect(exampleCodes(act, 403)).toEqual([
      'AccessDenied',
      'UnauthorizedAccessException',
    ]);
    expect(exampleCodes(act, 503)).toEqual(['serviceNotAvailable']);
    expect(exampleCodes(act, 500)).toEqual(['generalException']);
  });

  it("keeps the route's own errors first and adds the protocol's to the same status", () => {
    const get = operation(complete(), ENTITY_PATH, 'get');

    expect(exampleCodes(get, 400)).toEqual([undefined, 'BadRequest']);
    expect(response(get, 400).description).toMatch(
      /^- `ThingNotFound`: no such thing\n- `BadRequest`: /,
    );
  });

  it('documents the headers the errors set: WWW-Authenticate, Allow with the methods of the path, Retry-After', () => {
    const document = complete();
    const get = operation(document, ENTITY_PATH, 'get');
    const act = operation(document, ACTION_PATH, 'post');

    expect(response(get, 401).headers).toHaveProperty('WWW-Authenticate');
    expect(response(get, 405).headers!.Allow).toMatchObject({
      example: 'GET',
    });
    expect(response(act, 405).headers!.Allow).toMatchObject({
      example: 'POST',
    });
    expect(response(get, 429).headers).toHaveProperty('Retry-After');
    expect(response(get, 503).headers).toHaveProperty('Retry-After');
  });

  it('takes the 413 limit and the 429 limit from the configuration, and drops 429 when throttling is off', () => {
    const act = operation(complete(), ACTION_PATH, 'post');
    const unthrottled = operation(
      complete({ ...OPTIONS, throttle: { limit: 0, windowSeconds: 60 } }),
      ACTION_PATH,
      'post',
    );

    expect(JSON.stringify(response(act, 413))).toContain('2048 bytes');
    expect(JSON.stringify(response(act, 429))).toContain('100 requests');
    expect(unthrottled.responses).not.toHaveProperty('429');
  });

  it('says which OData query options a route supports, and refuses the others', () => {
    const document = complete();

    expect(operation(document, ENTITY_PATH, 'get').description).toContain(
      'This method does **not** support OData query parameters',
    );
    const act = operation(document, ACTION_PATH, 'post').description;
    expect(act).toContain(
      'This method supports the OData query parameters `$select`, `$filter`;',
    );
    expect(
      JSON.stringify(response(operation(document, ACTION_PATH, 'post'), 400)),
    ).toContain("The query option '$expand' is not supported by this request.");
  });

  it('documents "no request body" for @NoRequestBody routes only', () => {
    const document = complete();
    const act = operation(document, ACTION_PATH, 'post');

    expect(act.description).toContain(
      'Do not supply a request body for this method.',
    );
    expect(
      Object.keys(response(act, 400).content!['application/json'].examples!),
    ).toContain('requestBodyNotAccepted');
    expect(operation(document, ENTITY_PATH, 'get').description).not.toContain(
      'request body',
    );
  });

  it('adds the client-request-id request header to Graph routes', () => {
    const get = operation(complete(), ENTITY_PATH, 'get');

    expect(get.parameters).toEqual([
      { $ref: '#/components/parameters/client-request-id' },
    ]);
  });

  it('says that a Graph route without @RequiredScopes is refused to everyone', () => {
    const document = completeGraphOperations(scannedDocument(), [], OPTIONS);

    expect(operation(document, ENTITY_PATH, 'get').description).toContain(
      'This route declares no permission: every caller gets 403.',
    );
  });
});
