import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import path from 'node:path';
import { ConfigurationError } from './configuration-error.js';
import { loadOrCreateDevelopmentSecret } from './development-secret.js';
import {
  type Environment,
  EnvironmentVariables,
  type LogLevel,
  type RequestProcessing,
} from './environment-variables.js';
import { loadTlsFiles, type TlsConfig } from './tls-files.js';
import { normalizeGuid } from '../values/guid.js';

/** Both audiences Entra ID issues for Microsoft Graph access tokens. */
export const GRAPH_AUDIENCES = [
  'https://graph.microsoft.com',
  '00000003-0000-0000-c000-000000000000',
];

/** Entra ID's issuers of v1 and v2 access tokens; `{tid}` stands for the token's own tenant. */
export const ENTRA_ISSUERS = [
  'https://sts.windows.net/{tid}/',
  'https://login.microsoftonline.com/{tid}/v2.0',
];

/** The audiences Entra ID issues for Azure Resource Manager access tokens, with and without the slash. */
export const RESOURCE_MANAGER_AUDIENCES = [
  'https://management.azure.com/',
  'https://management.core.windows.net/',
  'https://management.azure.com',
  'https://management.core.windows.net',
];

interface DatabaseSettings {
  /** Run pending migrations when the service starts (DB_MIGRATE). */
  readonly migrateOnStart: boolean;
}

export interface SqliteDatabaseConfig extends DatabaseSettings {
  readonly type: 'sqlite';
  /** A file path, or `:memory:`. */
  readonly path: string;
  /** How long a write waits for another process's lock before it fails (DB_BUSY_TIMEOUT_MS). */
  readonly busyTimeoutMs: number;
}

export interface PostgresDatabaseConfig extends DatabaseSettings {
  readonly type: 'postgres';
  /** The connection URL, without our own `schema` parameter. */
  readonly url: string;
  /** The schema holding the tables; the connection's default when unset. */
  readonly schema?: string;
  readonly poolSize: number;
  /**
   * Statement texts each process prepares by name, in every connection (DB_PREPARED_STATEMENTS);
   * 0 for none, as a pooler that cannot carry them between its connections needs.
   */
  readonly preparedStatements: number;
}

export type DatabaseConfig = SqliteDatabaseConfig | PostgresDatabaseConfig;

export interface AuthConfig {
  readonly jwksUri?: string;
  readonly jwtSecret?: string;
  /** Set when the secret was generated for local development. */
  readonly developmentSecretFile?: string;
  /**
   * Where the RS256 key of the development identity endpoints lives (src/identity), outside
   * production; an in-memory database gets a key per process instead.
   */
  readonly developmentSigningKeyFile?: string;
  /** The audiences of tokens for the Graph routes (AUTH_AUDIENCE). */
  readonly audiences: readonly string[];
  /** The audiences of tokens for the Resource Manager routes (AUTH_RESOURCE_MANAGER_AUDIENCE). */
  readonly resourceManagerAudiences: readonly string[];
  /** Issuer patterns; `{tid}` stands for the token's own tenant. Empty: not checked. */
  readonly issuers: readonly string[];
  /** The tenants whose tokens are accepted (AUTH_ALLOWED_TENANTS), lower case. Empty: any. */
  readonly allowedTenants: readonly string[];
  readonly clockToleranceSeconds: number;
}

export interface LoggingConfig {
  readonly level: LogLevel;
  /** Human-readable lines instead of JSON (a terminal, during development). */
  readonly pretty: boolean;
}

export interface HttpConfig {
  /** Longest a request may take from its first byte to the end of its body. */
  readonly requestTimeoutSeconds: number;
  /** Longest a client may take to send the request headers. */
  readonly headersTimeoutSeconds: number;
  /** How long an idle keep-alive connection stays open; above a load balancer's idle timeout. */
  readonly keepAliveTimeoutSeconds: number;
  /** Origins allowed by CORS; empty: CORS is off. */
  readonly corsOrigins: readonly string[];
  /** How long a stopping server waits for requests in flight before closing anyway. */
  readonly shutdownGraceSeconds: number;
}

export interface ThrottleConfig {
  /** Requests a caller of a tenant may make per window; 0 turns throttling off. */
  readonly limit: number;
  readonly windowSeconds: number;
  /** Set: the counts live in this Redis (REDIS_URL), shared by the replicas that name it. */
  readonly redisUrl?: string;
}

/** Request bodies kept with the emulator's recorded calls (GET /_emulator/requests). */
export interface RecordedBodiesConfig {
  /** EMULATOR_RECORD_BODIES: off by default, bodies may be large. */
  readonly enabled: boolean;
  /** EMULATOR_RECORDED_BODY_BYTES: bytes kept of each body; the rest is cut off. */
  readonly maxBytes: number;
}

export { ConfigurationError };

/** Validated, typed configuration; the only place that reads the environment is `loadAppConfig`. */
/** The request lifecycle's time-driven transitions. */
export interface LifecycleConfig {
  /** 0: the scheduler does not run (another replica, or tests, run it). */
  readonly schedulerIntervalSeconds: number;
  readonly pendingTimeoutHours: number;
  /**
   * `immediate`: a request reaches its outcome when it is created or decided. `staged`: it
   * moves through Graph's intermediate sub-statuses (Accepted, PendingEvaluation,
   * PendingProvisioning, ProvisioningStarted, PendingRevocation…) one scheduler run at a time,
   * as the real service does asynchronously, so that clients can be tested against each.
   */
  readonly processing: RequestProcessing;
}

export class AppConfig {
  readonly environment: Environment;
  readonly host: string;
  readonly port: number;
  /** Set: the server speaks HTTPS on `port` (TLS_CERT_FILE, TLS_KEY_FILE). */
  readonly tls?: TlsConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthConfig;
  readonly seedFile?: string;
  /**
   * Load examples/seed.json into a new database at start, unless SEED_FILE is set (SEED_EXAMPLE;
   * on by default in development only).
   */
  readonly seedExample: boolean;
  /**
   * The emulator's control API under /_emulator (reset, seed, clock, faults, recent calls), for
   * test suites (EMULATOR; on by default outside production, refused in production).
   */
  readonly emulator: boolean;
  readonly recordedBodies: RecordedBodiesConfig;
  readonly publicBaseUrl?: string;
  readonly maxRequestBodyBytes: number;
  readonly logging: LoggingConfig;
  readonly http: HttpConfig;
  readonly throttle: ThrottleConfig;
  readonly lifecycle: LifecycleConfig;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}

export interface LoadConfigOptions {
  /** Where the embedded database and the development secret live by default. */
  readonly dataDirectory?: string;
  /** Whether a person reads the output (a terminal): logs default to pretty lines then. */
  readonly interactive?: boolean;
}

export function loadAppConfig(
  env: Record<string, string | undefined>,
  options: LoadConfigOptions = {},
): AppConfig {
  const variables = parseEnvironment(env);
  const dataDirectory = options.dataDirectory ?? path.resolve('data');
  const environment = variables.NODE_ENV ?? 'development';
  return new AppConfig({
    environment,
    host: variables.HOST ?? '127.0.0.1',
    port: variables.PORT ?? 3000,
    tls: loadTlsFiles(variables.TLS_CERT_FILE, variables.TLS_KEY_FILE),
    database: parseDatabaseUrl(
      variables.DATABASE_URL ??
        `sqlite:${path.join(dataDirectory, 'pim.sqlite')}`,
      {
        migrateOnStart: variables.DB_MIGRATE ?? true,
        poolSize: variables.DB_POOL_SIZE ?? 10,
        preparedStatements: variables.DB_PREPARED_STATEMENTS ?? 200,
        busyTimeoutMs: variables.DB_BUSY_TIMEOUT_MS ?? 5000,
      },
    ),
    auth: buildAuthConfig(variables, environment, dataDirectory),
    seedFile: variables.SEED_FILE,
    seedExample: exampleSeedSetting(variables.SEED_EXAMPLE, environment),
    emulator: emulatorSetting(variables.EMULATOR, environment),
    recordedBodies: recordedBodiesSetting(variables, environment),
    publicBaseUrl: variables.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    maxRequestBodyBytes: variables.MAX_REQUEST_BODY_BYTES ?? 1024 * 1024,
    logging: {
      level: variables.LOG_LEVEL ?? 'info',
      pretty:
        (variables.LOG_FORMAT ?? (options.interactive ? 'pretty' : 'json')) ===
        'pretty',
    },
    http: {
      requestTimeoutSeconds: variables.HTTP_REQUEST_TIMEOUT_SECONDS ?? 30,
      headersTimeoutSeconds: variables.HTTP_HEADERS_TIMEOUT_SECONDS ?? 15,
      keepAliveTimeoutSeconds: variables.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS ?? 72,
      corsOrigins: splitList(variables.CORS_ORIGINS) ?? [],
      shutdownGraceSeconds: variables.SHUTDOWN_GRACE_SECONDS ?? 10,
    },
    throttle: {
      limit: variables.THROTTLE_LIMIT ?? 6000,
      windowSeconds: variables.THROTTLE_WINDOW_SECONDS ?? 60,
      redisUrl: variables.REDIS_URL,
    },
    lifecycle: {
      schedulerIntervalSeconds: variables.SCHEDULER_INTERVAL_SECONDS ?? 30,
      pendingTimeoutHours: variables.REQUEST_PENDING_TIMEOUT_HOURS ?? 24,
      processing: variables.REQUEST_PROCESSING ?? 'immediate',
    },
  });
}

function parseEnvironment(
  env: Record<string, string | undefined>,
): EnvironmentVariables {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
  const variables = plainToInstance(EnvironmentVariables, present, {
    excludeExtraneousValues: true,
  });
  const errors = validateSync(variables);
  if (errors.length > 0) {
    throw new ConfigurationError(
      `Invalid configuration: ${errors.map(describeError).join('; ')}`,
    );
  }
  return variables;
}

function describeError(error: ValidationError): string {
  return Object.values(error.constraints ?? {}).join(', ');
}

// A schema name we put into `search_path` unquoted: keep it to plain identifiers.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface DatabaseSettingsOfAnyType {
  migrateOnStart: boolean;
  poolSize: number;
  preparedStatements: number;
  busyTimeoutMs: number;
}

function parseDatabaseUrl(
  url: string,
  settings: DatabaseSettingsOfAnyType,
): DatabaseConfig {
  const sqlite = /^sqlite:(.+)$/.exec(url);
  if (sqlite) {
    const location = sqlite[1];
    return {
      type: 'sqlite',
      path: location === ':memory:' ? location : path.resolve(location),
      migrateOnStart: settings.migrateOnStart,
      busyTimeoutMs: settings.busyTimeoutMs,
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return parsePostgresUrl(url, settings);
  }
  throw new ConfigurationError(
    'Invalid configuration: DATABASE_URL must look like sqlite:./data/pim.sqlite, sqlite::memory: or postgres://user@host:5432/database',
  );
}

function parsePostgresUrl(
  url: string,
  settings: DatabaseSettingsOfAnyType,
): PostgresDatabaseConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password: never repeat it.
    throw new ConfigurationError(
      'Invalid configuration: DATABASE_URL is not a valid postgres:// URL',
    );
  }
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new ConfigurationError(
      'Invalid configuration: the schema parameter of DATABASE_URL must be a lower-case identifier',
    );
  }
  parsed.searchParams.delete('schema');
  return {
    type: 'postgres',
    url: parsed.toString(),
    schema,
    poolSize: settings.poolSize,
    preparedStatements: settings.preparedStatements,
    migrateOnStart: settings.migrateOnStart,
  };
}

// The parsed scheme, not the text: `HTTP://` is plain http too, and a URL without a scheme is not
// https either.
function isHttpsUrl(text: string): boolean {
  return URL.canParse(text) && new URL(text).protocol === 'https:';
}

function buildAuthConfig(
  variables: EnvironmentVariables,
  environment: Environment,
  dataDirectory: string,
): AuthConfig {
  const allowedTenants = parseAllowedTenants(variables.AUTH_ALLOWED_TENANTS);
  const production = environment === 'production';
  if (production) {
    const problems = productionAuthProblems(variables, allowedTenants);
    if (problems.length > 0) {
      throw new ConfigurationError(
        `Invalid configuration: with NODE_ENV=production ${problems.join('; ')} (see docs/deployment.md, "Authentication with Entra ID")`,
      );
    }
  }
  const common = {
    jwksUri: variables.AUTH_JWKS_URI,
    audiences: splitList(variables.AUTH_AUDIENCE) ?? GRAPH_AUDIENCES,
    // Production never accepts Resource Manager's own tokens (productionAuthProblems): unless an
    // audience of its own is set, the Resource Manager routes accept no token there.
    resourceManagerAudiences:
      splitList(variables.AUTH_RESOURCE_MANAGER_AUDIENCE) ??
      (production ? [] : RESOURCE_MANAGER_AUDIENCES),
    issuers:
      splitList(variables.AUTH_ISSUER) ??
      (allowedTenants.length > 0 ? ENTRA_ISSUERS : []),
    allowedTenants,
    clockToleranceSeconds: variables.AUTH_CLOCK_TOLERANCE_SECONDS ?? 60,
    ...(environment !== 'production' && {
      developmentSigningKeyFile: path.join(
        dataDirectory,
        'dev-signing-key.pem',
      ),
    }),
  };
  if (variables.AUTH_JWT_SECRET || variables.AUTH_JWKS_URI) {
    return { ...common, jwtSecret: variables.AUTH_JWT_SECRET };
  }
  const developmentSecretFile = path.join(dataDirectory, 'dev-jwt-secret');
  return {
    ...common,
    jwtSecret: loadOrCreateDevelopmentSecret(developmentSecretFile),
    developmentSecretFile,
  };
}

/** Lower case, as Entra ID writes a token's tid. */
function parseAllowedTenants(value: string | undefined): string[] {
  const tenants = splitList(value) ?? [];
  const invalid = tenants.filter((tenant) => !normalizeGuid(tenant));
  if (invalid.length > 0) {
    throw new ConfigurationError(
      `Invalid configuration: AUTH_ALLOWED_TENANTS must list tenant ids (GUIDs, as in a token's tid claim), comma-separated; these are not: ${invalid.join(', ')}`,
    );
  }
  return tenants.map((tenant) => tenant.toLowerCase());
}

/**
 * What a production deployment lacks to accept only tokens meant for it: every item at once, so
 * that one failed start says all there is to fix.
 */
function productionAuthProblems(
  variables: EnvironmentVariables,
  allowedTenants: readonly string[],
): string[] {
  const problems: string[] = [];
  if (!variables.AUTH_JWT_SECRET && !variables.AUTH_JWKS_URI) {
    problems.push(
      'set AUTH_JWKS_URI (RS256 keys of your identity provider) or AUTH_JWT_SECRET (HS256)',
    );
  }
  if (
    variables.AUTH_JWKS_URI !== undefined &&
    !isHttpsUrl(variables.AUTH_JWKS_URI)
  ) {
    problems.push(
      'AUTH_JWKS_URI must use https (keys fetched over http can be replaced in transit)',
    );
  }
  const audiences = splitList(variables.AUTH_AUDIENCE);
  if (!audiences) {
    problems.push(
      "set AUTH_AUDIENCE to your own API's audiences: its Application ID URI and client id",
    );
  } else if (audiences.some((audience) => isOneOf(audience, GRAPH_AUDIENCES))) {
    problems.push(
      "AUTH_AUDIENCE must not be Microsoft Graph's own audience: Entra ID issues those tokens for Graph alone, and accepting them would let any holder of a Graph token, for any app, call this service; register your own API and set its Application ID URI and client id",
    );
  }
  if (
    splitList(variables.AUTH_RESOURCE_MANAGER_AUDIENCE)?.some((audience) =>
      isOneOf(audience, RESOURCE_MANAGER_AUDIENCES),
    )
  ) {
    problems.push(
      "AUTH_RESOURCE_MANAGER_AUDIENCE must not be Azure Resource Manager's own audience: Entra ID issues those tokens for Azure alone, and accepting them would let any holder of an Azure token call this service; register your own API for it, or leave it unset (the Resource Manager routes then accept no token)",
    );
  }
  if (!variables.AUTH_ISSUER && allowedTenants.length === 0) {
    problems.push(
      'set an issuer policy: AUTH_ALLOWED_TENANTS (the tenant ids whose Entra ID tokens are accepted) or AUTH_ISSUER (the accepted issuers)',
    );
  }
  return problems;
}

// Entra ID's audiences whatever their letter case or trailing slash: a variant is still theirs.
function isOneOf(audience: string, audiences: readonly string[]): boolean {
  const normalized = (text: string) => text.toLowerCase().replace(/\/+$/, '');
  return audiences.some((known) => normalized(known) === normalized(audience));
}

/**
 * The example tenant is for trying the service out: on by default in development only, so that
 * test apps (fresh databases per test file) and production never get it unasked, and refused in
 * production, where its made-up tenant would be served as real data.
 */
function exampleSeedSetting(
  value: boolean | undefined,
  environment: Environment,
): boolean {
  if (value && environment === 'production') {
    throw new ConfigurationError(
      'Invalid configuration: SEED_EXAMPLE=true is not allowed with NODE_ENV=production (load a seed deliberately with SEED_FILE or npm run seed)',
    );
  }
  return value ?? environment === 'development';
}

function splitList(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return items && items.length > 0 ? items : undefined;
}

/**
 * The control API lets any caller of a tenant erase its data and move the service's clock: for
 * test suites, never for production.
 */
function emulatorSetting(
  value: boolean | undefined,
  environment: Environment,
): boolean {
  if (value && environment === 'production') {
    throw new ConfigurationError(
      'Invalid configuration: EMULATOR=true is not allowed with NODE_ENV=production (its control API erases data and moves the clock)',
    );
  }
  return value ?? environment !== 'production';
}

function recordedBodiesSetting(
  variables: EnvironmentVariables,
  environment: Environment,
): RecordedBodiesConfig {
  const enabled = variables.EMULATOR_RECORD_BODIES ?? false;
  if (enabled && !emulatorSetting(variables.EMULATOR, environment)) {
    throw new ConfigurationError(
      'Invalid configuration: EMULATOR_RECORD_BODIES=true needs the control API that lists the recorded calls (EMULATOR=true, not allowed with NODE_ENV=production)',
    );
  }
  return {
    enabled,
    maxBytes: variables.EMULATOR_RECORDED_BODY_BYTES ?? 16 * 1024,
  };
}
