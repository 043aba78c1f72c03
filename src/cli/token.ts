import { parseArgs } from 'node:util';
import { mintDevelopmentToken } from '../auth/development-token.js';
import { ConfigurationError, loadAppConfig } from '../config/app-config.js';

const USAGE = `Usage: npm run --silent token -- --tid <tenant> [options]

Prints an access token that the service, started with the same environment, accepts.

  --tid <guid>          tenant id (required)
  --oid <guid>          object id of the user (delegated tokens) or service principal
  --scp "<scopes>"      delegated permissions, space-separated: makes a user token
  --roles "<roles>"     application permissions, space or comma separated: makes an app token
  --appid <guid>        application (client) id; default for app tokens: a fixed development app
  --wids "<ids>"        directory role template ids, space or comma separated
  --amr "<methods>"     how the user signed in, e.g. "pwd mfa" (MfaRule needs mfa)
  --aud <audience>      default: the first of AUTH_AUDIENCE (https://graph.microsoft.com)
  --iss <issuer>        default: https://sts.windows.net/<tid>/
  --expires-in <secs>   default: 3600`;

const DEVELOPMENT_APP_ID = '00000000-0000-0000-0000-00000000a11e';

function main(): void {
  const { values } = parseArgs({
    options: {
      tid: { type: 'string' },
      oid: { type: 'string' },
      scp: { type: 'string' },
      roles: { type: 'string' },
      appid: { type: 'string' },
      wids: { type: 'string' },
      amr: { type: 'string' },
      aud: { type: 'string' },
      iss: { type: 'string' },
      'expires-in': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.tid || (!values.scp && !values.roles)) {
    fail(USAGE);
  }
  const expiresIn = values['expires-in'];
  if (expiresIn !== undefined && !/^[1-9]\d*$/.test(expiresIn)) {
    fail('--expires-in must be a whole number of seconds.');
  }
  if (values.scp && !values.oid) {
    fail('--oid is required with --scp: a delegated token names its user.');
  }
  const config = loadAppConfig(process.env);
  if (!config.auth.jwtSecret) {
    fail(
      'Minting needs an HS256 secret: set AUTH_JWT_SECRET (a JWKS-only server takes tokens from your identity provider).',
    );
  }
  const issuer =
    values.iss ?? config.auth.issuers[0]?.replaceAll('{tid}', values.tid);
  const token = mintDevelopmentToken(
    {
      tenantId: values.tid,
      objectId: values.oid,
      scopes: list(values.scp),
      appRoles: list(values.roles),
      applicationId:
        values.appid ?? (values.roles ? DEVELOPMENT_APP_ID : undefined),
      directoryRoleIds: list(values.wids),
      authenticationMethods: list(values.amr),
      audience: values.aud ?? config.auth.audiences[0],
      issuer,
      expiresInSeconds: expiresIn ? Number(expiresIn) : undefined,
    },
    config.auth.jwtSecret,
  );
  process.stdout.write(`${token}\n`);
}

function list(value: string | undefined): string[] | undefined {
  return value?.split(/[\s,]+/).filter((item) => item.length > 0);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

try {
  main();
} catch (error) {
  if (
    error instanceof ConfigurationError ||
    // Unknown options, stray arguments, an option without its value.
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')
  ) {
    fail((error as Error).message);
  }
  throw error;
}
