import type { OpenAPIObject } from '@nestjs/swagger';
import { withOwnPathParameters } from './path-parameters.js';

describe('withOwnPathParameters', () => {
  it('keeps on each path of a handler the path parameters that path has', () => {
    const parameters = [
      { name: 'id', in: 'path' as const, required: true },
      { name: 'resourceId', in: 'path' as const, required: true },
      { name: '$select', in: 'query' as const },
      { $ref: '#/components/parameters/client-request-id' },
    ];
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/things/{id}/act': { post: { parameters, responses: {} } },
        '/owners/{resourceId}/things/{id}/act': {
          post: { parameters, responses: {} },
        },
      },
    } as OpenAPIObject;

    const paths = withOwnPathParameters(document).paths;

    expect(paths['/things/{id}/act'].post?.parameters).toEqual([
      parameters[0],
      parameters[2],
      parameters[3],
    ]);
    expect(
      paths['/owners/{resourceId}/things/{id}/act'].post?.parameters,
    ).toEqual(parameters);
  });
});
