import type { ExecutionContext } from '@nestjs/common';
import { RequestPipeline, type RequestCheck } from './request-pipeline.js';

const CONTEXT = {} as ExecutionContext;

describe('RequestPipeline', () => {
  function recordingChecks(
    outcomes: readonly (boolean | Error)[],
    calls: number[],
  ): RequestCheck[] {
    return outcomes.map((outcome, index) => ({
      canActivate: (context) => {
        expect(context).toBe(CONTEXT);
        calls.push(index);
        if (outcome instanceof Error) {
          throw outcome;
        }
        return index % 2 === 0 ? outcome : Promise.resolve(outcome);
      },
    }));
  }

  it('runs every check in its order and lets the request through when all pass', async () => {
    const calls: number[] = [];
    const pipeline = new RequestPipeline(
      recordingChecks([true, true, true], calls),
    );

    await expect(pipeline.canActivate(CONTEXT)).resolves.toBe(true);
    expect(calls).toEqual([0, 1, 2]);
  });

  it('stops at the first check that answers false', async () => {
    const calls: number[] = [];
    const pipeline = new RequestPipeline(
      recordingChecks([true, false, true], calls),
    );

    await expect(pipeline.canActivate(CONTEXT)).resolves.toBe(false);
    expect(calls).toEqual([0, 1]);
  });

  it('stops at the first check that refuses, with its error', async () => {
    const calls: number[] = [];
    const refusal = new Error('unauthenticated');
    const pipeline = new RequestPipeline(
      recordingChecks([refusal, true], calls),
    );

    await expect(pipeline.canActivate(CONTEXT)).rejects.toBe(refusal);
    expect(calls).toEqual([0]);
  });
});
