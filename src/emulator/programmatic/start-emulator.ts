import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../app.factory.js';
import { mintDevelopmentToken } from '../../auth/development-token.js';
import { Clock } from '../../clock/clock.js';
import { loadAppConfig } from '../../config/app-config.js';
import { PRIVILEGED_ACCESS_READ_WRITE } from '../../privileged-access/azure-resources/graph/azure-resources.constants.js';
import { writeDevelopmentCertificate } from '../../security/dev-certificate.js';
import { EMULATOR_ROUTE } from '../fault-injection.js';
import {
  type Emulator,
  EMULATOR_APP_ID,
  type EmulatorResetSummary,
  type EmulatorSeedSummary,
  EMULATOR_TENANT_ID,
  EMULATOR_USER_ID,
  type EmulatorOptions,
  type EmulatorTokenClaims,
  type StartEmulator,
} from './emulator-api.js';

/**
 * The service in this process, for a test suite: the application as the server builds it, on an
 * in-memory database by default, with the control API (docs/emulator.md) behind `seed`, `reset`
 * and `clock`.
 */
export const startEmulator: StartEmulator = async (
  options: EmulatorOptions = {},
): Promise<Emulator> => {
  const directory = mkdtempSync(path.join(tmpdir(), 'pim-emulator-'));
  const removeDirectory = () =>
    rmSync(directory, { recursive: true, force: true });
  let app: NestFastifyApplication | undefined;
  try {
    const certificate =
      options.https === true
        ? await writeDevelopmentCertificate(directory)
        : undefined;
    const config = loadAppConfig(
      {
        NODE_ENV: 'development',
        DATABASE_URL: 'sqlite::memory:',
        AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'silent',
        SEED_EXAMPLE: 'false',
        EMULATOR: 'true',
        TLS_CERT_FILE: certificate?.certFile,
        TLS_KEY_FILE: certificate?.keyFile,
        ...options.env,
      },
      { dataDirectory: directory },
    );
    app = await createApp(config);
    await app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    const running = app;
    const secret = config.auth.jwtSecret ?? '';
    const tenantId = options.tenantId ?? EMULATOR_TENANT_ID;
    const token = (claims: EmulatorTokenClaims = {}) =>
      mintDevelopmentToken(
        {
          tenantId,
          audience: config.auth.audiences[0],
          ...(claims.appRoles
            ? { applicationId: EMULATOR_APP_ID }
            : {
                objectId: EMULATOR_USER_ID,
                scopes: [PRIVILEGED_ACCESS_READ_WRITE],
              }),
          ...claims,
        },
        secret,
      );
    const control = controlApi(running, token());
    return {
      url: await running.getUrl(),
      ca: certificate && readFileSync(certificate.certFile, 'utf8'),
      tenantId,
      token,
      seed: (document) => control<EmulatorSeedSummary>('seed', document),
      reset: (seed) =>
        control<EmulatorResetSummary>(
          'reset',
          seed === undefined ? {} : { seed },
        ),
      clock: {
        now: () => running.get(Clock).now(),
        set: async (moment) => {
          await control('clock', { dateTime: new Date(moment).toISOString() });
        },
        advance: async (seconds) => {
          await control('clock', { advanceSeconds: seconds });
        },
      },
      close: async () => {
        await running.close();
        removeDirectory();
      },
    };
  } catch (error) {
    await app?.close();
    removeDirectory();
    throw error;
  }
};

/**
 * A POST to the control API, served in process (no socket, no TLS) through the same routes,
 * checks and errors as a client's call.
 */
function controlApi(app: NestFastifyApplication, token: string) {
  return async <T>(name: string, body: unknown): Promise<T> => {
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: `/${EMULATOR_ROUTE}/${name}`,
        headers: { authorization: `Bearer ${token}` },
        payload: body as object,
      });
    if (response.statusCode >= 400) {
      const { error } = response.json<{ error?: { message?: string } }>();
      throw new Error(
        `The emulator refused ${name} (${response.statusCode}): ${error?.message ?? response.body}`,
      );
    }
    return response.json<T>();
  };
}
