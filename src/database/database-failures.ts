import { Injectable } from '@nestjs/common';
import { DependencyFailures } from '../errors/dependency-failures.js';
import { isDatabaseUnavailable } from './database-errors.js';

/** The database's failures that a later call may not meet: unreachable, locked, full, read-only. */
@Injectable()
export class DatabaseFailures extends DependencyFailures {
  isUnavailable(error: unknown): boolean {
    return isDatabaseUnavailable(error);
  }
}
