/**
 * Whether a token's issuer is one of the configured patterns. A pattern may contain `{tid}`,
 * which stands for the token's own tenant, so that one multi-tenant deployment accepts
 * `https://sts.windows.net/{tid}/` for every tenant but never a tenant's token with another
 * tenant's issuer. No patterns: the issuer is not checked.
 */
export function isAcceptedIssuer(
  patterns: readonly string[],
  issuer: unknown,
  tenantId: unknown,
): boolean {
  if (patterns.length === 0) {
    return true;
  }
  if (typeof issuer !== 'string') {
    return false;
  }
  // The claims are the token's, not yet checked: a `tid` that is no string stands for no
  // tenant (converting it could throw, `{"toString":1}`, or match, `["a"]`).
  return patterns.some((pattern) =>
    pattern.includes('{tid}')
      ? typeof tenantId === 'string' &&
        pattern.replaceAll('{tid}', tenantId) === issuer
      : pattern === issuer,
  );
}
