import { Injectable } from '@nestjs/common';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { loadOrCreatePrivateFile } from '../config/development-secret.js';

/** The RS256 key pair of the development identity endpoints, as one JWKS entry names it. */
export interface SigningKeyPair {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public key as a JWK of `/{tenant}/discovery/v2.0/keys`. */
  readonly jwk: JsonWebKey & { kid: string; use: 'sig'; alg: 'RS256' };
}

/**
 * The key the development identity endpoints (src/identity) sign their tokens with, and the token
 * verification accepts: present only where those endpoints are served (with the emulator, never
 * in production). Kept in the data directory, so that tokens outlive a restart and every replica
 * on it signs alike; an in-memory database, gone with its process, gets a key of the process.
 */
@Injectable()
export class DevelopmentSigningKey {
  readonly pair?: SigningKeyPair;

  constructor(config: AppConfig) {
    if (!config.emulator || !config.auth.developmentSigningKeyFile) {
      return;
    }
    const inMemory =
      config.database.type === 'sqlite' && config.database.path === ':memory:';
    const pem = inMemory
      ? newPrivateKeyPem()
      : loadOrCreatePrivateFile(
          config.auth.developmentSigningKeyFile,
          newPrivateKeyPem,
        );
    this.pair = keyPairOf(pem);
  }
}

function newPrivateKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

function keyPairOf(privateKeyPem: string): SigningKeyPair {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const { kty, n, e } = publicKey.export({ format: 'jwk' });
  // RFC 7638: the thumbprint of the key's required members, in lexical order.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e, kty, n }))
    .digest('base64url');
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { kty, use: 'sig', kid, n, e, alg: 'RS256' },
  };
}
