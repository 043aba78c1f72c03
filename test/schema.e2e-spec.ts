import { startTestApp, type TestApp } from './support/test-app.js';

describe('database schema', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('is built by the migrations at start, not by synchronize', async () => {
    expect(testApp.dataSource.options.synchronize).toBe(false);
    const applied = await testApp.dataSource.query<{ name: string }[]>(
      'SELECT name FROM migrations',
    );
    expect(applied.map((migration) => migration.name)).toEqual([
      'CreateRoleAssignmentRequests1764340000000',
      'CreateResources1764400000000',
      'CreateSubjects1764400000100',
      'CreateRoleDefinitions1764400000200',
      'CreateRoleSettings1764400000300',
      'CreateRoleAssignments1764400000400',
      'CreateRoleAssignmentRequestIndexes1764400000500',
      'AddAuditEventReason1764400000600',
      'CreateLifecycleIndexes1764400000700',
      'CreateRoleSettingAuditEvents1764400000900',
    ]);
    expect(await testApp.dataSource.showMigrations()).toBe(false);
  });

  it('matches the entities exactly: schema sync would change nothing', async () => {
    const pending = await testApp.dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('indexes the audit lookups of a request', async () => {
    const queryRunner = testApp.dataSource.createQueryRunner();
    try {
      const table = await queryRunner.getTable(
        'role_assignment_request_audit_events',
      );
      expect(table?.indices.map((index) => index.name)).toContain(
        'IX_role_assignment_request_audit_events_request',
      );
    } finally {
      await queryRunner.release();
    }
  });

  it('is left alone with DB_MIGRATE=false: migrations are then a deploy step of their own', async () => {
    const unmigrated = await startTestApp({ DB_MIGRATE: 'false' });
    try {
      expect(await unmigrated.dataSource.showMigrations()).toBe(true);
      const queryRunner = unmigrated.dataSource.createQueryRunner();
      try {
        expect(await queryRunner.hasTable('role_assignment_requests')).toBe(
          false,
        );
      } finally {
        await queryRunner.release();
      }
    } finally {
      await unmigrated.close();
    }
  });
});
