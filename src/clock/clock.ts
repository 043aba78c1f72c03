import { Injectable } from '@nestjs/common';

/**
 * The one source of "now", so that tests and the emulator's control API can move time. It runs
 * with the system clock, shifted by what the emulator set (nothing, unless it did).
 */
@Injectable()
export class Clock {
  private offsetMilliseconds = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMilliseconds);
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
