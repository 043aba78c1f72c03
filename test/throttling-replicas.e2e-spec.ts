import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { LogCapture } from './support/log-capture.js';
import { REQUESTS_PATH } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeOnPostgres } from './support/test-database.js';
import { userToken } from './support/tokens.js';

const LIMIT = 4;
const WINDOW_SECONDS = 60;
const THROTTLE = {
  THROTTLE_LIMIT: String(LIMIT),
  THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
};
/**
 * The Redis the replicas share, when one is given: like the PostgreSQL project, these run where
 * the suite is told of one (.ci/run sets it), so that `npm test` needs no Redis.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? '';
const describeWithRedis = REDIS_URL ? describe : describe.skip;

/** A replica would start without its Redis (and count in its process): say what is missing. */
async function expectRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `These tests need Redis at ${REDIS_URL} (TEST_REDIS_URL): start one with redis-server --daemonize yes`,
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
}

/**
 * A user of its own for each test: its key in the shared store (tenant and caller) is new, so
 * neither tests nor runs of the suite on the same Redis share a count.
 */
function newCallerToken(): string {
  return userToken(undefined, { objectId: randomUUID() });
}

function get(replica: TestApp, token: string) {
  return request(replica.server)
    .get(`${REQUESTS_PATH}/${randomUUID()}`)
    .set('Authorization', `Bearer ${token}`);
}

/**
 * THROTTLE_LIMIT calls spread over both replicas go through; the next is refused by either,
 * in Graph's shape, with a Retry-After within the window.
 */
async function expectOneLimitForBoth(
  first: TestApp,
  second: TestApp,
): Promise<void> {
  const token = newCallerToken();
  for (let call = 0; call < LIMIT; call += 1) {
    const replica = call % 2 === 0 ? first : second;
    expect((await get(replica, token)).status).toBe(400);
  }

  for (const replica of [first, second, first]) {
    const refused = await get(replica, token);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(JSON.parse(refused.text).error).toMatchObject({
      code: 'TooManyRequests',
      message: `Too many requests: a caller may make ${LIMIT} requests every ${WINDOW_SECONDS} seconds. Retry after ${retryAfter} seconds.`,
    });
  }
  expect((await get(second, newCallerToken())).status).toBe(400);
}

describeOnPostgres(
  'throttling on two replicas of one PostgreSQL, without Redis',
  () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      first = await startTestApp(THROTTLE);
      second = await startTestApp({
        ...THROTTLE,
        DATABASE_URL: first.databaseUrl,
      });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    it('holds THROTTLE_LIMIT for the pair, counted in the shared database', async () => {
      await expectOneLimitForBoth(first, second);

      const [{ callers }] = await first.dataSource.query<{ callers: string }[]>(
        'SELECT count(*) AS callers FROM throttle_counts',
      );
      // The caller refused three times and the one that made a single call.
      expect(Number(callers)).toBe(2);
      // Unlogged: a count costs no WAL record and no fsync.
      const [{ persistence }] = await first.dataSource.query<
        { persistence: string }[]
      >(
        "SELECT relpersistence AS persistence FROM pg_class WHERE oid = 'throttle_counts'::regclass",
      );
      expect(persistence).toBe('u');
    });

    it('holds it when the calls of both replicas arrive at once', async () => {
      const token = newCallerToken();

      const statuses = await Promise.all(
        Array.from({ length: LIMIT * 3 }, (_, call) =>
          get(call % 2 === 0 ? first : second, token).then(
            (response) => response.status,
          ),
        ),
      );

      expect(statuses.filter((status) => status === 400)).toHaveLength(LIMIT);
      expect(statuses.filter((status) => status === 429)).toHaveLength(
        LIMIT * 2,
      );
    });
  },
);

describeWithRedis('throttling on two replicas with REDIS_URL', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    await expectRedis();
    // Each on a database of its own: Redis alone is what they share.
    first = await startTestApp({ ...THROTTLE, REDIS_URL });
    second = await startTestApp({ ...THROTTLE, REDIS_URL });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('holds THROTTLE_LIMIT for the pair', async () => {
    await expectOneLimitForBoth(first, second);
  });
});

describe('throttling while its Redis does not answer', () => {
  const log = new LogCapture();
  let replica: TestApp;

  beforeAll(async () => {
    // Port 1: nothing listens there.
    replica = await startTestApp(
      { ...THROTTLE, REDIS_URL: 'redis://127.0.0.1:1' },
      { logDestination: log },
    );
  });
  afterAll(() => replica?.close());

  it('starts, serves, and counts THROTTLE_LIMIT in the process instead: never a 5xx', async () => {
    const token = newCallerToken();
    for (let call = 0; call < LIMIT; call += 1) {
      expect((await get(replica, token)).status).toBe(400);
    }

    expect((await get(replica, token)).status).toBe(429);
    expect(
      log
        .entries()
        .filter((entry) => entry.level === 'error')
        .map((entry) => entry.msg),
    ).toEqual([
      'Redis (REDIS_URL) does not answer at start; counting in this process until it does: connect ECONNREFUSED 127.0.0.1:1',
      "The throttle's store (Redis) failed; counting in this process until it answers again: Error: Redis connection is not ready",
    ]);
  });
});
