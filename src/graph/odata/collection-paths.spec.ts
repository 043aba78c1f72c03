import {
  below,
  collectionPaths,
  collectionPathsBelow,
} from './collection-paths.js';

const PROVIDER = 'privilegedAccess/azureResources';
const ROLE_DEFINITIONS = {
  name: 'governanceRoleDefinitions',
  containedIn: { provider: PROVIDER, collection: 'roleDefinitions' },
};
const RESOURCES = {
  name: 'governanceResources',
  containedIn: { provider: PROVIDER, collection: 'resources' },
};
const SUBJECTS = { name: 'governanceSubjects' };

describe('collectionPaths', () => {
  it('is the set’s own name, and its place in the provider that contains it', () => {
    expect(collectionPaths(ROLE_DEFINITIONS)).toEqual([
      'governanceRoleDefinitions',
      'privilegedAccess/azureResources/roleDefinitions',
    ]);
  });

  it('is the set’s name alone when no provider contains it', () => {
    expect(collectionPaths(SUBJECTS)).toEqual(['governanceSubjects']);
  });
});

describe('collectionPathsBelow', () => {
  it('is the set’s collection name below one entity at each of the parent’s paths', () => {
    expect(
      collectionPathsBelow(RESOURCES, 'parentId', ROLE_DEFINITIONS),
    ).toEqual([
      'governanceResources/:parentId/roleDefinitions',
      'privilegedAccess/azureResources/resources/:parentId/roleDefinitions',
    ]);
  });

  it('refuses a set no provider contains: it has no collection name', () => {
    expect(() => collectionPathsBelow(RESOURCES, 'parentId', SUBJECTS)).toThrow(
      'governanceSubjects: a set listed below a parent has a collection name in a provider.',
    );
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
