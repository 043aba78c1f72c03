import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from './configuration-error.js';

/** The certificate and key the server serves HTTPS with. */
export interface TlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
  /** The PEM contents, read at start. */
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * HTTPS is on when both files are named, off when neither is. The files are read and checked as
 * a pair here, so that a missing file, a swapped pair or the key of another certificate stops the
 * start with the variable's name, rather than failing every handshake.
 */
export function loadTlsFiles(
  certFile: string | undefined,
  keyFile: string | undefined,
): TlsConfig | undefined {
  if (certFile === undefined && keyFile === undefined) {
    return undefined;
  }
  if (certFile === undefined || keyFile === undefined) {
    const [set, unset] = certFile
      ? ['TLS_CERT_FILE', 'TLS_KEY_FILE']
      : ['TLS_KEY_FILE', 'TLS_CERT_FILE'];
    throw new ConfigurationError(
      `Invalid configuration: ${set} is set but ${unset} is not; HTTPS needs both (or neither, for plain HTTP)`,
    );
  }
  const tls = {
    certFile: path.resolve(certFile),
    keyFile: path.resolve(keyFile),
    cert: readTlsFile('TLS_CERT_FILE', certFile),
    key: readTlsFile('TLS_KEY_FILE', keyFile),
  };
  checkPair(tls);
  return tls;
}

function readTlsFile(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new ConfigurationError(
      `Invalid configuration: ${variable}=${file} cannot be read (${code ?? message})`,
    );
  }
}

/** The certificate (the first of a chain) and its private key, or the reason they are not. */
function checkPair(tls: TlsConfig): void {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(tls.cert);
  } catch {
    throw new ConfigurationError(
      `Invalid configuration: TLS_CERT_FILE=${tls.certFile} does not hold a PEM certificate`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(tls.key);
  } catch {
    // An encrypted key fails here too: the server has no passphrase to open it with.
    throw new ConfigurationError(
      `Invalid configuration: TLS_KEY_FILE=${tls.keyFile} does not hold an unencrypted PEM private key`,
    );
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new ConfigurationError(
      `Invalid configuration: TLS_KEY_FILE=${tls.keyFile} is not the private key of the certificate in TLS_CERT_FILE=${tls.certFile}`,
    );
  }
}
