import { armAddressOf } from './arm-address.js';

describe('armAddressOf', () => {
  it.each([
    [
      '/subscriptions/s1/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/r1?api-version=2020-10-01',
      '/subscriptions/s1',
      '/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/r1?api-version=2020-10-01',
    ],
    [
      '/subscriptions/s1/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm/providers/microsoft.authorization/roleEligibilityScheduleRequests',
      '/subscriptions/s1/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm',
      '/providers/Microsoft.Authorization/roleEligibilityScheduleRequests',
    ],
    [
      '//subscriptions/s1/providers/Microsoft.Authorization/roleAssignmentScheduleRequests',
      '/subscriptions/s1',
      '/providers/Microsoft.Authorization/roleAssignmentScheduleRequests',
    ],
    [
      '//providers/Microsoft.Authorization/roleAssignmentScheduleRequests?$filter=asTarget()',
      '',
      '/providers/Microsoft.Authorization/roleAssignmentScheduleRequests?$filter=asTarget()',
    ],
    [
      '/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?$filter=asTarget()',
      '',
      '/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?$filter=asTarget()',
    ],
  ])('takes the scope off %s', (url, scope, routedUrl) => {
    expect(armAddressOf(url)).toEqual({ scope, routedUrl });
  });

  it.each([
    '/beta/privilegedAccess/azureResources/roleAssignmentRequests',
    '/health/ready',
    '/beta/providers/Microsoft.Authorization/roleAssignmentScheduleRequests',
    '/subscriptions/s1/providers/Microsoft.AuthorizationX/things',
    '/_emulator/seed?x=/providers/Microsoft.Authorization/',
  ])('leaves %s to Graph and the service’s own routes', (url) => {
    expect(armAddressOf(url)).toBeUndefined();
  });
});
