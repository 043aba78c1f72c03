import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  type IRateLimiterStoreOptions,
  RateLimiterPostgres,
  RateLimiterRedis,
} from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { FixedWindowCounter } from './fixed-window-counter.js';
import { SharedWindowCounter } from './shared-window-counter.js';
import type { WindowCounter } from './window-counter.js';

/** The table of CreateThrottleCounts1764400001710, found through the connection's search_path. */
const POSTGRES_TABLE = 'throttle_counts';
/** How long a request waits for Redis before it is counted in this process instead. */
const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * Where the throttle counts: in Redis when REDIS_URL is set, else in the service's PostgreSQL
 * when it runs on one (no new infrastructure), else in this process (SQLite serves one process).
 */
export async function createWindowCounter(
  config: AppConfig,
  dataSource: DataSource,
): Promise<WindowCounter> {
  const { limit, windowSeconds, redisUrl } = config.throttle;
  const local = new FixedWindowCounter(windowSeconds * 1000);
  if (limit === 0) {
    // Nothing is counted (CallerThrottleGuard): no connection to open.
    return local;
  }
  const options: Omit<IRateLimiterStoreOptions, 'storeClient'> = {
    points: limit,
    duration: windowSeconds,
    keyPrefix: 'pim-throttle',
    // A caller over the limit is refused from memory for the rest of its window: a caller
    // retrying in a loop costs the store nothing.
    inMemoryBlockOnConsumed: limit + 1,
  };
  if (redisUrl) {
    const redis = await connectToRedis(redisUrl);
    return new SharedWindowCounter(
      new RateLimiterRedis({
        ...options,
        storeClient: redis,
        // While disconnected, fail at once without sending a command (nor arming its timeout).
        rejectIfRedisNotReady: true,
      }),
      limit,
      local,
      'Redis',
      async () => {
        // Only a connected client can send QUIT; another stops reconnecting at once.
        if (redis.status === 'ready') {
          await redis.quit();
        } else {
          redis.disconnect();
        }
      },
    );
  }
  if (config.database.type === 'postgres') {
    return new SharedWindowCounter(
      new RateLimiterPostgres({
        ...options,
        // The pool is looked up at each call, as SqlClient does.
        storeClient: dataSource,
        storeType: 'typeorm',
        tableName: POSTGRES_TABLE,
        tableCreated: true,
      }),
      limit,
      local,
      'PostgreSQL',
    );
  }
  return local;
}

/**
 * A Redis client that fails a command at once while it is disconnected, instead of queueing it
 * (the request is then counted in this process), and reconnects on its own. The start waits for
 * the first connection or its failure, so that the first requests are counted in Redis.
 */
async function connectToRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // A stopping replica waits this long for the socket of a Redis that does not answer.
    disconnectTimeout: REDIS_COMMAND_TIMEOUT_MS / 4,
  });
  // ioredis reconnects on its own and emits an error at every attempt: the counter logs an
  // outage once, when a request meets it.
  redis.on('error', () => undefined);
  await new Promise<void>((settled) => {
    redis.once('ready', () => settled());
    redis.once('error', (error: Error) => {
      new Logger('ThrottleStore').error(
        `Redis (REDIS_URL) does not answer at start; counting in this process until it does: ${error.message}`,
      );
      settled();
    });
  });
  return redis;
}
