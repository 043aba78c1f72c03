import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { DependencyUnavailableError } from '../errors/dependency-unavailable.error.js';
import { isDatabaseUnavailable } from './database-errors.js';

/**
 * Hands the API surfaces a database that cannot serve now (unreachable, locked, full, read-only)
 * as the error they know, so that none of them reads driver errors; other failures pass as they
 * are.
 */
@Injectable()
export class DatabaseFailureInterceptor implements NestInterceptor {
  intercept(
    _context: ExecutionContext,
    next: CallHandler,
  ): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            isDatabaseUnavailable(error)
              ? new DependencyUnavailableError({ cause: error })
              : error,
          ),
        ),
      );
  }
}
