import { generateKeyPairSync, type JsonWebKey, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** An RSA key pair as an identity provider holds it, with the JWK it publishes. */
export interface RsaSigningKey {
  readonly kid: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly jwk: JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };
}

export function generateRsaSigningKey(
  kid: string = randomUUID(),
): RsaSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  return {
    kid,
    privateKeyPem: privateKey
      .export({ format: 'pem', type: 'pkcs8' })
      .toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    jwk: {
      ...publicKey.export({ format: 'jwk' }),
      kid,
      alg: 'RS256',
      use: 'sig',
    },
  };
}

/** Signs claims with the key, RS256, naming the key in the header (`kid`) unless told otherwise. */
export function signRs256(
  claims: object,
  key: RsaSigningKey,
  options: { kid?: string | null } = {},
): string {
  const kid = options.kid === undefined ? key.kid : options.kid;
  return jwt.sign(claims, key.privateKeyPem, {
    algorithm: 'RS256',
    ...(kid !== null && { keyid: kid }),
  });
}

/**
 * A JWKS endpoint on 127.0.0.1 that serves the public keys of `keys` and counts how often it is
 * fetched. Change `keys` to rotate keys; set `failWithStatus` to make it answer with an error.
 */
export class JwksServer {
  failWithStatus?: number;
  private fetchCount = 0;
  private readonly server = createServer((request, response) => {
    if (request.url !== JWKS_PATH) {
      response.writeHead(404).end();
      return;
    }
    this.fetchCount += 1;
    if (this.failWithStatus) {
      response.writeHead(this.failWithStatus).end();
      return;
    }
    response
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ keys: this.keys.map((key) => key.jwk) }));
  });

  private constructor(public keys: RsaSigningKey[]) {}

  static async start(keys: RsaSigningKey[]): Promise<JwksServer> {
    const jwks = new JwksServer(keys);
    await new Promise<void>((resolve) =>
      jwks.server.listen(0, '127.0.0.1', resolve),
    );
    return jwks;
  }

  /** How many times the key set has been requested. */
  get fetches(): number {
    return this.fetchCount;
  }

  get uri(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${JWKS_PATH}`;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.closeAllConnections();
      this.server.close((error) => (error ? reject(error) : resolve()));
    });
  }
}

const JWKS_PATH = '/common/discovery/v2.0/keys';

/** A URI on 127.0.0.1 where nothing listens: a JWKS endpoint that is down. */
export async function unreachableUri(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${JWKS_PATH}`;
}
