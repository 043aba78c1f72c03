import {
  Controller,
  Get,
  HttpCode,
  type INestApplication,
  Post,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OperationObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { RequiredScopes } from '../auth/required-scopes.decorator.js';
import { NoRequestBody } from '../graph/no-request-body.js';
import { ODataQueryOptions } from '../graph/odata/query-options.js';
import { buildOpenApiDocument, documentedRoutes } from './openapi-document.js';

const READ = {
  delegated: ['Widgets.ReadWrite'],
  application: ['Widgets.Read'],
};
const WRITE = { delegated: ['Widgets.ReadWrite'], application: [] };

@Controller('beta/widgets')
@RequiredScopes(READ)
class WidgetsController {
  @Get()
  @ODataQueryOptions(['top', 'skip'])
  list(): void {}

  @Post(':id/polish')
  @HttpCode(204)
  @RequiredScopes(WRITE)
  @NoRequestBody()
  polish(): void {}

  /** Not a route. */
  helper(): void {}
}

@Controller('health')
class HealthController {
  @Get('live')
  live(): void {}
}

const CONFIG = {
  publicBaseUrl: undefined,
  maxRequestBodyBytes: 1024,
  throttle: { limit: 10, windowSeconds: 1 },
};

describe('the OpenAPI document of an application', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: [WidgetsController, HealthController],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), {
      logger: false,
    });
  });
  afterAll(() => app.close());

  it("reads every handler's declarations, the handler's over the controller's", () => {
    expect(documentedRoutes(app)).toEqual(
      expect.arrayContaining([
        {
          operationId: 'WidgetsController_list',
          permissions: READ,
          queryOptions: ['top', 'skip'],
          noRequestBody: false,
        },
        {
          operationId: 'WidgetsController_polish',
          permissions: WRITE,
          queryOptions: [],
          noRequestBody: true,
        },
        {
          operationId: 'HealthController_live',
          permissions: undefined,
          queryOptions: [],
          noRequestBody: false,
        },
      ]),
    );
    expect(documentedRoutes(app)).toHaveLength(3);
  });

  it('is OpenAPI 3.1 with every route, and the permissions of each Graph route', () => {
    const document = buildOpenApiDocument(app, CONFIG);
    const polish = document.paths['/beta/widgets/{id}/polish']
      .post as OperationObject & { 'x-permissions': unknown };

    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/beta/widgets',
      '/beta/widgets/{id}/polish',
      '/health/live',
    ]);
    expect(polish.operationId).toBe('WidgetsController_polish');
    expect(polish['x-permissions']).toEqual(WRITE);
    expect(polish.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health/live'].get!.security).toBeUndefined();
    expect(document.components!.schemas).toHaveProperty([
      'microsoft.graph.ODataErrors.ODataError',
    ]);
    expect(document.servers).toBeUndefined();
  });

  it('names PUBLIC_BASE_URL as the server', () => {
    const document = buildOpenApiDocument(app, {
      ...CONFIG,
      publicBaseUrl: 'https://pim.contoso.com/graph/',
    });

    expect(document.servers).toEqual([
      { url: 'https://pim.contoso.com/graph' },
    ]);
  });
});
