import { Injectable } from '@nestjs/common';
import { LAST_STORABLE_INSTANT } from '../values/storable-values.js';

/**
 * The one source of "now", so that tests and the emulator's control API can move time. It runs
 * with the system clock, shifted by what the emulator set (nothing, unless it did).
 */
@Injectable()
export class Clock {
  private offsetMilliseconds = 0;

  /**
   * Stops at 9999-12-31T23:59:59.999Z, the last storable instant: set close to it, the clock
   * would run on into the year 10000, and what it stamps (requests, audit events, the end of a
   * removed assignment) would be stored outside the storable years, as the year 0000 on SQLite.
   */
  now(): Date {
    return new Date(
      Math.min(
        Date.now() + this.offsetMilliseconds,
        LAST_STORABLE_INSTANT.getTime(),
      ),
    );
  }

  /** How far this clock is from the system's, in milliseconds. */
  get offset(): number {
    return this.offsetMilliseconds;
  }

  /** From now on, time runs from `moment`. */
  setTo(moment: Date): void {
    this.offsetMilliseconds = moment.getTime() - Date.now();
  }

  advanceBy(milliseconds: number): void {
    this.offsetMilliseconds += milliseconds;
  }
}
