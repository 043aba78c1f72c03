import { ServiceUnavailableError } from '../graph-errors.js';
import { refusedStepResponse, stepResponse } from './batch-step-response.js';

const IDS = { requestId: 'r-1', clientRequestId: 'c-1' };

describe('stepResponse', () => {
  it("keeps a request's JSON body as JSON and the headers its client reads, spelt as Graph spells them", () => {
    const response = stepResponse('1', {
      statusCode: 201,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': '11',
        location: 'https://example.test/x',
        'request-id': 'step-id',
        'strict-transport-security': 'max-age=1',
        connection: 'keep-alive',
      },
      rawPayload: Buffer.from('{"id":"x"}'),
    });

    expect(response).toEqual({
      id: '1',
      status: 201,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Location: 'https://example.test/x',
        'request-id': 'step-id',
      },
      body: { id: 'x' },
    });
  });

  it('leaves the body out when the request answered none', () => {
    const response = stepResponse('1', {
      statusCode: 204,
      headers: {},
      rawPayload: Buffer.alloc(0),
    });

    expect(response).toEqual({ id: '1', status: 204, headers: {} });
  });

  it('carries any other body as base64 text', () => {
    const response = stepResponse('1', {
      statusCode: 200,
      headers: { 'content-type': 'application/xml' },
      rawPayload: Buffer.from('<x/>'),
    });

    expect(response.body).toBe(Buffer.from('<x/>').toString('base64'));
  });
});

describe('refusedStepResponse', () => {
  it("answers the Graph error with the batch's ids and the error's headers", () => {
    const response = refusedStepResponse(
      '7',
      new ServiceUnavailableError(),
      IDS,
    );

    expect(response).toMatchObject({
      id: '7',
      status: 503,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '5' },
      body: {
        error: {
          code: 'serviceNotAvailable',
          innerError: { 'request-id': 'r-1', 'client-request-id': 'c-1' },
        },
      },
    });
  });
});
