import { parseArgs } from 'node:util';
import { mintDevelopmentToken } from '../auth/development-token.js';
import { loadAppConfig } from '../config/app-config.js';
import { type Command, UsageError } from './command.js';

const USAGE = `Usage: pim-governance-api token --tid <tenant> [options]
       (in a clone: npm run --silent token -- --tid <tenant> [options])

Prints an access token that the service, started with the same environment, accepts.

  --tid <guid>          tenant id (required)
  --oid <guid>          object id of the user (delegated tokens) or service principal
  --scp "<scopes>"      delegated permissions, space-separated: makes a user token
  --roles "<roles>"     application permissions, space or comma separated: makes an app token
  --appid <guid>        application (client) id; default for app tokens: a fixed development app
  --wids "<ids>"        directory role template ids, space or comma separated
  --amr "<methods>"     how the user signed in, e.g. "pwd mfa" (MfaRule needs mfa)
  --aud <audience>      default: the first of AUTH_AUDIENCE (https://graph.microsoft.com);
                        https://management.azure.com/ for the Resource Manager routes, where
                        a user token needs no --scp (user_impersonation) and an app token
                        (--appid, --oid: its service principal) no --roles
  --iss <issuer>        default: https://sts.windows.net/<tid>/
  --expires-in <secs>   default: 3600`;

const DEVELOPMENT_APP_ID = '00000000-0000-0000-0000-00000000a11e';

export const tokenCommand: Command = {
  summary: 'print an access token the service accepts (development secret)',
  usage: USAGE,
  run(args) {
    process.stdout.write(`${mintFromArguments(args)}\n`);
    return Promise.resolve();
  },
};

function mintFromArguments(args: readonly string[]): string {
  const { values } = parseArgs({
    args: [...args],
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
    },
  });
  const config = loadAppConfig(process.env);
  const audience = values.aud ?? config.auth.audiences[0];
  // Resource Manager tokens carry no permissions: role assignments decide what a caller may do.
  const resourceManager =
    config.auth.resourceManagerAudiences.includes(audience);
  const scopes =
    values.scp ??
    (resourceManager && !values.appid && !values.roles
      ? 'user_impersonation'
      : undefined);
  if (
    !values.tid ||
    (!scopes && !values.roles && !(resourceManager && values.appid))
  ) {
    throw new UsageError(USAGE);
  }
  const expiresIn = values['expires-in'];
  if (expiresIn !== undefined && !/^[1-9]\d*$/.test(expiresIn)) {
    throw new UsageError('--expires-in must be a whole number of seconds.');
  }
  if (scopes && !values.oid) {
    throw new UsageError(
      '--oid is required with --scp: a delegated token names its user.',
    );
  }
  if (!config.auth.jwtSecret) {
    throw new UsageError(
      'Minting needs an HS256 secret: set AUTH_JWT_SECRET (a JWKS-only server takes tokens from your identity provider).',
    );
  }
  const issuer =
    values.iss ?? config.auth.issuers[0]?.replaceAll('{tid}', values.tid);
  return mintDevelopmentToken(
    {
      tenantId: values.tid,
      objectId: values.oid,
      scopes: list(scopes),
      appRoles: list(values.roles),
      applicationId:
        values.appid ?? (values.roles ? DEVELOPMENT_APP_ID : undefined),
      directoryRoleIds: list(values.wids),
      authenticationMethods: list(values.amr),
      audience,
      issuer,
      expiresInSeconds: expiresIn ? Number(expiresIn) : undefined,
    },
    config.auth.jwtSecret,
  );
}

function list(value: string | undefined): string[] | undefined {
  return value?.split(/[\s,]+/).filter((item) => item.length > 0);
}
