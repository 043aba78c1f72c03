import { below, collectionPaths } from './collection-paths.js';

describe('collectionPaths', () => {
  it('is the set’s own name, and its place in the provider that contains it', () => {
    expect(
      collectionPaths('governanceRoleDefinitions', {
        provider: 'privilegedAccess/azureResources',
        collection: 'roleDefinitions',
      }),
    ).toEqual([
      'governanceRoleDefinitions',
      'privilegedAccess/azureResources/roleDefinitions',
    ]);
  });

  it('is the set’s name alone when no provider contains it', () => {
    expect(collectionPaths('governanceSubjects')).toEqual([
      'governanceSubjects',
    ]);
  });
});

describe('below', () => {
  it('puts the suffix below every path', () => {
    expect(below(['a', 'b/c'], ':id/cancel')).toEqual([
      'a/:id/cancel',
      'b/c/:id/cancel',
    ]);
  });
});
