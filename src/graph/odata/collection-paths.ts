import type { ODataEntitySet } from './entity-set.js';

/** What the paths of a set's collection are made of. */
type CollectionOf = Pick<ODataEntitySet, 'name' | 'containedIn'>;

/**
 * Where an entity set's collection answers below the Graph version, as Graph has it: at the
 * set's own name (`governanceRoleDefinitions`, the path of Kiota's builders) and, when a
 * provider contains it, in that provider (`privilegedAccess/azureResources/roleDefinitions`, the
 * path of Graph's pages).
 */
export function collectionPaths({ name, containedIn }: CollectionOf): string[] {
  return [
    name,
    ...(containedIn
      ? [`${containedIn.provider}/${containedIn.collection}`]
      : []),
  ];
}

/**
 * Where `set`'s collection answers below one entity of `parent`, at each of the parent's paths
 * (`privilegedAccess/azureResources/resources/:parentId/roleDefinitions`), the entity's id in the
 * route parameter `parameter`. Only a set a provider contains has a name there.
 */
export function collectionPathsBelow(
  parent: CollectionOf,
  parameter: string,
  set: CollectionOf,
): string[] {
  if (!set.containedIn) {
    throw new Error(
      `${set.name}: a set listed below a parent has a collection name in a provider.`,
    );
  }
  return below(
    collectionPaths(parent),
    `:${parameter}/${set.containedIn.collection}`,
  );
}

/** `suffix` below each of `paths`. */
export function below(paths: readonly string[], suffix: string): string[] {
  return paths.map((path) => `${path}/${suffix}`);
}
