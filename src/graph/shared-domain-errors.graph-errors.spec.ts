import { NotPermittedError } from '../errors/not-permitted.error.js';
import { graphErrorOf } from './graph-error-registry.js';
import { GraphModule } from './graph.module.js';

describe('the Graph wording of the domain refusals every module shares', () => {
  it('is loaded with the Graph module: a refused caller gets Graph’s 403', () => {
    expect(GraphModule).toBeDefined();

    expect(graphErrorOf(new NotPermittedError())).toMatchObject({
      status: 403,
      code: 'UnauthorizedAccessException',
      message: 'Attempted to perform an unauthorized operation.',
    });
  });
});
