import { Logger, type LoggerService } from '@nestjs/common';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { FixedWindowCounter } from './fixed-window-counter.js';
import { SharedWindowCounter } from './shared-window-counter.js';

const LIMIT = 2;
const WINDOW_SECONDS = 60;

/** A store that fails while `down` is set, and counts in memory otherwise. */
class FlakyStore {
  down = false;
  private readonly counts = new RateLimiterMemory({
    points: LIMIT,
    duration: WINDOW_SECONDS,
  });

  consume(key: string) {
    return this.down
      ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'))
      : this.counts.consume(key);
  }
}

function counterOn(store: FlakyStore | RateLimiterAbstract) {
  return new SharedWindowCounter(
    store as RateLimiterAbstract,
    LIMIT,
    new FixedWindowCounter(WINDOW_SECONDS * 1000),
    'Redis',
  );
}

describe('SharedWindowCounter', () => {
  const errors: string[] = [];
  const messages: string[] = [];

  beforeAll(() => {
    const collector: LoggerService = {
      log: (message: unknown) => void messages.push(String(message)),
      error: (message: unknown) => void errors.push(String(message)),
      warn: () => undefined,
    };
    Logger.overrideLogger(collector);
  });
  afterAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => {
    errors.length = 0;
    messages.length = 0;
  });

  it("answers the store's count and the seconds left of the window", async () => {
    const counter = counterOn(new FlakyStore());

    expect(await counter.hit('a')).toEqual({ hits: 1, secondsLeft: 60 });
    expect(await counter.hit('a')).toEqual({ hits: 2, secondsLeft: 60 });
    expect(await counter.hit('b')).toEqual({ hits: 1, secondsLeft: 60 });
  });

  it('answers a count over the limit for a key the store refuses', async () => {
    const counter = counterOn(new FlakyStore());
    await counter.hit('a');
    await counter.hit('a');

    expect(await counter.hit('a')).toEqual({ hits: 3, secondsLeft: 60 });
  });

  it("answers a count over the limit for a key refused from the replica's memory, which carries no count", async () => {
    const blocked = {
      // rate-limiter-flexible rejects with the key's state, not an Error, when it refuses.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      consume: () => Promise.reject(new RateLimiterRes(0, 41_500)),
    };

    expect(
      await counterOn(blocked as unknown as RateLimiterAbstract).hit('a'),
    ).toEqual({
      hits: LIMIT + 1,
      secondsLeft: 42,
    });
  });

  it('counts in the process while the store fails, logs the outage and its end once each, and never throws', async () => {
    const store = new FlakyStore();
    const counter = counterOn(store);
    store.down = true;

    expect(await counter.hit('a')).toEqual({ hits: 1, secondsLeft: 60 });
    expect(await counter.hit('a')).toEqual({ hits: 2, secondsLeft: 60 });
    expect(await counter.hit('a')).toEqual({ hits: 3, secondsLeft: 60 });
    expect(errors).toEqual([
      "The throttle's store (Redis) failed; counting in this process until it answers again: Error: connect ECONNREFUSED 127.0.0.1:6379",
    ]);

    store.down = false;
    expect(await counter.hit('a')).toEqual({ hits: 1, secondsLeft: 60 });
    await counter.hit('a');
    expect(messages).toEqual([
      "The throttle's store (Redis) answers again; counting there",
    ]);
    expect(errors).toHaveLength(1);
  });
});
