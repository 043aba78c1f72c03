import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
} from '@nestjs/swagger';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuthenticationOnly } from '../src/auth/authentication-only.decorator.js';
import { Public } from '../src/auth/public.decorator.js';
import { RequiredScopes } from '../src/auth/required-scopes.decorator.js';
import { handlerOperationIdOf } from '../src/openapi/documented-route.js';
import { ARM_PROVIDER_ROUTE } from '../src/resource-manager/arm-address.js';
import { ApiVersions } from '../src/resource-manager/resource-manager-controller.decorator.js';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  authorizationDirectory,
  RESOURCE as DIRECTORY_RESOURCE,
  ROLES,
  USERS,
} from './support/authorization-directory.js';
import {
  RESOURCE,
  ROLE_ASSIGNMENT,
  ROLE_DEFINITION,
  ROLE_SETTING,
  tenantAFixture,
} from './support/pim-fixture.js';
import {
  aRequest,
  DOCUMENTED_REQUEST_ID,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { ROLE_TEMPLATES } from './support/directory.js';
import { rawRequest } from './support/raw-http.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { appToken, armUserToken, READ, userToken } from './support/tokens.js';

// ajv-formats is CommonJS: imported from ESM, its plugin is the `default` of the module.
const addFormats = ajvFormats.default;

const ENTITY_PATH =
  '/beta/privilegedAccess/azureResources/roleAssignmentRequests/{id}';
const CANCEL_PATH = `${ENTITY_PATH}/cancel`;
const ARM_COLLECTION_PATH = `/{scope}/${ARM_PROVIDER_ROUTE}/roleAssignmentScheduleRequests`;
const ARM_REQUEST_PATH = `${ARM_COLLECTION_PATH}/{name}`;
const ARM_CANCEL_PATH = `${ARM_REQUEST_PATH}/cancel`;
const ARM_ERROR_SCHEMA = { $ref: '#/components/schemas/CloudError' };
const UNKNOWN_ID = 'd2b1f6a0-1111-4222-8333-944455556666';
const BODY_LIMIT = 1024;
const SCHEMAS_ID = 'https://pim.test/openapi.json/components/schemas';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

interface Sample {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Every operation of the document, with its path and method. */
function operationsOf(
  document: OpenAPIObject,
): { path: string; method: HttpMethod; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      operation: item[method]!,
    })),
  );
}

/**
 * An ajv for the document's schemas (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Object
 * schemas are closed here, so that a key the service sends but the document does not name fails.
 */
function schemaValidator(document: OpenAPIObject) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addKeyword('example');
  addFormats(ajv);
  const schemas = JSON.parse(
    toDefinitions(JSON.stringify(document.components?.schemas ?? {})),
  ) as Record<string, Record<string, unknown>>;
  for (const schema of Object.values(schemas)) {
    if (schema.type === 'object' && schema.properties) {
      schema.additionalProperties ??= false;
    }
  }
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: schemas });
  const compiled = new Map<string, ValidateFunction>();
  return (schema: object): ValidateFunction => {
    const text = toDefinitions(JSON.stringify(schema));
    let validate = compiled.get(text);
    if (!validate) {
      validate = ajv.compile(JSON.parse(text) as object);
      compiled.set(text, validate);
    }
    return validate;
  };
}

/** Points the document's schema references at the validator's copy of its schemas. */
function toDefinitions(json: string): string {
  return json.replaceAll(
    '"$ref":"#/components/schemas/',
    `"$ref":"${SCHEMAS_ID}#/$defs/`,
  );
}

/** A running app with the document it serves, and checks of its responses against it. */
class DocumentedApp {
  private constructor(
    readonly testApp: TestApp,
    readonly document: OpenAPIObject,
    readonly validatorFor: (schema: object) => ValidateFunction,
  ) {}

  static async start(env: Record<string, string>): Promise<DocumentedApp> {
    const testApp = await startTestApp(env);
    const response = await request(testApp.server).get('/openapi.json');
    const document = JSON.parse(response.text) as OpenAPIObject;
    return new DocumentedApp(testApp, document, schemaValidator(document));
  }

  responseOf(path: string, method: HttpMethod, status: number): ResponseObject {
    const answer = this.document.paths[path]?.[method]?.responses[status];
    if (!answer) {
      throw new Error(`${method.toUpperCase()} ${path} documents no ${status}`);
    }
    return answer as ResponseObject;
  }

  send(
    method: string,
    path: string,
    options: { token?: string; body?: string } = {},
  ): Promise<Sample> {
    return rawRequest(this.testApp.baseUrl, {
      method,
      path,
      headers: {
        ...(options.token && { Authorization: `Bearer ${options.token}` }),
        ...(options.body !== undefined && {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(options.body)),
        }),
      },
      body: options.body,
    });
  }

  /**
   * Checks a response against what the document says of its path, method (for a 405: of the
   * path's operation) and status: the headers, the body's schema, and for errors that the code
   * is one the document shows (but for an operation's `ownRefusal`).
   */
  expectDocumented(
    sample: Sample,
    path: string,
    method: HttpMethod,
    { ownRefusal = false }: { ownRefusal?: boolean } = {},
  ): void {
    const answer = this.responseOf(path, method, sample.status);
    for (const header of Object.keys(answer.headers ?? {})) {
      expect([header, sample.headers[header.toLowerCase()]]).toEqual([
        header,
        expect.any(String),
      ]);
    }
    const media = answer.content?.['application/json'];
    if (!media) {
      expect(sample.text).toBe('');
      return;
    }
    expect(sample.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(sample.text) as unknown;
    const validate = this.validatorFor(media.schema!);
    expect([validate(body), validate.errors]).toEqual([true, null]);
    // An operation's own refusals (a Resource Manager route's domain errors) are described, not listed.
    if (sample.status >= 400 && !ownRefusal) {
      const documentedCodes = Object.values(media.examples ?? {}).map(
        (example) =>
          (example as { value: { error: { code: string } } }).value.error.code,
      );
      expect(documentedCodes).toContain(
        (body as { error: { code: string } }).error.code,
      );
    }
  }

  async stored(
    overrides: Parameters<typeof aRequest>[0] = {},
  ): Promise<string> {
    const entity = aRequest(overrides);
    await storeRequests(this.testApp.dataSource, entity);
    return entity.id;
  }

  close(): Promise<void> {
    return this.testApp.close();
  }
}

describe('the OpenAPI document', () => {
  let api: DocumentedApp;
  let testApp: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    api = await DocumentedApp.start({
      MAX_REQUEST_BODY_BYTES: String(BODY_LIMIT),
    });
    ({ testApp, document } = api);
  });
  afterAll(() => api.close());

  describe('serving', () => {
    it('serves the document at /openapi.json without a token', async () => {
      const response = await request(testApp.server).get('/openapi.json');

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['request-id']).toBeDefined();
      expect(JSON.parse(response.text)).toMatchObject({
        openapi: '3.1.0',
        info: { version: 'beta' },
      });
    });

    it('serves it with an invalid token too: no guard runs for it', async () => {
      const response = await request(testApp.server)
        .get('/openapi.json')
        .set('Authorization', 'Bearer not-a-token');

      expect(response.status).toBe(200);
    });

    it('serves the interactive page at /docs, its scripts and styles, without a token', async () => {
      const page = await request(testApp.server).get('/docs');

      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<div id="swagger-ui"></div>');
      for (const asset of [
        '/docs/swagger-ui-init.js',
        '/docs/swagger-ui-bundle.js',
        '/docs/swagger-ui.css',
      ]) {
        const response = await request(testApp.server).get(asset);
        expect([asset, response.status]).toEqual([asset, 200]);
      }
      const init = await request(testApp.server).get(
        '/docs/swagger-ui-init.js',
      );
      expect(init.text).toContain(CANCEL_PATH);
    });
  });

  describe('content', () => {
    it('has every route the application registers, Graph, Resource Manager and the service’s own, with its method', () => {
      const discovery = testApp.app.get(DiscoveryService);
      const scanner = testApp.app.get(MetadataScanner);
      const registered = discovery
        .getControllers()
        .flatMap(({ metatype, instance }) => {
          const prototype = Object.getPrototypeOf(instance) as object;
          const bases = pathsOf(metatype!);
          return scanner.getAllMethodNames(prototype).flatMap((name) => {
            const handler = (prototype as Record<string, object>)[name];
            const method = Reflect.getMetadata(METHOD_METADATA, handler) as
              RequestMethod | undefined;
            if (method === undefined) {
              return [];
            }
            return bases.flatMap((base) =>
              pathsOf(handler).map(
                (path) =>
                  `${RequestMethod[method].toLowerCase()} ${toOpenApiPath(base, path)}`,
              ),
            );
          });
        });
      const documented = operationsOf(document).map(
        ({ path, method }) => `${method} ${path}`,
      );

      expect(registered).toEqual(
        expect.arrayContaining([
          `get ${ENTITY_PATH}`,
          `post ${CANCEL_PATH}`,
          `put ${ARM_REQUEST_PATH}`,
          `post ${ARM_CANCEL_PATH}`,
        ]),
      );
      expect(documented.sort()).toEqual([...new Set(registered)].sort());
    });

    it('gives every Graph route the bearer scheme and the permissions its @RequiredScopes declares', () => {
      const reflector = testApp.app.get(Reflector);
      const controllers = testApp.app.get(DiscoveryService).getControllers();
      const graphOperations = operationsOf(document).filter(({ path }) =>
        path.startsWith('/beta/'),
      );

      expect(graphOperations.length).toBeGreaterThanOrEqual(2);
      for (const { operation } of graphOperations) {
        const [controllerName, methodName] = handlerOperationIdOf(
          operation.operationId!,
        ).split('_');
        const controller = controllers.find(
          ({ metatype }) => metatype?.name === controllerName,
        )!;
        const handler = (
          controller.instance as Record<string, (...args: unknown[]) => unknown>
        )[methodName];
        const targets = [handler, controller.metatype!];
        if (reflector.getAllAndOverride(Public, targets)) {
          // `$metadata`: served to anyone, as Graph serves it.
          expect(operation.security).toBeUndefined();
          expect(permissionsOf(operation)).toBeUndefined();
          expect(operation.responses['401']).toBeUndefined();
          expect(operation.responses['403']).toBeUndefined();
          expect(operation.description).toContain(
            'None: served without a token',
          );
          continue;
        }
        if (reflector.getAllAndOverride(AuthenticationOnly, targets)) {
          // `$batch`: any Graph token; each of its requests checks its own permissions.
          expect(operation.security).toEqual([{ bearer: [] }]);
          expect(permissionsOf(operation)).toBeUndefined();
          expect(operation.description).toContain('Any Microsoft Graph token');
          continue;
        }
        const declared = reflector.getAllAndOverride(RequiredScopes, targets);

        expect(operation.security).toEqual([{ bearer: [] }]);
        expect(permissionsOf(operation)).toEqual({
          delegated: [...declared.delegated],
          application: [...declared.application],
        });
        // A route no application may call (register) says so, as Graph's pages do.
        expect(operation.description).toContain(
          `| Application | ${declared.application.join(', ') || 'Not supported.'} |`,
        );
      }
      expect(document.components!.securitySchemes!.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(permissionsOf(document.paths[ENTITY_PATH].get!)).toEqual({
        delegated: ['PrivilegedAccess.ReadWrite.AzureResources'],
        application: [
          'PrivilegedAccess.Read.AzureResources',
          'PrivilegedAccess.ReadWrite.AzureResources',
        ],
      });
    });

    it.each([
      ['get', ENTITY_PATH, [200, 400, 401, 403, 405, 429, 500, 503]],
      ['post', CANCEL_PATH, [204, 400, 401, 403, 405, 413, 429, 500, 503]],
    ] as const)(
      '%s %s documents %p, errors with the Graph error schema, and the request ids on all',
      (method, path, statuses) => {
        const operation = document.paths[path][method]!;

        expect(Object.keys(operation.responses).map(Number)).toEqual(statuses);
        for (const status of statuses) {
          const answer = api.responseOf(path, method, status);
          expect(Object.keys(answer.headers!)).toEqual(
            expect.arrayContaining(['request-id', 'client-request-id']),
          );
          if (status >= 400) {
            expect(answer.content!['application/json'].schema).toEqual({
              $ref: '#/components/schemas/microsoft.graph.ODataErrors.ODataError',
            });
          }
        }
        expect(operation.parameters).toContainEqual({
          $ref: '#/components/parameters/client-request-id',
        });
      },
    );

    it('gives every Resource Manager route ARM’s terms: its scope, the api-versions its controller serves, ARM’s token and envelope, no Graph permission', () => {
      const reflector = testApp.app.get(Reflector);
      const controllers = testApp.app.get(DiscoveryService).getControllers();
      const armOperations = operationsOf(document).filter(({ path }) =>
        path.startsWith(`/{scope}/${ARM_PROVIDER_ROUTE}/`),
      );

      expect(armOperations.length).toBeGreaterThanOrEqual(12);
      for (const { path, operation } of armOperations) {
        const [controllerName] = operation.operationId!.split('_');
        const controller = controllers.find(
          ({ metatype }) => metatype?.name === controllerName,
        )!;
        const served = reflector.get(ApiVersions, controller.metatype!);
        const parameters = operation.parameters as ParameterObject[];
        const apiVersion = parameters.find(
          (parameter) => parameter.name === 'api-version',
        );

        expect([path, parameters[0]]).toEqual([
          path,
          { $ref: '#/components/parameters/scope' },
        ]);
        expect(apiVersion).toMatchObject({
          in: 'query',
          required: true,
          schema: { type: 'string', enum: [...served] },
        });
        expect(operation.tags).toEqual(['Azure Resource Manager']);
        expect(operation.security).toEqual([{ resourceManagerBearer: [] }]);
        expect(permissionsOf(operation)).toBeUndefined();
        expect(parameters).not.toContainEqual({
          $ref: '#/components/parameters/client-request-id',
        });
        expect(Object.keys(operation.responses)).toEqual(
          expect.arrayContaining([
            '400',
            '401',
            '403',
            '404',
            '405',
            '500',
            '503',
          ]),
        );
        for (const [status, answer] of Object.entries(operation.responses)) {
          const { headers, content } = answer as ResponseObject;
          expect([path, status, Object.keys(headers!)]).toEqual([
            path,
            status,
            expect.arrayContaining([
              'x-ms-request-id',
              'x-ms-correlation-request-id',
            ]),
          ]);
          expect(headers).not.toHaveProperty('request-id');
          if (Number(status) >= 400) {
            expect(content!['application/json'].schema).toEqual(
              ARM_ERROR_SCHEMA,
            );
          }
        }
      }
      expect(document.components!.parameters!.scope).toMatchObject({
        name: 'scope',
        in: 'path',
        required: true,
        'x-ms-skip-url-encoding': true,
      });
      expect(
        document.components!.securitySchemes!.resourceManagerBearer,
      ).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(document.components!.schemas!.CloudError).toMatchObject({
        required: ['error'],
      });
      expect(document.tags?.map(({ name }) => name)).toContain(
        'Azure Resource Manager',
      );
    });

    it('documents each Resource Manager route’s answer: 201 for PUT with its body’s schema, 200 without a body for cancel, $filter optional on a list', () => {
      const list = document.paths[ARM_COLLECTION_PATH].get!;
      const put = document.paths[ARM_REQUEST_PATH].put!;
      const cancel = document.paths[ARM_CANCEL_PATH].post!;

      expect(list.parameters).toContainEqual(
        expect.objectContaining({
          name: '$filter',
          in: 'query',
          required: false,
        }),
      );
      expect(Object.keys(list.responses)).toContain('200');
      expect(api.responseOf(ARM_COLLECTION_PATH, 'get', 200).content).toEqual({
        'application/json': {
          schema: { $ref: '#/components/schemas/ArmResourceList' },
        },
      });
      expect(Object.keys(put.responses)).toEqual(
        expect.arrayContaining(['201', '409', '413']),
      );
      expect(put.requestBody).toEqual({
        required: true,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/PutScheduleRequestDto' },
          },
        },
      });
      expect(
        document.components!.schemas!.ScheduleRequestPropertiesDto,
      ).toMatchObject({
        required: ['roleDefinitionId', 'principalId', 'requestType'],
        additionalProperties: false,
      });
      expect(Object.keys(cancel.responses)).toContain('200');
      expect(
        api.responseOf(ARM_CANCEL_PATH, 'post', 200).content,
      ).toBeUndefined();
      expect(
        document.paths[`/{scope}/${ARM_PROVIDER_ROUTE}/roleDefinitions`].get!
          .parameters,
      ).toContainEqual(
        expect.objectContaining({
          name: 'api-version',
          schema: { type: 'string', enum: ['2022-04-01'] },
        }),
      );
    });

    it('leaves Resource Manager’s ids off the Graph routes', () => {
      const answer = api.responseOf(ENTITY_PATH, 'get', 200);

      expect(Object.keys(answer.headers!)).not.toContain('x-ms-request-id');
      expect(document.paths[ENTITY_PATH].get!.tags).not.toContain(
        'Azure Resource Manager',
      );
    });

    it('compiles every schema, and every example validates against its schema', () => {
      let examples = 0;
      for (const name of Object.keys(document.components!.schemas!)) {
        expect(() =>
          api.validatorFor({ $ref: `#/components/schemas/${name}` }),
        ).not.toThrow();
      }
      const check = (schema: object, value: unknown, where: string) => {
        const validate = api.validatorFor(schema);
        examples += 1;
        expect([where, validate(value), validate.errors]).toEqual([
          where,
          true,
          null,
        ]);
      };
      for (const { path, method, operation } of operationsOf(document)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          const media = (answer as ResponseObject).content?.[
            'application/json'
          ];
          for (const [key, example] of Object.entries(media?.examples ?? {})) {
            check(
              media!.schema!,
              (example as { value: unknown }).value,
              `${method} ${path} ${status} ${key}`,
            );
          }
        }
        for (const parameter of (operation.parameters ??
          []) as ParameterObject[]) {
          for (const example of Object.values(parameter.examples ?? {})) {
            check(
              parameter.schema!,
              (example as { value: unknown }).value,
              `${method} ${path} parameter ${parameter.name}`,
            );
          }
        }
      }
      for (const [name, component] of Object.entries({
        ...document.components!.parameters,
        ...document.components!.headers,
      })) {
        const { schema, example } = component as {
          schema: object;
          example: unknown;
        };
        check(schema, example, name);
      }
      expect(examples).toBeGreaterThan(20);
    });

    it('shows the example of the seed page: the cancel of 7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee, answered 204 without a body', () => {
      const cancel = document.paths[CANCEL_PATH].post!;
      const id = (cancel.parameters as ParameterObject[]).find(
        (parameter) => parameter.name === 'id',
      )!;

      expect(Object.values(id.examples!)).toContainEqual(
        expect.objectContaining({ value: DOCUMENTED_REQUEST_ID }),
      );
      expect(api.responseOf(CANCEL_PATH, 'post', 204).content).toBeUndefined();
      expect(cancel.description).toContain(
        `${DOCUMENTED_REQUEST_ID}/cancel\` answers \`HTTP/1.1 204 No Content\``,
      );
      expect(cancel.description).toContain(
        'Do not supply a request body for this method.',
      );
    });

    it('says which OData query options each route supports', () => {
      expect(document.paths[ENTITY_PATH].get!.description).toContain(
        'This method supports the OData query parameters `$select`, `$expand`',
      );
      expect(document.paths[CANCEL_PATH].post!.description).toContain(
        'This method does **not** support OData query parameters',
      );
    });
  });

  describe('responses of the running app', () => {
    const send = (...args: Parameters<DocumentedApp['send']>) =>
      api.send(...args);
    const stored = (overrides?: Parameters<typeof aRequest>[0]) =>
      api.stored(overrides);

    describe(`GET ${ENTITY_PATH}`, () => {
      const cases: [string, number, () => Promise<Sample>][] = [
        [
          'a request with every property set',
          200,
          async () =>
            send(
              'GET',
              `${REQUESTS_PATH}/${await stored({ linkedEligibleRoleAssignmentId: '11b25b04-2d6f-4d9a-a1e9-bbb4c3d0f8c2', scheduleEndDateTime: new Date('2026-11-28T18:00:00.000Z') })}`,
              {
                token: userToken(),
              },
            ),
        ],
        [
          'a request without schedule, reason or details',
          200,
          async () =>
            send(
              'GET',
              `${REQUESTS_PATH}/${await stored({ reason: null, scheduleType: null, scheduleStartDateTime: null, scheduleDuration: null, statusDetails: [] })}`,
              { token: appToken([READ]) },
            ),
        ],
        [
          'a cancelled request',
          200,
          async () => {
            const id = await stored({ subStatus: 'Granted' });
            await send('POST', `${REQUESTS_PATH}/${id}/cancel`, {
              token: userToken(),
            });
            return send('GET', `${REQUESTS_PATH}/${id}`, {
              token: userToken(),
            });
          },
        ],
        [
          'RoleAssignmentRequestNotFound',
          400,
          () =>
            send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
              token: userToken(),
            }),
        ],
        [
          'BadRequest for an OData option',
          400,
          async () =>
            send('GET', `${REQUESTS_PATH}/${await stored()}?$top=1`, {
              token: userToken(),
            }),
        ],
        ['no token', 401, () => send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`)],
        [
          'an expired token',
          401,
          () =>
            send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
              token: userToken(undefined, { expiresInSeconds: -3600 }),
            }),
        ],
        [
          'a token without scp or roles',
          403,
          () =>
            send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
              token: userToken([]),
            }),
        ],
        [
          'a delegated token without the permission',
          403,
          () =>
            send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
              token: userToken([READ]),
            }),
        ],
        [
          'DELETE on the path',
          405,
          () =>
            send('DELETE', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
              token: userToken(),
            }),
        ],
      ];

      it.each(cases)('%s: %d as documented', async (_case, status, call) => {
        const sample = await call();

        expect(sample.status).toBe(status);
        api.expectDocumented(sample, ENTITY_PATH, 'get');
      });
    });

    describe(`POST ${CANCEL_PATH}`, () => {
      const cases: [string, number, () => Promise<Sample>][] = [
        [
          'the cancel of the seed example',
          204,
          async () => {
            await stored({ id: DOCUMENTED_REQUEST_ID });
            return send(
              'POST',
              `${REQUESTS_PATH}/${DOCUMENTED_REQUEST_ID}/cancel`,
              {
                token: userToken(),
              },
            );
          },
        ],
        [
          'a cancel with the {} body of the Graph JS client',
          204,
          async () =>
            send('POST', `${REQUESTS_PATH}/${await stored()}/cancel`, {
              token: appToken(),
              body: '{}',
            }),
        ],
        [
          'RoleAssignmentRequestNotFound',
          400,
          () =>
            send('POST', `${REQUESTS_PATH}/not-a-guid/cancel`, {
              token: userToken(),
            }),
        ],
        [
          'RequestCannotBeCancelled',
          400,
          async () =>
            send(
              'POST',
              `${REQUESTS_PATH}/${await stored({ status: 'Closed', subStatus: 'Canceled' })}/cancel`,
              { token: userToken() },
            ),
        ],
        [
          'BadRequest for a body',
          400,
          async () =>
            send('POST', `${REQUESTS_PATH}/${await stored()}/cancel`, {
              token: userToken(),
              body: '{"reason":"no longer needed"}',
            }),
        ],
        [
          'BadRequest for malformed JSON',
          400,
          async () =>
            send('POST', `${REQUESTS_PATH}/${await stored()}/cancel`, {
              token: userToken(),
              body: '{"reason":',
            }),
        ],
        [
          'BadRequest for an OData option',
          400,
          async () =>
            send('POST', `${REQUESTS_PATH}/${await stored()}/cancel?filter=x`, {
              token: userToken(),
            }),
        ],
        [
          'a malformed token',
          401,
          () =>
            send('POST', `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`, {
              token: 'not.a.token',
            }),
        ],
        [
          'an application token with only the Read permission',
          403,
          () =>
            send('POST', `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`, {
              token: appToken([READ]),
            }),
        ],
        [
          'GET on the path',
          405,
          () =>
            send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`, {
              token: userToken(),
            }),
        ],
        [
          'a body over MAX_REQUEST_BODY_BYTES',
          413,
          async () =>
            send('POST', `${REQUESTS_PATH}/${await stored()}/cancel`, {
              token: userToken(),
              body: JSON.stringify({ reason: 'x'.repeat(BODY_LIMIT) }),
            }),
        ],
      ];

      it.each(cases)('%s: %d as documented', async (_case, status, call) => {
        const sample = await call();

        expect(sample.status).toBe(status);
        api.expectDocumented(sample, CANCEL_PATH, 'post');
      });
    });
  });
});

describe('the OpenAPI document of the OData modules', () => {
  let api: DocumentedApp;
  const ROOT = '/beta/privilegedAccess/azureResources';
  const fixture = tenantAFixture();

  beforeAll(async () => {
    api = await DocumentedApp.start({});
    await api.testApp.app.get(SeedService).seed(fixture);
  });
  afterAll(() => api.close());

  const lists = [
    'resources',
    'roleDefinitions',
    'roleSettings',
    'roleAssignments',
    'roleAssignmentRequests',
  ];
  const expansions: Record<string, string> = {
    resources: 'parent',
    roleDefinitions: 'resource,roleSetting',
    roleSettings: 'resource,roleDefinition',
    roleAssignments:
      'resource,roleDefinition,subject,linkedEligibleRoleAssignment',
    roleAssignmentRequests: '',
  };
  const cases: [string, string, string, string, number][] = [
    ...lists.flatMap(
      (collection): [string, string, string, string, number][] => [
        [
          `a page of ${collection}`,
          'get',
          `/${collection}`,
          `/${collection}?$top=2&$count=true`,
          200,
        ],
        [
          `${collection} with $select`,
          'get',
          `/${collection}`,
          `/${collection}?$select=id`,
          200,
        ],
        [
          `a bad $filter on ${collection}`,
          'get',
          `/${collection}`,
          `/${collection}?$filter=nope%20eq%201`,
          400,
        ],
      ],
    ),
    ...lists
      .filter((collection) => expansions[collection])
      .map((collection): [string, string, string, string, number] => [
        `${collection} with $expand=${expansions[collection]}`,
        'get',
        `/${collection}`,
        `/${collection}?$expand=${expansions[collection]}`,
        200,
      ]),
    [
      'a resource',
      'get',
      '/resources/{id}',
      `/resources/${RESOURCE(1)}?$expand=parent`,
      200,
    ],
    ['ResourceNotFound', 'get', '/resources/{id}', '/resources/nope', 400],
    [
      'a role definition',
      'get',
      '/roleDefinitions/{id}',
      `/roleDefinitions/${ROLE_DEFINITION(1)}`,
      200,
    ],
    [
      'a role setting',
      'get',
      '/roleSettings/{id}',
      `/roleSettings/${ROLE_SETTING(1)}`,
      200,
    ],
    [
      'a role assignment',
      'get',
      '/roleAssignments/{id}',
      `/roleAssignments/${ROLE_ASSIGNMENT(4)}?$expand=subject`,
      200,
    ],
    [
      'a resource’s role definitions',
      'get',
      '/resources/{parentId}/roleDefinitions',
      `/resources/${RESOURCE(0)}/roleDefinitions`,
      200,
    ],
    [
      'a resource’s role assignments',
      'get',
      '/resources/{parentId}/roleAssignments',
      `/resources/${RESOURCE(0)}/roleAssignments`,
      200,
    ],
    [
      'a resource’s requests',
      'get',
      '/resources/{parentId}/roleAssignmentRequests',
      `/resources/${RESOURCE(0)}/roleAssignmentRequests`,
      200,
    ],
    [
      'the requests of an unknown resource',
      'get',
      '/resources/{parentId}/roleAssignmentRequests',
      '/resources/nope/roleAssignmentRequests',
      400,
    ],
  ];

  it.each(cases)(
    '%s: as documented',
    async (_case, method, path, url, status) => {
      const sample = await api.send(method.toUpperCase(), `${ROOT}${url}`, {
        token: userToken(),
      });

      expect(sample.status).toBe(status);
      api.expectDocumented(sample, `${ROOT}${path}`, method as HttpMethod);
    },
  );

  const MFA = {
    userMemberSettings: [
      { ruleIdentifier: 'MfaRule', setting: '{"mfaRequired":true}' },
    ],
  };

  it.each([
    ['an update', MFA, 204, () => appToken()],
    [
      'InvalidRoleSetting',
      { userMemberSettings: [{ ruleIdentifier: 'MfaRule', setting: '{' }] },
      400,
      () => appToken(),
    ],
    [
      'BadRequest for an invalid body',
      { isDefault: true },
      400,
      () => appToken(),
    ],
    [
      'UnauthorizedAccessException for a user who does not administer the resource',
      MFA,
      403,
      () => userToken(),
    ],
  ])(
    'PATCH roleSettings/{id}, %s: as documented',
    async (_case, body, status, token) => {
      const sample = await api.send(
        'PATCH',
        `${ROOT}/roleSettings/${ROLE_SETTING(2)}`,
        {
          token: token(),
          body: JSON.stringify(body),
        },
      );

      expect(sample.status).toBe(status);
      api.expectDocumented(sample, `${ROOT}/roleSettings/{id}`, 'patch');
    },
  );

  it.each([
    [
      'the changes of a setting',
      `/roleSettings/${ROLE_SETTING(2)}/auditEvents?$count=true`,
      200,
      () => appToken([READ]),
    ],
    [
      'RoleSettingNotFound',
      `/roleSettings/${UNKNOWN_ID}/auditEvents`,
      400,
      () => appToken(),
    ],
    [
      'UnauthorizedAccessException for a user who does not administer the resource',
      `/roleSettings/${ROLE_SETTING(2)}/auditEvents`,
      403,
      () => userToken(),
    ],
  ])(
    'GET roleSettings/{id}/auditEvents, %s: as documented',
    async (_case, url, status, token) => {
      await api.send('PATCH', `${ROOT}/roleSettings/${ROLE_SETTING(2)}`, {
        token: appToken(),
        body: JSON.stringify(MFA),
      });

      const sample = await api.send('GET', `${ROOT}${url}`, {
        token: token(),
      });

      expect(sample.status).toBe(status);
      api.expectDocumented(
        sample,
        `${ROOT}/roleSettings/{id}/auditEvents`,
        'get',
      );
    },
  );
});

describe('the OpenAPI document of the Resource Manager routes', () => {
  let api: DocumentedApp;
  const SCOPE = `/subscriptions/${DIRECTORY_RESOURCE}`;
  const REQUESTS = `${SCOPE}/${ARM_PROVIDER_ROUTE}/roleAssignmentScheduleRequests`;
  const ELIGIBILITY_REQUESTS = `${SCOPE}/${ARM_PROVIDER_ROUTE}/roleEligibilityScheduleRequests`;
  const ELIGIBILITY_PATH = `/{scope}/${ARM_PROVIDER_ROUTE}/roleEligibilityScheduleRequests/{name}`;
  const DEFINITIONS = `${SCOPE}/${ARM_PROVIDER_ROUTE}/roleDefinitions`;
  const DEFINITIONS_PATH = `/{scope}/${ARM_PROVIDER_ROUTE}/roleDefinitions`;
  const VERSION = 'api-version=2020-10-01';
  const owner = () => armUserToken(USERS.owner);
  const subject = () => armUserToken(USERS.subject);
  const eligibility = (principalId: string) => ({
    properties: {
      roleDefinitionId: `/roleDefinitions/${ROLES.reader}`,
      principalId,
      requestType: 'AdminAssign',
      scheduleInfo: {
        expiration: { type: 'AfterDuration', duration: 'P30D' },
      },
    },
  });

  beforeAll(async () => {
    api = await DocumentedApp.start({
      MAX_REQUEST_BODY_BYTES: String(BODY_LIMIT),
    });
    await api.testApp.app.get(SeedService).seed(authorizationDirectory());
  });
  afterAll(() => api.close());

  const send = (...args: Parameters<DocumentedApp['send']>) =>
    api.send(...args);
  const pendingRequest = () =>
    api.stored({
      id: randomUUID(),
      requestorId: USERS.subject,
      subjectId: USERS.subject,
      resourceId: DIRECTORY_RESOURCE,
      roleDefinitionId: ROLES.reader,
    });

  type Case = [
    string,
    string,
    HttpMethod,
    number,
    () => Promise<Sample>,
    { ownRefusal?: boolean }?,
  ];
  const cases: Case[] = [
    [
      'a page of requests',
      ARM_COLLECTION_PATH,
      'get',
      200,
      async () => {
        await pendingRequest();
        return send('GET', `${REQUESTS}?${VERSION}`, { token: owner() });
      },
    ],
    [
      'InvalidFilter',
      ARM_COLLECTION_PATH,
      'get',
      400,
      () =>
        send(
          'GET',
          `${REQUESTS}?${VERSION}&$filter=${encodeURIComponent("status eq 'Granted'")}`,
          { token: owner() },
        ),
    ],
    [
      'MissingApiVersionParameter',
      ARM_COLLECTION_PATH,
      'get',
      400,
      () => send('GET', REQUESTS, { token: owner() }),
    ],
    [
      'InvalidApiVersionParameter',
      ARM_COLLECTION_PATH,
      'get',
      400,
      () =>
        send('GET', `${REQUESTS}?api-version=2015-07-01`, { token: owner() }),
    ],
    [
      'no token',
      ARM_COLLECTION_PATH,
      'get',
      401,
      () => send('GET', `${REQUESTS}?${VERSION}`),
    ],
    [
      'a Graph token',
      ARM_COLLECTION_PATH,
      'get',
      401,
      () => send('GET', `${REQUESTS}?${VERSION}`, { token: userToken() }),
    ],
    [
      'an expired token',
      ARM_COLLECTION_PATH,
      'get',
      401,
      () =>
        send('GET', `${REQUESTS}?${VERSION}`, {
          token: armUserToken(USERS.owner, { expiresInSeconds: -3600 }),
        }),
    ],
    [
      'a subscription no resource is',
      ARM_COLLECTION_PATH,
      'get',
      404,
      () =>
        send(
          'GET',
          `/subscriptions/${UNKNOWN_ID}/${ARM_PROVIDER_ROUTE}/roleAssignmentScheduleRequests?${VERSION}`,
          { token: owner() },
        ),
    ],
    [
      'a request',
      ARM_REQUEST_PATH,
      'get',
      200,
      async () =>
        send('GET', `${REQUESTS}/${await pendingRequest()}?${VERSION}`, {
          token: subject(),
        }),
    ],
    [
      'a name no request has',
      ARM_REQUEST_PATH,
      'get',
      404,
      () =>
        send('GET', `${REQUESTS}/${UNKNOWN_ID}?${VERSION}`, {
          token: owner(),
        }),
    ],
    [
      'DELETE on the path',
      ARM_REQUEST_PATH,
      'get',
      405,
      () =>
        send('DELETE', `${REQUESTS}/${UNKNOWN_ID}?${VERSION}`, {
          token: owner(),
        }),
    ],
    [
      'an eligibility created',
      ELIGIBILITY_PATH,
      'put',
      201,
      () =>
        send('PUT', `${ELIGIBILITY_REQUESTS}/${randomUUID()}?${VERSION}`, {
          token: owner(),
          body: JSON.stringify(eligibility(USERS.futureOwner)),
        }),
    ],
    [
      'a body its schema does not allow',
      ELIGIBILITY_PATH,
      'put',
      400,
      () =>
        send('PUT', `${ELIGIBILITY_REQUESTS}/${randomUUID()}?${VERSION}`, {
          token: owner(),
          body: JSON.stringify(eligibility('not-a-guid')),
        }),
    ],
    [
      'malformed JSON',
      ELIGIBILITY_PATH,
      'put',
      400,
      () =>
        send('PUT', `${ELIGIBILITY_REQUESTS}/${randomUUID()}?${VERSION}`, {
          token: owner(),
          body: '{"properties":',
        }),
    ],
    [
      'a body over MAX_REQUEST_BODY_BYTES',
      ELIGIBILITY_PATH,
      'put',
      413,
      () =>
        send('PUT', `${ELIGIBILITY_REQUESTS}/${randomUUID()}?${VERSION}`, {
          token: owner(),
          body: JSON.stringify({
            properties: { justification: 'x'.repeat(BODY_LIMIT) },
          }),
        }),
    ],
    [
      'a name in use',
      ELIGIBILITY_PATH,
      'put',
      409,
      async () => {
        const name = randomUUID();
        const put = (principalId: string) =>
          send('PUT', `${ELIGIBILITY_REQUESTS}/${name}?${VERSION}`, {
            token: owner(),
            body: JSON.stringify(eligibility(principalId)),
          });
        await put(USERS.formerOwner);
        return put(USERS.eligibleOwner);
      },
      { ownRefusal: true },
    ],
    [
      'a validated request',
      `${ELIGIBILITY_PATH}/validate`,
      'post',
      200,
      () =>
        send(
          'POST',
          `${ELIGIBILITY_REQUESTS}/${randomUUID()}/validate?${VERSION}`,
          {
            token: owner(),
            body: JSON.stringify(eligibility(USERS.outsider)),
          },
        ),
    ],
    [
      'a cancel',
      ARM_CANCEL_PATH,
      'post',
      200,
      async () =>
        send(
          'POST',
          `${REQUESTS}/${await pendingRequest()}/cancel?${VERSION}`,
          {
            token: subject(),
          },
        ),
    ],
    [
      'a cancel of a cancelled request',
      ARM_CANCEL_PATH,
      'post',
      400,
      async () => {
        const cancel = `${REQUESTS}/${await pendingRequest()}/cancel?${VERSION}`;
        await send('POST', cancel, { token: subject() });
        return send('POST', cancel, { token: subject() });
      },
      { ownRefusal: true },
    ],
    [
      'a caller who may not cancel it',
      ARM_CANCEL_PATH,
      'post',
      403,
      async () =>
        send(
          'POST',
          `${REQUESTS}/${await pendingRequest()}/cancel?${VERSION}`,
          {
            token: armUserToken(USERS.outsider),
          },
        ),
    ],
    [
      'the role definitions at a scope',
      DEFINITIONS_PATH,
      'get',
      200,
      () =>
        send('GET', `${DEFINITIONS}?api-version=2022-04-01`, {
          token: subject(),
        }),
    ],
    [
      'a role definition',
      `${DEFINITIONS_PATH}/{name}`,
      'get',
      200,
      () =>
        send(
          'GET',
          `${DEFINITIONS}/${ROLE_TEMPLATES.reader}?api-version=2022-04-01`,
          {
            token: subject(),
          },
        ),
    ],
  ];

  it.each(cases)(
    '%s: as documented',
    // Spread: a case without options would otherwise be taken for a callback test.
    async (...[, path, method, status, call, options]: Case) => {
      const sample = await call();

      // The body shows in the difference when the status is not the one expected.
      expect([sample.status, sample.text]).toEqual([status, sample.text]);
      api.expectDocumented(sample, path, method, options);
    },
  );

  it('the schema of a PUT’s body allows what the route takes and refuses what it refuses', async () => {
    const validate = api.validatorFor({
      $ref: '#/components/schemas/PutScheduleRequestDto',
    });
    const taken = eligibility(USERS.approver);
    const refused = [
      eligibility('not-a-guid'),
      { properties: { ...taken.properties, requestType: 'AdminAdd' } },
      { properties: { ...taken.properties, unknown: true } },
      {},
    ];

    const answers = await Promise.all(
      [taken, ...refused].map((body) =>
        send('PUT', `${ELIGIBILITY_REQUESTS}/${randomUUID()}?${VERSION}`, {
          token: owner(),
          body: JSON.stringify(body),
        }),
      ),
    );

    expect(answers.map(({ status }) => status)).toEqual([
      201, 400, 400, 400, 400,
    ]);
    expect([taken, ...refused].map((body) => validate(body))).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('the OpenAPI document with throttling at its limit', () => {
  let api: DocumentedApp;

  beforeAll(async () => {
    api = await DocumentedApp.start({
      THROTTLE_LIMIT: '1',
      THROTTLE_WINDOW_SECONDS: '60',
    });
  });
  afterAll(() => api.close());

  it('documents the 429 a caller over the limit gets, with Retry-After', async () => {
    const id = await api.stored();
    const token = userToken();

    const first = await api.send('GET', `${REQUESTS_PATH}/${id}`, { token });
    const second = await api.send('GET', `${REQUESTS_PATH}/${id}`, { token });

    expect([first.status, second.status]).toEqual([200, 429]);
    api.expectDocumented(second, ENTITY_PATH, 'get');
    expect(api.responseOf(ENTITY_PATH, 'get', 429).headers).toHaveProperty(
      'Retry-After',
    );
  });
});

function permissionsOf(operation: OperationObject): unknown {
  return (operation as unknown as Record<string, unknown>)['x-permissions'];
}

/** The paths a controller or handler declares (one or several). */
function pathsOf(target: object): string[] {
  const paths = Reflect.getMetadata(PATH_METADATA, target) as
    string | string[] | undefined;
  return Array.isArray(paths) ? paths : [paths ?? ''];
}

/**
 * `beta/x` + `:id/cancel` → `/beta/x/{id}/cancel`, as OpenAPI writes paths; a Resource Manager
 * route at the address clients call, under its scope.
 */
function toOpenApiPath(base: string, path: string): string {
  const joined = [base, path]
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0)
    .map((segment) =>
      segment.startsWith(':') ? `{${segment.slice(1)}}` : segment,
    )
    .join('/');
  return joined.startsWith(`${ARM_PROVIDER_ROUTE}/`)
    ? `/{scope}/${joined}`
    : `/${joined}`;
}
