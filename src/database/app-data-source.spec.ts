import pg from 'pg';
import { AppDataSource } from './app-data-source.js';

describe('AppDataSource', () => {
  // In a time zone such as Europe/Berlin, pg wrote 0050-06-15T10:20:30Z as
  // 0050-06-15T11:13:58+00:53: stored 28 seconds late.
  it('has pg write instants to PostgreSQL in UTC, whatever the machine’s time zone', () => {
    new AppDataSource({ type: 'postgres', url: 'postgres://127.0.0.1/none' });

    expect(pg.defaults.parseInputDatesAsUTC).toBe(true);
  });
});
