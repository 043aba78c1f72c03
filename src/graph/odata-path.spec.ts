import { routedGraphUrl } from './odata-path.js';

describe('routedGraphUrl', () => {
  it.each([
    ['/beta/%24metadata', '/beta/$metadata'],
    [
      '/beta/governanceRoleAssignments/%24count',
      '/beta/governanceRoleAssignments/$count',
    ],
    [
      '/beta/privilegedAccess/azureResources/roleAssignments/export()',
      '/beta/privilegedAccess/azureResources/roleAssignments/export',
    ],
    [
      '/beta/privilegedAccess/azureResources/roleAssignments/export()?$top=1',
      '/beta/privilegedAccess/azureResources/roleAssignments/export?$top=1',
    ],
  ])('routes %s as %s', (url, routed) => {
    expect(routedGraphUrl(url)).toBe(routed);
  });

  it('leaves the query as it was sent: its options are decoded where they are read', () => {
    expect(
      routedGraphUrl('/beta/%24metadata?%24filter=id%20eq%20%27a()%27'),
    ).toBe('/beta/$metadata?%24filter=id%20eq%20%27a()%27');
  });

  it('leaves parentheses that hold parameters', () => {
    const url = "/beta/governanceResources('a')/roleDefinitions";
    expect(routedGraphUrl(url)).toBe(url);
  });

  it('answers a URL that needs no rewrite as the very string it was given', () => {
    const url = '/beta/governanceRoleAssignments?$top=1&$select=id';
    expect(routedGraphUrl(url)).toBe(url);
  });
});
