/** Whose tokens the service accepts (AuthConfig's issuers and allowedTenants). */
export interface IssuerPolicy {
  /** Issuer patterns; `{tid}` stands for the token's own tenant. Empty: any issuer. */
  readonly issuers: readonly string[];
  /** Lower-case tenant ids; empty: any tenant. */
  readonly allowedTenants: readonly string[];
}

/**
 * Whether a token's issuer and tenant are accepted. A pattern may contain `{tid}`, which stands
 * for the token's own tenant, so that one multi-tenant deployment accepts
 * `https://sts.windows.net/{tid}/` for every tenant but never a tenant's token with another
 * tenant's issuer; with allowed tenants, the `tid` must also be one of them.
 */
export function isAcceptedIssuer(
  policy: IssuerPolicy,
  issuer: unknown,
  tenantId: unknown,
): boolean {
  // The claims are the token's, not yet checked: a `tid` that is no string stands for no
  // tenant (converting it could throw, `{"toString":1}`, or match, `["a"]`).
  const tenant = typeof tenantId === 'string' ? tenantId : undefined;
  if (
    policy.allowedTenants.length > 0 &&
    (tenant === undefined || !policy.allowedTenants.includes(tenant))
  ) {
    return false;
  }
  if (policy.issuers.length === 0) {
    return true;
  }
  if (typeof issuer !== 'string') {
    return false;
  }
  return policy.issuers.some((pattern) =>
    pattern.includes('{tid}')
      ? tenant !== undefined && pattern.replaceAll('{tid}', tenant) === issuer
      : pattern === issuer,
  );
}
