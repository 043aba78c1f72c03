import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, throwError } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import { DependencyUnavailableError } from '../errors/dependency-unavailable.error.js';
import { DatabaseFailureInterceptor } from './database-failure.interceptor.js';

function failureOf(error: unknown): Promise<unknown> {
  const handler: CallHandler = { handle: () => throwError(() => error) };
  return firstValueFrom(
    new DatabaseFailureInterceptor().intercept({} as ExecutionContext, handler),
  ).catch((thrown: unknown) => thrown);
}

describe('DatabaseFailureInterceptor', () => {
  it('hands on a locked SQLite database as DependencyUnavailableError, the driver error as its cause', async () => {
    const driverError = Object.assign(new Error('database is locked'), {
      code: 'SQLITE_BUSY',
    });
    const failure = new QueryFailedError(
      'UPDATE x SET y = ?',
      [1],
      driverError,
    );

    const thrown = await failureOf(failure);

    expect(thrown).toBeInstanceOf(DependencyUnavailableError);
    expect((thrown as Error).cause).toBe(failure);
  });

  it('hands on a refused PostgreSQL connection the same way', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });

    expect(await failureOf(refused)).toBeInstanceOf(DependencyUnavailableError);
  });

  it('lets a broken statement and any other failure pass unchanged', async () => {
    const broken = new QueryFailedError(
      'SELECT nope',
      [],
      Object.assign(new Error('no such column'), { code: 'SQLITE_ERROR' }),
    );
    const other = new Error('a rule refused it');

    expect(await failureOf(broken)).toBe(broken);
    expect(await failureOf(other)).toBe(other);
  });
});
