import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
} from 'class-validator';

export const REQUEST_PROCESSING_MODES = ['immediate', 'staged'] as const;
export type RequestProcessing = (typeof REQUEST_PROCESSING_MODES)[number];

/**
 * Digits only become a number; anything else ("0x10", "1e3", " ") stays a string, so that
 * @IsInt() refuses it with the variable's name.
 */
function WholeNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );
}

/** "true" or "false" become booleans; anything else stays, for @IsBoolean() to refuse by name. */
function BooleanVariable(): PropertyDecorator {
  const fromText = Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );
  const isBoolean = IsBoolean({
    message: ({ property }) => `${property} must be true or false`,
  });
  return (target, property) => {
    fromText(target, property);
    isBoolean(target, property);
  };
}

const ENVIRONMENTS = ['production', 'development', 'test'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment variables the service reads; class-validator names each one in its messages. */
export class EnvironmentVariables {
  @Expose()
  @IsOptional()
  @IsIn(ENVIRONMENTS)
  NODE_ENV?: Environment;

  @Expose()
  @IsOptional()
  @IsString()
  HOST?: string;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @Expose()
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_SIZE?: number;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(10000)
  DB_PREPARED_STATEMENTS?: number;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(60000)
  DB_BUSY_TIMEOUT_MS?: number;

  @Expose()
  @IsOptional()
  @BooleanVariable()
  DB_MIGRATE?: boolean;

  @Expose()
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  AUTH_JWKS_URI?: string;

  @Expose()
  @IsOptional()
  @MinLength(32, {
    message: 'AUTH_JWT_SECRET must be at least 32 characters long',
  })
  AUTH_JWT_SECRET?: string;

  @Expose()
  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  @Expose()
  @IsOptional()
  @IsString()
  AUTH_RESOURCE_MANAGER_AUDIENCE?: string;

  @Expose()
  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @Expose()
  @IsOptional()
  @IsString()
  AUTH_ALLOWED_TENANTS?: string;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(600)
  AUTH_CLOCK_TOLERANCE_SECONDS?: number;

  @Expose()
  @IsOptional()
  @IsString()
  SEED_FILE?: string;

  @Expose()
  @IsOptional()
  @BooleanVariable()
  SEED_EXAMPLE?: boolean;

  @Expose()
  @IsOptional()
  @BooleanVariable()
  EMULATOR?: boolean;

  @Expose()
  @IsOptional()
  @BooleanVariable()
  EMULATOR_RECORD_BODIES?: boolean;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  EMULATOR_RECORDED_BODY_BYTES?: number;

  @Expose()
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  PUBLIC_BASE_URL?: string;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1024)
  MAX_REQUEST_BODY_BYTES?: number;

  /** With TLS_KEY_FILE: the server speaks HTTPS (PEM certificate, its chain after it). */
  @Expose()
  @IsOptional()
  @IsString()
  TLS_CERT_FILE?: string;

  @Expose()
  @IsOptional()
  @IsString()
  TLS_KEY_FILE?: string;

  @Expose()
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevel;

  @Expose()
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_REQUEST_TIMEOUT_SECONDS?: number;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_HEADERS_TIMEOUT_SECONDS?: number;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS?: number;

  @Expose()
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(600)
  SHUTDOWN_GRACE_SECONDS?: number;

  /** How often the request lifecycle's scheduler runs; 0 turns it off. */
  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(86400)
  SCHEDULER_INTERVAL_SECONDS?: number;

  /** How long a request may wait for a decision before it times out. */
  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(8760)
  REQUEST_PENDING_TIMEOUT_HOURS?: number;

  /** Whether requests are decided and provisioned at once or step by step (see LifecycleConfig). */
  @Expose()
  @IsOptional()
  @IsIn(REQUEST_PROCESSING_MODES)
  REQUEST_PROCESSING?: RequestProcessing;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(0)
  THROTTLE_LIMIT?: number;

  @Expose()
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(86400)
  THROTTLE_WINDOW_SECONDS?: number;

  /** Set: the throttle counts in this Redis, shared by every replica that names it. */
  @Expose()
  @IsOptional()
  @IsUrl(
    {
      require_tld: false,
      require_protocol: true,
      protocols: ['redis', 'rediss'],
    },
    {
      message:
        'REDIS_URL must look like redis://host:6379 or rediss://user:password@host:6380/0',
    },
  )
  REDIS_URL?: string;
}
