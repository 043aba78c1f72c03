import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from './configuration-error.js';

const MIN_SECRET_LENGTH = 32;

/**
 * The HS256 secret of a development server: created once, then reused so that tokens minted by
 * `npm run token` stay valid across restarts. Only the owner may read it.
 */
export function loadOrCreateDevelopmentSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    createSecretFile(file);
  } catch (error) {
    // Another process (a second server, or `npm run token`) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigurationError(
      `Invalid configuration: the development secret in ${file} is shorter than ${MIN_SECRET_LENGTH} characters; delete the file to get a new one`,
    );
  }
  return secret;
}

/**
 * Writes the secret under a temporary name, then links it into place: the link either fails
 * (the file exists) or makes a complete file appear at once, so no reader sees it half-written.
 */
function createSecretFile(file: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(48).toString('base64url')}\n`, {
    mode: 0o600,
  });
  try {
    linkSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}
