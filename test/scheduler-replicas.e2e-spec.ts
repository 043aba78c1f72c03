import { jest } from '@jest/globals';
import request from 'supertest';
import { SqlClient } from '../src/database/sql-client.js';
import { RoleAssignmentEntity } from '../src/privileged-access/azure-resources/role-assignments/role-assignment.entity.js';
import { RoleAssignmentRequestScheduler } from '../src/privileged-access/azure-resources/role-assignment-requests/scheduling/role-assignment-request.scheduler.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeOnPostgres } from './support/test-database.js';
import { appToken } from './support/tokens.js';

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

describeOnPostgres(
  'staged steps on two instances of the app on one PostgreSQL: the audit in the order of the changes',
  () => {
    const STAGED = { REQUEST_PROCESSING: 'staged' };
    const START = new Date('2026-12-01T08:00:00.000Z').getTime();
    let first: TestApp;
    let second: TestApp;
    let readings = 0;

    beforeAll(async () => {
      first = await startTestApp(STAGED);
      second = await startTestApp({
        ...STAGED,
        DATABASE_URL: first.databaseUrl,
      });
      // One clock for both instances, a second later at each reading: every reading is a
      // distinct moment, so a stamp tells when the clock was read.
      for (const app of [first, second]) {
        jest
          .spyOn(app.clock, 'now')
          .mockImplementation(() => new Date(START + ++readings * 1000));
      }
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    const runOn = (app: TestApp) =>
      app.app.get(RoleAssignmentRequestScheduler).runOnce();

    it('a run that began before the other instance moved a request stamps its own step after that move', async () => {
      const staged = aRequest({
        status: 'InProgress',
        subStatus: 'Accepted',
        statusDetails: [],
        scheduleStartDateTime: new Date(START - 3_600_000),
        scheduleEndDateTime: new Date(START + 8 * 3_600_000),
      });
      await storeRequests(first.dataSource, staged);
      // The first instance's run reads the clock, then waits at its first query while the
      // second instance's run moves the request a step.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const sql = first.app.get(SqlClient);
      const rows = sql.rows.bind(sql);
      jest
        .spyOn(sql, 'rows')
        .mockImplementationOnce(async (text, parameters) => {
          await gate;
          return rows(text, parameters);
        });
      const held = runOn(first);
      await runOn(second);
      release();
      await held;
      for (const app of [second, first, second, first]) {
        await runOn(app);
      }

      const listed = await request(first.server)
        .get(`${REQUESTS_PATH}/${staged.id}/auditEvents`)
        .set('Authorization', `Bearer ${appToken()}`);

      expect(listed.status).toBe(200);
      const events = listed.body.value as {
        fromSubStatus: string;
        toSubStatus: string;
        occurredDateTime: string;
      }[];
      expect(events.map((event) => event.toSubStatus).slice(0, 4)).toEqual([
        'PendingEvaluation',
        'Granted',
        'PendingProvisioning',
        'ProvisioningStarted',
      ]);
      expect(events).toHaveLength(5);
      events.slice(1).forEach((event, index) => {
        expect(event.fromSubStatus).toBe(events[index].toSubStatus);
        expect(Date.parse(event.occurredDateTime)).toBeGreaterThan(
          Date.parse(events[index].occurredDateTime),
        );
      });
    });

    it('lists the events of one time in the order of the changes', async () => {
      const frozen = new Date(START);
      for (const app of [first, second]) {
        jest.spyOn(app.clock, 'now').mockImplementation(() => frozen);
      }
      const staged = aRequest({
        status: 'InProgress',
        subStatus: 'Accepted',
        statusDetails: [],
        scheduleStartDateTime: new Date(START - 3_600_000),
        scheduleEndDateTime: new Date(START + 8 * 3_600_000),
      });
      await storeRequests(first.dataSource, staged);
      for (const app of [first, second, first, second, first]) {
        await runOn(app);
      }

      const listed = await request(second.server)
        .get(`${REQUESTS_PATH}/${staged.id}/auditEvents`)
        .set('Authorization', `Bearer ${appToken()}`);

      expect(listed.status).toBe(200);
      const events = listed.body.value as {
        fromSubStatus: string;
        toSubStatus: string;
        occurredDateTime: string;
        sequence: number;
      }[];
      expect(events.map((event) => event.fromSubStatus)).toEqual([
        'Accepted',
        'PendingEvaluation',
        'Granted',
        'PendingProvisioning',
        'ProvisioningStarted',
      ]);
      expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(events.map((event) => event.occurredDateTime))).toEqual(
        new Set([frozen.toISOString()]),
      );
    });
  },
);
