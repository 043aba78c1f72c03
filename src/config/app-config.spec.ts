import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDevelopmentCertificate } from '../security/dev-certificate.js';
import {
  ConfigurationError,
  GRAPH_AUDIENCES,
  loadAppConfig,
  RESOURCE_MANAGER_AUDIENCES,
} from './app-config.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const API_APP_ID = '6f1f5d3c-0000-4000-8000-0000000000ad';
const TENANT = '0a0a0a0a-0000-4000-8000-00000000000a';
/** What production asks beyond a key: the audiences of a registered API and an issuer policy. */
const REGISTERED_API = {
  AUTH_AUDIENCE: `api://${API_APP_ID},${API_APP_ID}`,
  AUTH_ALLOWED_TENANTS: TENANT,
};

describe('loadAppConfig', () => {
  let dataDirectory: string;

  beforeEach(() => {
    dataDirectory = path.join(
      mkdtempSync(path.join(tmpdir(), 'pim-config-')),
      'data',
    );
  });
  afterEach(() => {
    rmSync(path.dirname(dataDirectory), { recursive: true, force: true });
  });

  function load(env: Record<string, string | undefined>) {
    return loadAppConfig(env, { dataDirectory });
  }

  function expectRefused(
    env: Record<string, string | undefined>,
    variable: string,
  ): ConfigurationError {
    let thrown: unknown;
    try {
      load(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toContain(variable);
    return thrown as ConfigurationError;
  }

  it('defaults to an embedded development server on 127.0.0.1:3000', () => {
    const config = load({ AUTH_JWT_SECRET: SECRET });

    expect(config).toMatchObject({
      environment: 'development',
      host: '127.0.0.1',
      port: 3000,
      database: {
        type: 'sqlite',
        path: path.join(dataDirectory, 'pim.sqlite'),
      },
      maxRequestBodyBytes: 1024 * 1024,
      logging: { level: 'info', pretty: false },
      http: {
        requestTimeoutSeconds: 30,
        headersTimeoutSeconds: 15,
        keepAliveTimeoutSeconds: 72,
        corsOrigins: [],
        shutdownGraceSeconds: 10,
      },
      throttle: { limit: 6000, windowSeconds: 60 },
      lifecycle: { schedulerIntervalSeconds: 30, pendingTimeoutHours: 24 },
    });
    expect(config.seedFile).toBeUndefined();
    expect(config.publicBaseUrl).toBeUndefined();
    expect(config.tls).toBeUndefined();
    expect(config.auth.audiences).toEqual([
      'https://graph.microsoft.com',
      '00000003-0000-0000-c000-000000000000',
    ]);
    expect(config.auth.audiences).toEqual(GRAPH_AUDIENCES);
    expect(config.auth.issuers).toEqual([]);
    expect(config.auth.clockToleranceSeconds).toBeGreaterThan(0);
    expect(config.auth.clockToleranceSeconds).toBeLessThanOrEqual(300);
  });

  it('keeps the default database under ./data of the working directory', () => {
    const config = loadAppConfig({ AUTH_JWT_SECRET: SECRET });

    expect(config.database).toEqual({
      type: 'sqlite',
      path: path.resolve('data', 'pim.sqlite'),
      migrateOnStart: true,
      busyTimeoutMs: 5000,
    });
  });

  it('reads every variable', () => {
    const config = load({
      NODE_ENV: 'production',
      ...REGISTERED_API,
      HOST: '0.0.0.0',
      PORT: '8443',
      DATABASE_URL: 'sqlite:./var/other.sqlite',
      AUTH_JWKS_URI:
        'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      AUTH_CLOCK_TOLERANCE_SECONDS: '5',
      SEED_FILE: './seed.json',
      PUBLIC_BASE_URL: 'https://pim.contoso.com/',
      MAX_REQUEST_BODY_BYTES: '4096',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
      HTTP_REQUEST_TIMEOUT_SECONDS: '20',
      HTTP_HEADERS_TIMEOUT_SECONDS: '5',
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '65',
      CORS_ORIGINS: 'https://portal.contoso.com, https://admin.contoso.com',
      SHUTDOWN_GRACE_SECONDS: '25',
      THROTTLE_LIMIT: '100',
      THROTTLE_WINDOW_SECONDS: '10',
      REDIS_URL: 'rediss://pim:secret@cache.contoso.com:6380/1',
      SCHEDULER_INTERVAL_SECONDS: '0',
      REQUEST_PENDING_TIMEOUT_HOURS: '72',
      DB_BUSY_TIMEOUT_MS: '250',
    });

    expect(config).toMatchObject({
      logging: { level: 'debug', pretty: true },
      http: {
        requestTimeoutSeconds: 20,
        headersTimeoutSeconds: 5,
        keepAliveTimeoutSeconds: 65,
        corsOrigins: [
          'https://portal.contoso.com',
          'https://admin.contoso.com',
        ],
        shutdownGraceSeconds: 25,
      },
      throttle: {
        limit: 100,
        windowSeconds: 10,
        redisUrl: 'rediss://pim:secret@cache.contoso.com:6380/1',
      },
      lifecycle: { schedulerIntervalSeconds: 0, pendingTimeoutHours: 72 },
      environment: 'production',
      host: '0.0.0.0',
      port: 8443,
      database: {
        type: 'sqlite',
        path: path.resolve('var/other.sqlite'),
        busyTimeoutMs: 250,
      },
      seedFile: './seed.json',
      publicBaseUrl: 'https://pim.contoso.com',
      maxRequestBodyBytes: 4096,
      auth: {
        jwksUri: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
        jwtSecret: undefined,
        clockToleranceSeconds: 5,
      },
    });
    expect(config.auth.developmentSecretFile).toBeUndefined();
    expect(existsSync(dataDirectory)).toBe(false);
  });

  it('logs pretty lines to a person at a terminal unless LOG_FORMAT says otherwise', () => {
    const atTerminal = loadAppConfig(
      { AUTH_JWT_SECRET: SECRET },
      { dataDirectory, interactive: true },
    );
    const jsonAtTerminal = loadAppConfig(
      { AUTH_JWT_SECRET: SECRET, LOG_FORMAT: 'json' },
      { dataDirectory, interactive: true },
    );

    expect(atTerminal.logging.pretty).toBe(true);
    expect(jsonAtTerminal.logging.pretty).toBe(false);
  });

  it('accepts an in-memory database', () => {
    expect(
      load({ AUTH_JWT_SECRET: SECRET, DATABASE_URL: 'sqlite::memory:' })
        .database,
    ).toEqual({
      type: 'sqlite',
      path: ':memory:',
      migrateOnStart: true,
      busyTimeoutMs: 5000,
    });
  });

  it('reads a PostgreSQL URL, its schema parameter, the pool size, the prepared statements and DB_MIGRATE', () => {
    const config = load({
      AUTH_JWT_SECRET: SECRET,
      DATABASE_URL:
        'postgres://pim:secret@db.internal:5432/pim?schema=governance&sslmode=require',
      DB_POOL_SIZE: '25',
      DB_PREPARED_STATEMENTS: '0',
      DB_MIGRATE: 'false',
    });

    expect(config.database).toEqual({
      type: 'postgres',
      url: 'postgres://pim:secret@db.internal:5432/pim?sslmode=require',
      schema: 'governance',
      poolSize: 25,
      preparedStatements: 0,
      migrateOnStart: false,
    });
  });

  it('defaults PostgreSQL to a pool of 10, 200 prepared statements and migrations at start', () => {
    expect(
      load({
        AUTH_JWT_SECRET: SECRET,
        DATABASE_URL: 'postgresql://localhost/pim',
      }).database,
    ).toMatchObject({
      type: 'postgres',
      poolSize: 10,
      preparedStatements: 200,
      migrateOnStart: true,
    });
  });

  it('never repeats a DATABASE_URL password in its error', () => {
    const error = expectRefused(
      {
        AUTH_JWT_SECRET: SECRET,
        DATABASE_URL: 'postgres://pim:hunter2@[bad/pim',
      },
      'DATABASE_URL',
    );

    expect(error.message).not.toContain('hunter2');
  });

  it('ignores variables it does not know', () => {
    const config = load({
      AUTH_JWT_SECRET: SECRET,
      PATH: '/usr/bin',
      port: 'not-mine',
    });

    expect(config.port).toBe(3000);
  });

  it('treats empty strings as unset', () => {
    const config = load({
      NODE_ENV: '',
      HOST: '',
      PORT: '',
      DATABASE_URL: '',
      AUTH_JWKS_URI: '',
      AUTH_JWT_SECRET: '',
      AUTH_AUDIENCE: '',
      AUTH_ISSUER: '',
      SEED_FILE: '',
      PUBLIC_BASE_URL: '',
      MAX_REQUEST_BODY_BYTES: '',
    });

    expect(config).toMatchObject({
      environment: 'development',
      host: '127.0.0.1',
      port: 3000,
      database: { path: path.join(dataDirectory, 'pim.sqlite') },
      maxRequestBodyBytes: 1024 * 1024,
      logging: { level: 'info', pretty: false },
      http: {
        requestTimeoutSeconds: 30,
        headersTimeoutSeconds: 15,
        keepAliveTimeoutSeconds: 72,
        corsOrigins: [],
        shutdownGraceSeconds: 10,
      },
      throttle: { limit: 6000, windowSeconds: 60 },
      lifecycle: { schedulerIntervalSeconds: 30, pendingTimeoutHours: 24 },
    });
    expect(config.seedFile).toBeUndefined();
    expect(config.publicBaseUrl).toBeUndefined();
    expect(config.auth.audiences).toEqual(GRAPH_AUDIENCES);
    expect(config.auth.issuers).toEqual([]);
    expect(config.auth.jwksUri).toBeUndefined();
    // No AUTH_* at all: the development secret.
    expect(config.auth.developmentSecretFile).toBe(
      path.join(dataDirectory, 'dev-jwt-secret'),
    );
  });

  it('refuses NODE_ENV=production when AUTH_* are empty strings', () => {
    expectRefused(
      { NODE_ENV: 'production', AUTH_JWT_SECRET: '', AUTH_JWKS_URI: '' },
      'AUTH_JWT_SECRET',
    );
  });

  it('splits comma lists of audiences and issuers, trimming blanks', () => {
    const config = load({
      AUTH_JWT_SECRET: SECRET,
      AUTH_AUDIENCE: ' api://pim , https://graph.microsoft.com,,',
      AUTH_ISSUER:
        'https://sts.windows.net/{tid}/, https://login.microsoftonline.com/{tid}/v2.0',
    });

    expect(config.auth.audiences).toEqual([
      'api://pim',
      'https://graph.microsoft.com',
    ]);
    expect(config.auth.issuers).toEqual([
      'https://sts.windows.net/{tid}/',
      'https://login.microsoftonline.com/{tid}/v2.0',
    ]);
  });

  it('takes a single audience and issuer as one-item lists', () => {
    const config = load({
      AUTH_JWT_SECRET: SECRET,
      AUTH_AUDIENCE: 'api://pim',
      AUTH_ISSUER: 'https://issuer.example',
    });

    expect(config.auth.audiences).toEqual(['api://pim']);
    expect(config.auth.issuers).toEqual(['https://issuer.example']);
  });

  describe('invalid values fail with a ConfigurationError naming the variable', () => {
    it.each([
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['PORT', '0x10'],
      ['PORT', '1e3'],
      ['PORT', ' '],
      ['DATABASE_URL', 'mysql://x'],
      ['DATABASE_URL', 'postgres://host/db?schema=Bad-Name'],
      ['DB_POOL_SIZE', '0'],
      ['DB_POOL_SIZE', 'many'],
      ['DB_PREPARED_STATEMENTS', '-1'],
      ['DB_PREPARED_STATEMENTS', '10001'],
      ['DB_PREPARED_STATEMENTS', '2.5'],
      ['DB_MIGRATE', 'yes'],
      ['SEED_EXAMPLE', 'yes'],
      ['LOG_LEVEL', 'verbose'],
      ['LOG_FORMAT', 'xml'],
      ['HTTP_REQUEST_TIMEOUT_SECONDS', '0'],
      ['THROTTLE_LIMIT', '-1'],
      ['THROTTLE_WINDOW_SECONDS', '0'],
      ['DATABASE_URL', 'sqlite:'],
      ['DATABASE_URL', './data/pim.sqlite'],
      ['AUTH_JWKS_URI', 'not a url'],
      ['AUTH_JWKS_URI', 'ftp://keys.example/jwks'],
      ['AUTH_JWT_SECRET', 'too-short'],
      ['NODE_ENV', 'staging'],
      ['PUBLIC_BASE_URL', 'pim.contoso.com/x y'],
      ['MAX_REQUEST_BODY_BYTES', 'lots'],
      ['MAX_REQUEST_BODY_BYTES', '10'],
      ['AUTH_CLOCK_TOLERANCE_SECONDS', 'soon'],
      ['REDIS_URL', 'cache:6379'],
      ['REDIS_URL', 'https://cache:6379'],
    ])('%s=%s', (variable, value) => {
      expectRefused({ AUTH_JWT_SECRET: SECRET, [variable]: value }, variable);
    });

    it("without echoing REDIS_URL's password", () => {
      const error = expectRefused(
        { AUTH_JWT_SECRET: SECRET, REDIS_URL: 'redis//:hunter2@cache' },
        'REDIS_URL',
      );

      expect(error.message).not.toContain('hunter2');
    });

    it('without echoing a short secret', () => {
      const error = expectRefused(
        { AUTH_JWT_SECRET: 'hunter2-secret' },
        'AUTH_JWT_SECRET',
      );

      expect(error.message).not.toContain('hunter2');
    });

    it('names every invalid variable at once', () => {
      const error = expectRefused(
        { AUTH_JWT_SECRET: SECRET, PORT: 'abc', NODE_ENV: 'staging' },
        'PORT',
      );

      expect(error.message).toContain('NODE_ENV');
    });
  });

  describe('SEED_EXAMPLE', () => {
    it.each([
      ['development', { NODE_ENV: 'development' }, true],
      ['an unset NODE_ENV', {}, true],
      ['test', { NODE_ENV: 'test' }, false],
      ['production', { NODE_ENV: 'production', ...REGISTERED_API }, false],
    ])('defaults in %s to %s', (_case, env, expected) => {
      expect(load({ AUTH_JWT_SECRET: SECRET, ...env }).seedExample).toBe(
        expected,
      );
    });

    it('is read as true or false', () => {
      expect(
        load({ AUTH_JWT_SECRET: SECRET, SEED_EXAMPLE: 'false' }).seedExample,
      ).toBe(false);
      expect(
        load({
          AUTH_JWT_SECRET: SECRET,
          NODE_ENV: 'test',
          SEED_EXAMPLE: 'true',
        }).seedExample,
      ).toBe(true);
    });

    it('refuses SEED_EXAMPLE=true with NODE_ENV=production', () => {
      const error = expectRefused(
        {
          AUTH_JWT_SECRET: SECRET,
          NODE_ENV: 'production',
          ...REGISTERED_API,
          SEED_EXAMPLE: 'true',
        },
        'SEED_EXAMPLE',
      );
      expect(error.message).toContain('production');
    });
  });

  describe('EMULATOR', () => {
    it.each([
      ['development', { NODE_ENV: 'development' }, true],
      ['test', { NODE_ENV: 'test' }, true],
      ['production', { NODE_ENV: 'production', ...REGISTERED_API }, false],
    ])('defaults in %s to %s', (_case, env, expected) => {
      expect(load({ AUTH_JWT_SECRET: SECRET, ...env }).emulator).toBe(expected);
    });

    it('is turned off with EMULATOR=false', () => {
      expect(
        load({ AUTH_JWT_SECRET: SECRET, EMULATOR: 'false' }).emulator,
      ).toBe(false);
    });

    it('refuses EMULATOR=true with NODE_ENV=production', () => {
      const error = expectRefused(
        {
          AUTH_JWT_SECRET: SECRET,
          NODE_ENV: 'production',
          ...REGISTERED_API,
          EMULATOR: 'true',
        },
        'EMULATOR',
      );
      expect(error.message).toContain('production');
    });
  });

  describe('EMULATOR_RECORD_BODIES and EMULATOR_RECORDED_BODY_BYTES', () => {
    it('records no bodies by default, and 16 KiB of each when turned on', () => {
      expect(load({ AUTH_JWT_SECRET: SECRET }).recordedBodies).toEqual({
        enabled: false,
        maxBytes: 16384,
      });
      expect(
        load({
          AUTH_JWT_SECRET: SECRET,
          EMULATOR_RECORD_BODIES: 'true',
          EMULATOR_RECORDED_BODY_BYTES: '100',
        }).recordedBodies,
      ).toEqual({ enabled: true, maxBytes: 100 });
    });

    it.each([
      ['EMULATOR_RECORD_BODIES', { EMULATOR_RECORD_BODIES: 'yes' }],
      ['EMULATOR_RECORDED_BODY_BYTES', { EMULATOR_RECORDED_BODY_BYTES: '0' }],
      [
        'EMULATOR_RECORD_BODIES',
        { EMULATOR_RECORD_BODIES: 'true', EMULATOR: 'false' },
      ],
    ])('refuses a bad %s: %j', (variable, env) => {
      expectRefused({ AUTH_JWT_SECRET: SECRET, ...env }, variable);
    });
  });

  describe('production', () => {
    it('refuses to start without AUTH_JWKS_URI or AUTH_JWT_SECRET, creating nothing', () => {
      const error = expectRefused({ NODE_ENV: 'production' }, 'AUTH_JWKS_URI');

      expect(error.message).toContain('AUTH_JWT_SECRET');
      expect(error.message).toContain('production');
      expect(existsSync(dataDirectory)).toBe(false);
    });

    it.each([
      'http://keys.example/jwks',
      'HTTP://keys.example/jwks',
      'Http://keys.example/jwks',
      'keys.example/jwks',
    ])('refuses a JWKS endpoint that is not https: %s', (uri) => {
      const error = expectRefused(
        { NODE_ENV: 'production', AUTH_JWKS_URI: uri },
        'AUTH_JWKS_URI',
      );

      expect(error.message).toContain('https');
    });

    it('starts with a JWKS endpoint whose https scheme is upper case', () => {
      const config = load({
        NODE_ENV: 'production',
        ...REGISTERED_API,
        AUTH_JWKS_URI: 'HTTPS://keys.example/jwks',
      });

      expect(config.auth.jwksUri).toBe('HTTPS://keys.example/jwks');
    });

    it('starts with AUTH_JWT_SECRET as its key', () => {
      const config = load({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: SECRET,
        ...REGISTERED_API,
      });

      expect(config.auth).toMatchObject({ jwtSecret: SECRET });
      expect(config.auth.developmentSecretFile).toBeUndefined();
      expect(existsSync(dataDirectory)).toBe(false);
    });

    it('names every missing item in one message', () => {
      const error = expectRefused({ NODE_ENV: 'production' }, 'AUTH_AUDIENCE');

      for (const variable of [
        'AUTH_JWKS_URI',
        'AUTH_JWT_SECRET',
        'AUTH_ALLOWED_TENANTS',
        'AUTH_ISSUER',
        'docs/deployment.md',
      ]) {
        expect(error.message).toContain(variable);
      }
    });

    it('refuses to start without AUTH_AUDIENCE, asking for the registered API', () => {
      const error = expectRefused(
        {
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: SECRET,
          AUTH_ALLOWED_TENANTS: TENANT,
        },
        'AUTH_AUDIENCE',
      );

      expect(error.message).toContain('Application ID URI');
      expect(error.message).not.toContain('AUTH_ISSUER');
    });

    it.each([
      'https://graph.microsoft.com',
      'https://graph.microsoft.com/',
      'HTTPS://Graph.Microsoft.com',
      '00000003-0000-0000-c000-000000000000',
      `api://${API_APP_ID},00000003-0000-0000-C000-000000000000`,
    ])("refuses Microsoft Graph's own audience: %s", (audience) => {
      const error = expectRefused(
        {
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: SECRET,
          AUTH_ALLOWED_TENANTS: TENANT,
          AUTH_AUDIENCE: audience,
        },
        'AUTH_AUDIENCE',
      );

      expect(error.message).toContain('for Graph alone');
      expect(error.message).toContain('register your own API');
    });

    it.each([
      'https://management.azure.com/',
      'https://management.core.windows.net',
    ])("refuses Azure Resource Manager's own audience: %s", (audience) => {
      const error = expectRefused(
        {
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: SECRET,
          ...REGISTERED_API,
          AUTH_RESOURCE_MANAGER_AUDIENCE: audience,
        },
        'AUTH_RESOURCE_MANAGER_AUDIENCE',
      );

      expect(error.message).toContain('register your own API');
    });

    it('refuses to start without an issuer policy, naming both ways to set one', () => {
      const error = expectRefused(
        {
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: SECRET,
          AUTH_AUDIENCE: `api://${API_APP_ID}`,
        },
        'AUTH_ALLOWED_TENANTS',
      );

      expect(error.message).toContain('AUTH_ISSUER');
      expect(error.message).not.toContain('AUTH_AUDIENCE');
    });

    it('takes AUTH_ISSUER as the issuer policy', () => {
      const config = load({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: SECRET,
        AUTH_AUDIENCE: `api://${API_APP_ID}`,
        AUTH_ISSUER: `https://sts.windows.net/${TENANT}/`,
      });

      expect(config.auth).toMatchObject({
        audiences: [`api://${API_APP_ID}`],
        issuers: [`https://sts.windows.net/${TENANT}/`],
        allowedTenants: [],
      });
    });

    it('accepts no token on the Resource Manager routes unless their own audience is set', () => {
      const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: SECRET };

      expect(
        load({ ...production, ...REGISTERED_API }).auth
          .resourceManagerAudiences,
      ).toEqual([]);
      expect(
        load({
          ...production,
          ...REGISTERED_API,
          AUTH_RESOURCE_MANAGER_AUDIENCE: 'api://pim-arm',
        }).auth.resourceManagerAudiences,
      ).toEqual(['api://pim-arm']);
    });
  });

  describe('AUTH_ALLOWED_TENANTS', () => {
    it("accepts Entra ID's v1 and v2 issuers of the listed tenants, in lower case", () => {
      const other = '0B0B0B0B-0000-4000-8000-00000000000B';
      const config = load({
        AUTH_JWT_SECRET: SECRET,
        AUTH_ALLOWED_TENANTS: ` ${TENANT}, ${other} ,`,
      });

      expect(config.auth).toMatchObject({
        allowedTenants: [TENANT, other.toLowerCase()],
        issuers: [
          'https://sts.windows.net/{tid}/',
          'https://login.microsoftonline.com/{tid}/v2.0',
        ],
      });
    });

    it('keeps AUTH_ISSUER when both are set', () => {
      const config = load({
        AUTH_JWT_SECRET: SECRET,
        AUTH_ALLOWED_TENANTS: TENANT,
        AUTH_ISSUER: 'https://issuer.example/',
      });

      expect(config.auth).toMatchObject({
        allowedTenants: [TENANT],
        issuers: ['https://issuer.example/'],
      });
    });

    it('refuses what is not a tenant id, naming it', () => {
      const error = expectRefused(
        {
          AUTH_JWT_SECRET: SECRET,
          AUTH_ALLOWED_TENANTS: `${TENANT},contoso.com`,
        },
        'AUTH_ALLOWED_TENANTS',
      );

      expect(error.message).toContain('contoso.com');
      expect(error.message).not.toContain(TENANT);
    });

    it('development keeps accepting any tenant, issuer and both APIs own audiences', () => {
      const config = load({ AUTH_JWT_SECRET: SECRET });

      expect(config.auth).toMatchObject({
        audiences: GRAPH_AUDIENCES,
        resourceManagerAudiences: RESOURCE_MANAGER_AUDIENCES,
        issuers: [],
        allowedTenants: [],
      });
    });
  });

  describe('development secret', () => {
    const secretFile = () => path.join(dataDirectory, 'dev-jwt-secret');

    it.each([
      ['development', { NODE_ENV: 'development' }],
      ['an unset NODE_ENV', {}],
      ['test', { NODE_ENV: 'test' }],
    ])(
      'in %s without AUTH_*, creates <dataDirectory>/dev-jwt-secret readable by its owner only',
      (_case, env) => {
        const config = load(env);

        expect(config.auth.developmentSecretFile).toBe(secretFile());
        expect(statSync(secretFile()).mode & 0o777).toBe(0o600);
        expect(readFileSync(secretFile(), 'utf8').trim()).toBe(
          config.auth.jwtSecret,
        );
        expect(config.auth.jwtSecret!.length).toBeGreaterThanOrEqual(32);
        expect(config.auth.jwksUri).toBeUndefined();
      },
    );

    it('reuses the secret on the next start', () => {
      const first = load({});
      const second = load({});

      expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    });

    it('uses a secret file that already exists', () => {
      mkdirSync(dataDirectory, { recursive: true });
      writeFileSync(secretFile(), `${SECRET}\n`, { mode: 0o600 });

      expect(load({}).auth.jwtSecret).toBe(SECRET);
    });

    it('takes an existing secret file back to owner-only permissions', () => {
      mkdirSync(dataDirectory, { recursive: true });
      writeFileSync(secretFile(), `${SECRET}\n`, { mode: 0o644 });

      load({});

      expect(statSync(secretFile()).mode & 0o777).toBe(0o600);
    });

    it('refuses an existing secret file that is too short, naming the file', () => {
      mkdirSync(dataDirectory, { recursive: true });
      writeFileSync(secretFile(), '\n', { mode: 0o600 });

      expectRefused({}, secretFile());
    });

    it('leaves no temporary files behind', () => {
      load({});

      expect(readdirSync(dataDirectory)).toEqual(['dev-jwt-secret']);
    });

    it('differs between data directories', () => {
      const first = load({});
      dataDirectory = path.join(path.dirname(dataDirectory), 'other');

      expect(load({}).auth.jwtSecret).not.toBe(first.auth.jwtSecret);
    });

    it('is not created when a key is configured', () => {
      const config = load({
        AUTH_JWKS_URI: 'https://keys.example/jwks',
      });

      expect(config.auth.developmentSecretFile).toBeUndefined();
      expect(config.auth.jwtSecret).toBeUndefined();
      expect(existsSync(secretFile())).toBe(false);
    });
  });
  describe('HTTPS: TLS_CERT_FILE and TLS_KEY_FILE', () => {
    let tlsDirectory: string;
    let certFile: string;
    let keyFile: string;
    let otherKeyFile: string;
    let notPemFile: string;

    beforeAll(async () => {
      tlsDirectory = mkdtempSync(path.join(tmpdir(), 'pim-config-tls-'));
      const [certificate, other] = await Promise.all([
        generateDevelopmentCertificate(),
        generateDevelopmentCertificate(),
      ]);
      certFile = path.join(tlsDirectory, 'cert.pem');
      keyFile = path.join(tlsDirectory, 'key.pem');
      otherKeyFile = path.join(tlsDirectory, 'other-key.pem');
      writeFileSync(certFile, certificate.cert);
      writeFileSync(keyFile, certificate.key);
      writeFileSync(otherKeyFile, other.key);
      notPemFile = path.join(tlsDirectory, 'not-pem.txt');
      writeFileSync(notPemFile, 'localhost\n');
    });
    afterAll(() => {
      rmSync(tlsDirectory, { recursive: true, force: true });
    });

    it('reads the certificate and its key, by absolute paths', () => {
      const config = load({
        AUTH_JWT_SECRET: SECRET,
        TLS_CERT_FILE: path.relative(process.cwd(), certFile),
        TLS_KEY_FILE: keyFile,
      });

      expect(config.tls).toEqual({
        certFile,
        keyFile,
        cert: readFileSync(certFile),
        key: readFileSync(keyFile),
      });
    });

    it.each([
      ['TLS_CERT_FILE', 'TLS_KEY_FILE'],
      ['TLS_KEY_FILE', 'TLS_CERT_FILE'],
    ])('refuses %s without %s', (set, unset) => {
      const file = set === 'TLS_CERT_FILE' ? certFile : keyFile;

      for (const missing of [undefined, '']) {
        const error = expectRefused(
          { AUTH_JWT_SECRET: SECRET, [set]: file, [unset]: missing },
          unset,
        );
        expect(error.message).toBe(
          `Invalid configuration: ${set} is set but ${unset} is not; HTTPS needs both (or neither, for plain HTTP)`,
        );
      }
    });

    it('refuses a file that cannot be read, naming the variable, the file and why', () => {
      const missing = path.join(tlsDirectory, 'missing.pem');

      const noCertificate = expectRefused(
        {
          AUTH_JWT_SECRET: SECRET,
          TLS_CERT_FILE: missing,
          TLS_KEY_FILE: keyFile,
        },
        `TLS_CERT_FILE=${missing} cannot be read (ENOENT)`,
      );
      const keyIsADirectory = expectRefused(
        {
          AUTH_JWT_SECRET: SECRET,
          TLS_CERT_FILE: certFile,
          TLS_KEY_FILE: tlsDirectory,
        },
        `TLS_KEY_FILE=${tlsDirectory} cannot be read (EISDIR)`,
      );

      expect(noCertificate.message).not.toContain('TLS_KEY_FILE');
      expect(keyIsADirectory.message).not.toContain('TLS_CERT_FILE=');
    });

    it.each([
      [
        'the files swapped',
        () => [keyFile, certFile],
        () => `TLS_CERT_FILE=${keyFile} does not hold a PEM certificate`,
      ],
      [
        'a certificate file that is not PEM',
        () => [notPemFile, keyFile],
        () => `TLS_CERT_FILE=${notPemFile} does not hold a PEM certificate`,
      ],
      [
        'a key file that is not PEM',
        () => [certFile, notPemFile],
        () =>
          `TLS_KEY_FILE=${notPemFile} does not hold an unencrypted PEM private key`,
      ],
      [
        'the key of another certificate',
        () => [certFile, otherKeyFile],
        () =>
          `TLS_KEY_FILE=${otherKeyFile} is not the private key of the certificate in TLS_CERT_FILE=${certFile}`,
      ],
    ])('refuses %s, never showing the key', (_case, files, message) => {
      const [cert, key] = files();

      const error = expectRefused(
        { AUTH_JWT_SECRET: SECRET, TLS_CERT_FILE: cert, TLS_KEY_FILE: key },
        message(),
      );

      expect(error.message).toBe(`Invalid configuration: ${message()}`);
    });
  });
});
