import { Injectable } from '@nestjs/common';

/** The one source of "now", so that tests (and later the emulator) can move time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
