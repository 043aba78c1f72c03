/**
 * Whether a token's issuer is one of the configured patterns. A pattern may contain `{tid}`,
 * which stands for the token's own tenant, so that one multi-tenant deployment accepts
 * `https://sts.windows.net/{tid}/` for every tenant but never a tenant's token with another
 * tenant's issuer. No patterns: the issuer is not checked.
 */
export function isAcceptedIssuer(
  patterns: readonly string[],
  issuer: unknown,
  tenantId: string,
): boolean {
  if (patterns.length === 0) {
    return true;
  }
  if (typeof issuer !== 'string') {
    return false;
  }
  return patterns.some(
    (pattern) => pattern.replaceAll('{tid}', tenantId) === issuer,
  );
}
