/** The provider that contains an entity set's collection, and the collection's name there. */
export interface ContainedCollection {
  /** The provider's path below the Graph version, such as `privilegedAccess/azureResources`. */
  readonly provider: string;
  /** Such as `roleDefinitions`. */
  readonly collection: string;
}

/**
 * Where an entity set's collection answers below the Graph version, as Graph has it: at the
 * set's own name (`governanceRoleDefinitions`, the path of Kiota's builders) and, when a
 * provider contains it, in that provider (`privilegedAccess/azureResources/roleDefinitions`, the
 * path of Graph's pages).
 */
export function collectionPaths(
  setName: string,
  contained?: ContainedCollection,
): string[] {
  return [
    setName,
    ...(contained ? [`${contained.provider}/${contained.collection}`] : []),
  ];
}

/** `suffix` below each of `paths`. */
export function below(paths: readonly string[], suffix: string): string[] {
  return paths.map((path) => `${path}/${suffix}`);
}
