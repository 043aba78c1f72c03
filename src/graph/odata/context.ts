export function entityContextUrl(baseUrl: string, entitySet: string): string {
  return `${baseUrl}/beta/$metadata#${entitySet}/$entity`;
}

export function collectionContextUrl(
  baseUrl: string,
  entitySet: string,
): string {
  return `${baseUrl}/beta/$metadata#${entitySet}`;
}
