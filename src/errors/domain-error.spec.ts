import { DomainError } from './domain-error.js';

class TestRefusal extends DomainError {
  constructor() {
    super('TestRefusal', 'a rule said no');
  }
}

describe('DomainError', () => {
  it('captures no stack: a refusal is answered, its class names the rule', () => {
    const refusal = new TestRefusal();

    expect(refusal.stack).toBe('TestRefusal: a rule said no');
    expect(refusal).toBeInstanceOf(Error);
  });

  it("leaves the process's stack trace limit as it found it", () => {
    const limit = Error.stackTraceLimit;

    new TestRefusal();

    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('other').stack).toMatch(/\n\s+at /);
  });
});
