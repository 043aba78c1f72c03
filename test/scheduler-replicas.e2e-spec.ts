import { jest } from '@jest/globals';
import { RoleAssignmentEntity } from '../src/privileged-access/azure-resources/role-assignments/role-assignment.entity.js';
import { RoleAssignmentRequestScheduler } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.scheduler.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  storeRequests,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeOnPostgres } from './support/test-database.js';

const DUE = 40;

/**
 * PostgreSQL only, as test/replicas.e2e-spec.ts: replicas share a PostgreSQL database, not a
 * SQLite file (and two apps in one process on one SQLite file would wait on each other's locks
 * inside the synchronous driver).
 */
describeOnPostgres(
  'the scheduler on two instances of the app on one PostgreSQL',
  () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      first = await startTestApp();
      second = await startTestApp({ DATABASE_URL: first.databaseUrl });
      const now = new Date('2026-12-01T08:00:00.000Z');
      for (const app of [first, second]) {
        jest.spyOn(app.clock, 'now').mockImplementation(() => now);
      }
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    it('provisions each due request exactly once, whichever instance claims it', async () => {
      const due = Array.from({ length: DUE }, () =>
        aRequest({
          status: 'InProgress',
          subStatus: 'Granted',
          scheduleStartDateTime: new Date('2026-12-01T07:00:00.000Z'),
          scheduleEndDateTime: new Date('2026-12-01T15:00:00.000Z'),
        }),
      );
      await storeRequests(first.dataSource, ...due);

      const runs = await Promise.all(
        [first, second, first, second].map((app) =>
          app.app.get(RoleAssignmentRequestScheduler).runOnce(),
        ),
      );

      expect(runs.reduce((sum, run) => sum + run.provisioned, 0)).toBe(DUE);
      for (const request of due) {
        expect(
          await findStoredRequest(second.dataSource, request.id),
        ).toMatchObject({ subStatus: 'Provisioned' });
        expect(
          (await auditEventsOf(first.dataSource, request.id)).map(
            (event) => event.action,
          ),
        ).toEqual(['Provision']);
      }
      expect(
        await first.dataSource.getRepository(RoleAssignmentEntity).count(),
      ).toBe(DUE);
    });
  },
);
