import { ApiError } from './api-error.js';

class TestApiError extends ApiError {
  constructor(status: number) {
    super(status, 'Code', 'what happened');
  }
}

describe('ApiError', () => {
  it('keeps the stack of a failure of the service, which is logged with it', () => {
    const failure = new TestApiError(500);

    expect(failure.stack).toMatch(/^TestApiError: what happened\n\s+at /);
  });

  it('captures no stack for a refusal, which is answered and never traced', () => {
    const refusal = new TestApiError(404);

    expect(refusal.stack).toBe('TestApiError: what happened');
  });

  it("leaves the process's stack trace limit as it found it", () => {
    const limit = Error.stackTraceLimit;

    new TestApiError(400);
    new TestApiError(503);

    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('other').stack).toMatch(/\n\s+at /);
  });
});
