import { GraphError } from '../graph-error.js';
import { planBatch, type StepRequest } from './batch-plan.js';
import {
  InvalidBatchError,
  NestedBatchError,
  StepUrlNotRelativeError,
} from './batch.errors.js';
import type {
  BatchRequestDto,
  BatchRequestStepDto,
} from './dto/batch-request.dto.js';

const CALLER = {
  authorization: 'Bearer caller-token',
  clientRequestId: 'batch-correlation',
};

function step(
  overrides: Partial<BatchRequestStepDto> = {},
): BatchRequestStepDto {
  return { id: '1', method: 'GET', url: '/resources', ...overrides };
}

function plan(...steps: BatchRequestStepDto[]) {
  const batch: BatchRequestDto = { requests: steps };
  return planBatch(batch, CALLER);
}

function requestOf(planned: ReturnType<typeof plan>[number]): StepRequest {
  if (planned.request instanceof GraphError) {
    throw new Error(`refused: ${planned.request.message}`);
  }
  return planned.request;
}

describe('planBatch', () => {
  it('roots each url under /beta/, with or without its leading slash', () => {
    const [withSlash, without] = plan(
      step({ url: '/resources?$top=1' }),
      step({ id: '2', url: 'resources/x' }),
    );

    expect(requestOf(withSlash).url).toBe('/beta/resources?$top=1');
    expect(requestOf(without).url).toBe('/beta/resources/x');
  });

  it("sends the caller's token and correlation id, whatever the request says", () => {
    const [planned] = plan(
      step({
        headers: {
          Authorization: 'Bearer someone-else',
          'Content-Length': '999',
          Host: 'elsewhere',
          ConsistencyLevel: 'eventual',
        },
      }),
    );

    expect(requestOf(planned).headers).toEqual({
      authorization: 'Bearer caller-token',
      'client-request-id': 'batch-correlation',
      consistencylevel: 'eventual',
    });
  });

  it("keeps a request's own client-request-id", () => {
    const [planned] = plan(step({ headers: { 'client-request-id': 'mine' } }));

    expect(requestOf(planned).headers['client-request-id']).toBe('mine');
  });

  it('sends a JSON body as JSON text, and any other as the bytes its base64 text holds', () => {
    const [json, bytes] = plan(
      step({
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: { reason: 'x' },
      }),
      step({
        id: '2',
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: Buffer.from('hello').toString('base64'),
      }),
    );

    expect(requestOf(json).payload).toBe('{"reason":"x"}');
    expect(requestOf(bytes).payload).toEqual(Buffer.from('hello'));
  });

  it.each([
    ['https://graph.microsoft.com/beta/resources', StepUrlNotRelativeError],
    ['//graph.microsoft.com/beta/resources', StepUrlNotRelativeError],
    ['/../health/live', StepUrlNotRelativeError],
    ['resources/%2e%2e/%2E%2E/health', StepUrlNotRelativeError],
    ['/$batch', NestedBatchError],
    ['$BATCH/', NestedBatchError],
    ['/%24batch?x=1', NestedBatchError],
  ])('answers %s with its own refusal, not run', (url, refusal) => {
    const [planned] = plan(step({ url }));

    expect(planned.request).toBeInstanceOf(refusal);
  });

  it.each<[string, BatchRequestStepDto[], string]>([
    [
      'ids that differ only in letter case',
      [step({ id: 'a' }), step({ id: 'A' })],
      "the id 'A'",
    ],
    [
      'a dependency on a later request',
      [step({ dependsOn: ['2'] }), step({ id: '2' })],
      "depends on '2'",
    ],
    ['a dependency on itself', [step({ dependsOn: ['1'] })], "depends on '1'"],
    ['a body without Content-Type', [step({ body: {} })], 'no Content-Type'],
    [
      'a JSON body that is not an object',
      [step({ headers: { 'content-type': 'application/json' }, body: null })],
      'must be a JSON object',
    ],
    [
      'another body that is not base64 text',
      [step({ headers: { 'content-type': 'image/png' }, body: {} })],
      'must be base64 text',
    ],
    [
      'a header value that is not text',
      [step({ headers: { 'x-a': 1 } })],
      "the header 'x-a'",
    ],
    [
      'a header value with a line break',
      [step({ headers: { 'x-a': 'a\r\nb' } })],
      "the header 'x-a'",
    ],
    [
      'a header name that is not a token',
      [step({ headers: { 'x a': 'b' } })],
      "the header 'x a'",
    ],
  ])('refuses the whole batch for %s', (_case, steps, named) => {
    expect(() => plan(...steps)).toThrow(InvalidBatchError);
    expect(() => plan(...steps)).toThrow(named);
  });

  it('accepts a dependency on an earlier request in any letter case', () => {
    const [, second] = plan(
      step({ id: 'First' }),
      step({ id: '2', dependsOn: ['FIRST'] }),
    );

    expect(second.dependsOn).toEqual(['FIRST']);
  });
});
