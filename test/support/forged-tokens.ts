import { createHmac, createSign } from 'node:crypto';
import type { RsaSigningKey } from './jwks-server.js';
import { GRAPH_AUDIENCE, READ_WRITE, TENANT_A, USER_A } from './tokens.js';

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The claims of a valid delegated Entra ID token for Graph, valid for an hour. */
export function graphClaims(overrides: Record<string, unknown> = {}) {
  const now = nowInSeconds();
  return {
    aud: GRAPH_AUDIENCE,
    iss: `https://sts.windows.net/${TENANT_A}/`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    ver: '1.0',
    tid: TENANT_A,
    oid: USER_A,
    scp: READ_WRITE,
    ...overrides,
  };
}

export function base64Url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token built by hand, as an attacker would: no library stops it from being wrong. */
export function forgeToken(
  header: Record<string, unknown>,
  claims: object,
  hmacKey?: string,
): string {
  const signingInput = `${base64Url(header)}.${base64Url(claims)}`;
  const signature = hmacKey
    ? createHmac('sha256', hmacKey).update(signingInput).digest('base64url')
    : '';
  return `${signingInput}.${signature}`;
}

/**
 * An RS256 token of `key` over any claims text, even what no JWT library signs (`null`, `[]`),
 * with `extraHeader` added to its JOSE header.
 */
export function signClaimsText(
  claimsText: string,
  key: RsaSigningKey,
  extraHeader: Record<string, unknown> = {},
): string {
  const header = base64Url({
    alg: 'RS256',
    typ: 'JWT',
    kid: key.kid,
    ...extraHeader,
  });
  const signingInput = `${header}.${Buffer.from(claimsText).toString('base64url')}`;
  const signature = createSign('RSA-SHA256')
    .update(signingInput)
    .sign(key.privateKeyPem, 'base64url');
  return `${signingInput}.${signature}`;
}
