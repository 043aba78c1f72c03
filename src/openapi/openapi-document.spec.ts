import {
  Controller,
  Get,
  HttpCode,
  type INestApplication,
  Post,
  Put,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OperationObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { RequiredScopes } from '../auth/required-scopes.decorator.js';
import { NoRequestBody } from '../graph/no-request-body.js';
import { ODataQueryOptions } from '../graph/odata/query-options.js';
import { ArmBody } from '../resource-manager/arm-body.js';
import { ResourceManagerController } from '../resource-manager/resource-manager-controller.decorator.js';
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

class PutGadgetDto {
  @IsString()
  colour: string;
}

@ResourceManagerController('gadgets', ['2020-10-01'])
class GadgetsController {
  @Put(':name')
  @HttpCode(201)
  create(@ArmBody(PutGadgetDto) _body: PutGadgetDto): void {}
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
      controllers: [WidgetsController, GadgetsController, HealthController],
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
        {
          operationId: 'GadgetsController_create',
          queryOptions: [],
          noRequestBody: false,
          apiVersions: ['2020-10-01'],
          bodyClass: PutGadgetDto,
        },
      ]),
    );
    expect(documentedRoutes(app)).toHaveLength(4);
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
      '/{scope}/providers/Microsoft.Authorization/gadgets/{name}',
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

  it('documents a Resource Manager route in ARM’s terms: its api-version, its body’s schema, ARM’s envelope, not Graph’s', () => {
    const document = buildOpenApiDocument(app, CONFIG);
    const create =
      document.paths[
        '/{scope}/providers/Microsoft.Authorization/gadgets/{name}'
      ].put!;

    expect(create.parameters).toContainEqual(
      expect.objectContaining({
        name: 'api-version',
        schema: { type: 'string', enum: ['2020-10-01'] },
      }),
    );
    expect(create.security).toEqual([{ resourceManagerBearer: [] }]);
    expect(create.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/PutGadgetDto' },
        },
      },
    });
    expect(document.components!.schemas!.PutGadgetDto).toMatchObject({
      required: ['colour'],
    });
    expect(create.responses[400]).toMatchObject({
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/CloudError' },
        },
      },
    });
    expect(create.responses[201]).not.toHaveProperty(['headers', 'request-id']);
    expect(document.info.description).toContain('Azure Resource Manager');
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
