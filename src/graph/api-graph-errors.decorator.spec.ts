import { Controller, Get, type INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type ResponseObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import {
  ApiGraphErrors,
  describeGraphErrors,
} from './api-graph-errors.decorator.js';
import { DomainError } from '../errors/domain-error.js';
import { GraphError } from './graph-error.js';
import { registerGraphWordings } from './graph-error-registry.js';
import {
  BadRequestError,
  MethodNotAllowedError,
  ServiceUnavailableError,
} from './graph-errors.js';

class WidgetNotFoundError extends GraphError {
  constructor() {
    super(400, 'WidgetNotFound', 'The widget does not exist.');
  }
}

class WidgetLockedError extends GraphError {
  constructor() {
    super(409, 'WidgetLocked', 'The widget is locked.', {
      'Retry-After': '30',
    });
  }
}

class WidgetVersionError extends GraphError {
  constructor() {
    super(412, 'WidgetVersionMismatch', 'The widget has changed.', {
      'X-Widget-Version': '3',
    });
  }
}

class PartMissingError extends DomainError {
  constructor(readonly part: string) {
    super('PartMissing', `The widget has no ${part}.`);
  }
}

class UnwordedError extends DomainError {
  constructor() {
    super('Unworded', 'Nobody worded this one.');
  }
}

registerGraphWordings(
  { PartMissingError },
  {
    PartMissingError: ({ part }) => ({
      status: 404,
      message: `The part '${part}' does not exist in system.`,
    }),
  },
);

@Controller('beta/widgets')
class WidgetsController {
  @Get(':id')
  @ApiGraphErrors(
    { error: new WidgetNotFoundError(), summary: 'an unknown id' },
    new BadRequestError('The id is malformed.'),
    new WidgetLockedError(),
  )
  get(): void {}

  @Get(':id/parts')
  @ApiGraphErrors(new PartMissingError('lid'))
  parts(): void {}
}

describe('@ApiGraphErrors', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [WidgetsController],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), {
      logger: false,
    });
    document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setOpenAPIVersion('3.1.0').build(),
    );
  });
  afterAll(() => app.close());

  function responseOf(
    status: number,
    path = '/beta/widgets/{id}',
  ): ResponseObject {
    return document.paths[path].get!.responses[status] as ResponseObject;
  }

  it('documents one response per status, with the Graph error schema', () => {
    for (const status of [400, 409]) {
      expect(responseOf(status).content!['application/json'].schema).toEqual({
        $ref: '#/components/schemas/microsoft.graph.ODataErrors.ODataError',
      });
    }
    expect(document.components!.schemas).toHaveProperty([
      'microsoft.graph.ODataErrors.ODataError',
    ]);
  });

  it('gives every error an example body, keyed by its code, with its summary or message', () => {
    expect(responseOf(400).content!['application/json'].examples).toEqual({
      WidgetNotFound: {
        summary: 'an unknown id',
        value: {
          error: {
            code: 'WidgetNotFound',
            message: 'The widget does not exist.',
            innerError: {
              date: '2026-11-28T14:57:30',
              'request-id': 'b4f3c9a2-6d1e-4f7a-9c2b-1e5d8a7f3c60',
              'client-request-id': '0f8fad5b-d9cb-469f-a165-70867728950e',
            },
          },
        },
      },
      BadRequest: expect.objectContaining({
        summary: 'The id is malformed.',
      }),
    });
    expect(responseOf(400).description).toBe(
      '- `WidgetNotFound`: an unknown id\n- `BadRequest`: The id is malformed.',
    );
  });

  it('documents a domain error in its registered Graph wording', () => {
    const response = responseOf(404, '/beta/widgets/{id}/parts');

    expect(response.description).toBe(
      "- `PartMissing`: The part 'lid' does not exist in system.",
    );
    expect(
      response.content!['application/json'].examples!.PartMissing,
    ).toMatchObject({
      value: {
        error: {
          code: 'PartMissing',
          message: "The part 'lid' does not exist in system.",
        },
      },
    });
  });

  it('documents the headers the errors set', () => {
    expect(responseOf(409).headers).toEqual({
      'Retry-After': {
        description: 'Seconds to wait before retrying.',
        schema: { type: 'string' },
        example: '30',
      },
    });
    expect(responseOf(400).headers ?? {}).toEqual({});
  });
});

describe('@ApiGraphErrors of domain errors', () => {
  it('refuses, naming it, a domain error without a Graph wording: the controller is not defined', () => {
    expect(() => ApiGraphErrors(new UnwordedError())).toThrow(
      'UnwordedError has no Graph wording',
    );
  });
});

describe('describeGraphErrors', () => {
  it('keeps example keys unique and lists each situation once', () => {
    const described = describeGraphErrors([
      { error: new BadRequestError('one') },
      { error: new BadRequestError('two') },
      { error: new BadRequestError('two') },
    ]);

    expect(Object.keys(described.examples)).toEqual([
      'BadRequest',
      'BadRequest2',
      'BadRequest3',
    ]);
    expect(described.description).toBe(
      '- `BadRequest`: one\n- `BadRequest`: two',
    );
  });

  it('describes the headers Graph errors set, and names any other by its name', () => {
    const described = describeGraphErrors([
      { error: new MethodNotAllowedError('PUT', ['GET', 'POST']) },
      { error: new ServiceUnavailableError({ retryAfterSeconds: 7 }) },
      { error: new WidgetVersionError() },
    ]);

    expect(described.headers).toEqual({
      Allow: {
        description: 'The methods this path supports.',
        schema: { type: 'string' },
        example: 'GET, POST',
      },
      'Retry-After': {
        description: 'Seconds to wait before retrying.',
        schema: { type: 'string' },
        example: '7',
      },
      'X-Widget-Version': {
        description: 'X-Widget-Version',
        schema: { type: 'string' },
        example: '3',
      },
    });
  });
});
