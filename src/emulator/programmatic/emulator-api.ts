import type { DevelopmentTokenOptions } from '../../auth/development-token.js';

/*
 * The package's public types (its dist/index.d.ts), apart from the implementation: their
 * declarations are built from this file alone (scripts/build.mjs).
 */

/** The tenant of an emulator started without `tenantId`. */
export const EMULATOR_TENANT_ID = '0e0e0e0e-0000-4000-8000-00000000000e';
/** The user of tokens minted without `objectId`. */
export const EMULATOR_USER_ID = '0e0e0e0e-0000-4000-8000-0000000000a1';

export interface EmulatorOptions {
  /** Serve HTTPS with a generated certificate (its PEM is `ca`). Default: HTTP. */
  readonly https?: boolean;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The tenant that `token()`, `seed()` and `reset()` act on by default. */
  readonly tenantId?: string;
  /**
   * Configuration variables (README, "Configuration"), e.g. `DATABASE_URL` (default an
   * in-memory SQLite database) or `REQUEST_PROCESSING`. The process's environment is not read.
   */
  readonly env?: Readonly<Record<string, string>>;
}

/** The application (client) id of tokens minted with `appRoles` and without `applicationId`. */
export const EMULATOR_APP_ID = '0e0e0e0e-0000-4000-8000-0000000000a9';

/**
 * What `token()` puts in a token: by default a user (EMULATOR_USER_ID) of the emulator's tenant
 * with PrivilegedAccess.ReadWrite.AzureResources; `appRoles` makes an application token instead.
 */
export type EmulatorTokenClaims = Partial<DevelopmentTokenOptions>;

export interface EmulatorClock {
  now(): Date;
  /** Sets the clock, then runs the time-driven transitions once. */
  set(moment: Date | string): Promise<void>;
  /** Moves the clock (back when negative), then runs the time-driven transitions once. */
  advance(seconds: number): Promise<void>;
}

export interface Emulator {
  /** Where it listens, without a trailing slash: Graph at `${url}/beta`. */
  readonly url: string;
  /** The certificate to trust (PEM) when started with `https`. */
  readonly ca?: string;
  readonly tenantId: string;
  /** A bearer token the emulator accepts. */
  token(claims?: EmulatorTokenClaims): string;
  /** Loads a seed document (docs/seeding.md) into the tenant. */
  seed(document: Record<string, unknown>): Promise<EmulatorSeedSummary>;
  /** Empties the tenant (data, faults, recorded calls), then loads `seed` if given. */
  reset(seed?: Record<string, unknown>): Promise<EmulatorResetSummary>;
  readonly clock: EmulatorClock;
  close(): Promise<void>;
}

/** What `seed()` loaded: records per collection. */
export type EmulatorSeedSummary = Record<string, number>;

export interface EmulatorResetSummary {
  /** Records deleted per collection. */
  readonly deleted: Record<string, number>;
  readonly seeded: EmulatorSeedSummary;
}

export type StartEmulator = (options?: EmulatorOptions) => Promise<Emulator>;
