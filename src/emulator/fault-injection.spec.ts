import { FaultPlan, isControlPath } from './fault-injection.js';

const TENANT = 'tenant-a';
const PATH = '/beta/privilegedAccess/azureResources/roleAssignmentRequests';

describe('FaultPlan', () => {
  it('matches method and path prefix, ignoring the path’s letter case', () => {
    const plan = new FaultPlan();
    plan.add(TENANT, { status: 503, method: 'POST', path: PATH });

    expect(plan.take(TENANT, 'GET', `${PATH}/1`)).toBeUndefined();
    expect(plan.take(TENANT, 'POST', '/beta/other')).toBeUndefined();
    expect(
      plan.take(TENANT, 'POST', `${PATH.toUpperCase()}/1/cancel`),
    ).toMatchObject({
      status: 503,
    });
  });

  it('counts down and forgets a fault once used up; the first set is taken first', () => {
    const plan = new FaultPlan();
    plan.add(TENANT, { status: 429, count: 2 });
    plan.add(TENANT, { status: 500 });

    const taken = [1, 2, 3, 4].map(
      () => plan.take(TENANT, 'GET', PATH)?.status,
    );

    expect(taken).toEqual([429, 429, 500, undefined]);
    expect(plan.of(TENANT)).toEqual([]);
  });

  it('keeps each tenant’s faults apart', () => {
    const plan = new FaultPlan();
    plan.add(TENANT, { status: 429 });

    expect(plan.take('tenant-b', 'GET', PATH)).toBeUndefined();
    expect(plan.of(TENANT)).toHaveLength(1);
  });
});

describe('isControlPath', () => {
  it.each([
    ['/_emulator/faults', true],
    ['/_EMULATOR/reset', true],
    ['/_emulatorx', false],
    [PATH, false],
  ])('%s: %s', (path, expected) => {
    expect(isControlPath(path)).toBe(expected);
  });
});
