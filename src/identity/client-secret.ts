import { createHash, timingSafeEqual } from 'node:crypto';

/** What is stored of a client secret. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` is the one whose digest was stored, in a time that does not tell how close it came. */
export function isSecretOf(secret: string, storedDigest: string): boolean {
  const given = Buffer.from(secretDigest(secret), 'hex');
  const stored = Buffer.from(storedDigest, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
