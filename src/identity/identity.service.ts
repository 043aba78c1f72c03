import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { randomBytes } from 'node:crypto';
import {
  DevelopmentSigningKey,
  type SigningKeyPair,
} from '../auth/development-signing-key.js';
import { AppConfig } from '../config/app-config.js';
import { normalizeGuid } from '../values/guid.js';
import { ClientApplicationsRepository } from './client-applications.repository.js';
import { isSecretOf } from './client-secret.js';
import {
  invalidScopeError,
  invalidSecretError,
  missingParameterError,
  unknownClientError,
  unknownResourceError,
  unknownTenantError,
  unsupportedGrantTypeError,
} from './oauth-errors.js';

/** What Entra ID's token endpoint answers for the client credentials grant. */
export interface TokenResponse {
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
}

const TOKEN_LIFETIME_SECONDS = 3599;

// The scopes of OpenID Connect that MSAL may add to any request; they name no resource.
const OPENID_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

const DEFAULT_SCOPE_SUFFIX = '/.default';

/**
 * The development identity provider: Entra ID's discovery document, its keys and its token
 * endpoint for the client credentials grant, for the apps declared in the seed's `clients`.
 * Tokens are issued by this service (`{base}/{tenant}/v2.0`) and signed with the development
 * key, which only this service trusts.
 */
@Injectable()
export class IdentityService {
  private readonly key: SigningKeyPair;

  constructor(
    private readonly config: AppConfig,
    private readonly clients: ClientApplicationsRepository,
    developmentKey: DevelopmentSigningKey,
  ) {
    if (!developmentKey.pair) {
      throw new Error(
        'The identity endpoints are served with the emulator only: it gives them their key',
      );
    }
    this.key = developmentKey.pair;
  }

  /** The tenant a path names, as tokens write it; a name that is no tenant id is refused. */
  tenantOf(segment: string): string {
    const tenantId = normalizeGuid(segment);
    if (!tenantId) {
      throw unknownTenantError(segment);
    }
    return tenantId;
  }

  /** The service's root URL for its own links: the public one when configured. */
  baseUrlOf(origin: string): string {
    return this.config.publicBaseUrl || origin;
  }

  openIdConfiguration(baseUrl: string, tenantId: string) {
    const authority = `${baseUrl}/${tenantId}`;
    return {
      issuer: issuerOf(baseUrl, tenantId),
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      // Required of a discovery document; answered as not supported (no interactive sign-in).
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post'],
      grant_types_supported: ['client_credentials'],
      response_types_supported: ['token'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: [
        'aud',
        'iss',
        'iat',
        'nbf',
        'exp',
        'azp',
        'azpacr',
        'idtyp',
        'oid',
        'roles',
        'sub',
        'tid',
        'uti',
        'ver',
      ],
      tenant_region_scope: null,
      cloud_instance_name: new URL(baseUrl).host,
    };
  }

  keys() {
    return { keys: [this.key.jwk] };
  }

  /** An access token for a declared client, for the one resource its `.default` scope names. */
  async issueToken(
    baseUrl: string,
    tenantId: string,
    form: URLSearchParams,
  ): Promise<TokenResponse> {
    const grantType = requiredParameter(form, 'grant_type');
    if (grantType !== 'client_credentials') {
      throw unsupportedGrantTypeError(grantType);
    }
    const clientId = requiredParameter(form, 'client_id');
    const secret = requiredParameter(form, 'client_secret');
    const scope = requiredParameter(form, 'scope');
    const clientKey = normalizeGuid(clientId);
    const client = clientKey
      ? await this.clients.find(tenantId, clientKey)
      : undefined;
    if (!client) {
      throw unknownClientError(clientId, tenantId);
    }
    if (!isSecretOf(secret, client.secretSha256)) {
      throw invalidSecretError(clientId);
    }
    const audience = this.audienceOf(scope, tenantId);
    const issuedAt = Math.floor(Date.now() / 1000);
    const roles = client.appRoles.split(' ').filter((role) => role !== '');
    const claims = {
      aud: audience,
      iss: issuerOf(baseUrl, tenantId),
      iat: issuedAt,
      nbf: issuedAt,
      // The machine's clock, as the verification's: the emulator's clock moves what PIM sees,
      // not whether a token is still valid.
      exp: issuedAt + TOKEN_LIFETIME_SECONDS,
      azp: client.id,
      azpacr: '1',
      idtyp: 'app',
      oid: client.objectId,
      // Entra leaves `roles` out of the token of an app granted none.
      ...(roles.length > 0 && { roles }),
      sub: client.objectId,
      tid: tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '2.0',
    };
    return {
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: jwt.sign(claims, this.key.privateKey, {
        algorithm: 'RS256',
        keyid: this.key.kid,
      }),
    };
  }

  /**
   * The audience of the one resource the scope names (`<resource>/.default`), among those the
   * service accepts; the OpenID Connect scopes MSAL adds are left aside.
   */
  private audienceOf(scope: string, tenantId: string): string {
    const resources = scope
      .split(/\s+/)
      .filter((item) => item !== '' && !OPENID_SCOPES.has(item));
    const [only] = resources;
    if (resources.length !== 1 || !only.endsWith(DEFAULT_SCOPE_SUFFIX)) {
      throw invalidScopeError(scope);
    }
    const resource = only.slice(0, -DEFAULT_SCOPE_SUFFIX.length);
    const bare = (audience: string) => audience.replace(/\/+$/, '');
    const audience = [
      ...this.config.auth.audiences,
      ...this.config.auth.resourceManagerAudiences,
    ].find((accepted) => bare(accepted) === bare(resource));
    if (audience === undefined) {
      throw unknownResourceError(resource, tenantId);
    }
    return audience;
  }
}

function issuerOf(baseUrl: string, tenantId: string): string {
  return `${baseUrl}/${tenantId}/v2.0`;
}

function requiredParameter(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) {
    throw missingParameterError(name);
  }
  return value;
}
