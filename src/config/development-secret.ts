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
  const secret = loadOrCreatePrivateFile(
    file,
    () => `${randomBytes(48).toString('base64url')}\n`,
  ).trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigurationError(
      `Invalid configuration: the development secret in ${file} is shorter than ${MIN_SECRET_LENGTH} characters; delete the file to get a new one`,
    );
  }
  return secret;
}

/**
 * The contents of a file only the owner may read, written with `create()` by the first process
 * that needs it; every later one (a second server, `npm run token`) reads the same.
 */
export function loadOrCreatePrivateFile(
  file: string,
  create: () => string,
): string {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    createPrivateFile(file, create());
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8');
}

/**
 * Writes the contents under a temporary name, then links them into place: the link either fails
 * (the file exists) or makes a complete file appear at once, so no reader sees it half-written.
 */
function createPrivateFile(file: string, contents: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, contents, { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}
