import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { loadAppConfig } from '../src/config/app-config.js';
import { AppDataSource } from '../src/database/app-data-source.js';
import { buildDataSourceOptions } from '../src/database/database-options.js';
import { MIGRATIONS } from '../src/migrations.js';
import { KeyRoleAssignmentRequestsByTenant1764400001000 } from '../src/privileged-access/azure-resources/role-assignment-requests/migrations/1764400001000-key-role-assignment-requests-by-tenant.js';
import { NumberAuditEventsPerSetting1764400001200 } from '../src/privileged-access/azure-resources/role-settings/migrations/1764400001200-number-audit-events-per-setting.js';
import { RoleAssignmentRequestAuditEventEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request-audit-event.entity.js';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import {
  aRequest,
  REQUESTS_PATH,
  storedRequestsWithId,
  storeRequests,
} from './support/requests.js';
import { createTestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  appToken,
  TENANT_A,
  TENANT_B,
  TEST_JWT_SECRET,
  USER_A,
} from './support/tokens.js';

/** The columns of a table's primary key, in the key's order. */
async function primaryKeyOf(
  dataSource: DataSource,
  table: string,
): Promise<string[]> {
  const rows = await dataSource.query<{ name: string }[]>(
    dataSource.options.type === 'postgres'
      ? `SELECT a.attname AS name FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = $1::regclass AND i.indisprimary
          ORDER BY array_position(i.indkey::int2[], a.attnum)`
      : 'SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk',
    [table],
  );
  return rows.map((row) => row.name);
}

async function indexNamesOf(dataSource: DataSource, table: string) {
  const queryRunner = dataSource.createQueryRunner();
  try {
    return ((await queryRunner.getTable(table))?.indices ?? []).map(
      (index) => index.name,
    );
  } finally {
    await queryRunner.release();
  }
}

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
      'KeyRoleAssignmentRequestsByTenant1764400001000',
      'NumberAuditEventsPerRequest1764400001100',
      'NumberAuditEventsPerSetting1764400001200',
      'CreateDatabaseWriteProbes1764400001300',
      'AddRequestTicketAndCondition1764400001400',
      'RecordTheApiOfRequestAuditEvents1764400001500',
      'RecordTheApiOfSettingAuditEvents1764400001600',
      'CreateThrottleCounts1764400001710',
      'CreateIdentityClients1764400001800',
    ]);
    expect(await testApp.dataSource.showMigrations()).toBe(false);
  });

  it('matches the entities exactly: schema sync would change nothing', async () => {
    const pending = await testApp.dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('keys requests by (tenant_id, id), in that order, as every other table', async () => {
    expect(
      await primaryKeyOf(testApp.dataSource, 'role_assignment_requests'),
    ).toEqual(['tenant_id', 'id']);
    expect(await primaryKeyOf(testApp.dataSource, 'role_assignments')).toEqual([
      'tenant_id',
      'id',
    ]);
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

/** The request columns of AddRequestTicketAndCondition1764400001400, after the rekeying. */
const COLUMNS_ADDED_SINCE = [
  'ticketNumber',
  'ticketSystem',
  'condition',
  'conditionVersion',
];

describe('KeyRoleAssignmentRequestsByTenant1764400001000 on a database of the migrations before it', () => {
  const EXAMPLE = '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee';
  const EARLIER = MIGRATIONS.slice(
    0,
    MIGRATIONS.indexOf(KeyRoleAssignmentRequestsByTenant1764400001000),
  );
  let directory: string;
  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'pim-rekey-'));
    const database = await createTestDatabase(directory);
    databaseUrl = database.url;
    dropDatabase = () => database.drop();
  });
  afterAll(async () => {
    await dropDatabase();
    rmSync(directory, { recursive: true, force: true });
  });

  /** A DataSource of the two request tables on the database, with these migrations. */
  function requestTables(migrations: typeof MIGRATIONS): AppDataSource {
    const config = loadAppConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
      },
      { dataDirectory: directory },
    );
    return new AppDataSource({
      ...buildDataSourceOptions(config.database, migrations),
      entities: [
        RoleAssignmentRequestEntity,
        RoleAssignmentRequestAuditEventEntity,
      ],
    });
  }

  it('keeps the requests and audit events written before it, which the service then serves', async () => {
    const before = await requestTables(EARLIER).initialize();
    try {
      await before.runMigrations({ transaction: 'all' });
      expect(await primaryKeyOf(before, 'role_assignment_requests')).toEqual([
        'id',
      ]);
      // Only the columns of then: the entity has columns added since.
      const written = aRequest({ id: EXAMPLE, reason: 'written before' });
      await before
        .createQueryBuilder()
        .insert()
        .into(
          RoleAssignmentRequestEntity,
          Object.keys(written).filter(
            (property) => !COLUMNS_ADDED_SINCE.includes(property),
          ),
        )
        .values(written)
        .execute();
      // Only the columns of then: the entity has columns added since.
      await before
        .createQueryBuilder()
        .insert()
        .into(RoleAssignmentRequestAuditEventEntity, [
          'id',
          'tenantId',
          'requestId',
          'action',
          'actorId',
          'actorType',
          'occurredDateTime',
          'fromSubStatus',
          'toSubStatus',
          'httpRequestId',
          'clientRequestId',
          'reason',
        ])
        .values({
          id: 'a0d17e00-0000-4000-8000-000000000001',
          tenantId: TENANT_A,
          requestId: EXAMPLE,
          action: 'Create',
          actorId: USER_A,
          actorType: 'User',
          occurredDateTime: new Date('2026-11-28T09:00:00.000Z'),
          fromSubStatus: 'PendingApproval',
          toSubStatus: 'PendingApproval',
          httpRequestId: 'a0d17e00-0000-4000-8000-000000000002',
          clientRequestId: 'written before',
          reason: null,
        })
        .execute();
    } finally {
      await before.destroy();
    }

    const upgraded = await startTestApp({ DATABASE_URL: databaseUrl });
    try {
      const get = (suffix = '') =>
        request(upgraded.server)
          .get(`${REQUESTS_PATH}/${EXAMPLE}${suffix}`)
          .set('Authorization', `Bearer ${appToken()}`);
      const stored = await get();
      expect(stored.status).toBe(200);
      expect(stored.body).toMatchObject({
        reason: 'written before',
        status: { subStatus: 'PendingApproval' },
      });
      const audit = await get('/auditEvents');
      expect(audit.body.value).toEqual([
        expect.objectContaining({
          requestId: EXAMPLE,
          clientRequestId: 'written before',
          sequence: 1,
          // Every call before RecordTheApiOfRequestAuditEvents came through Graph.
          api: 'Graph',
        }),
      ]);
      expect(
        await primaryKeyOf(upgraded.dataSource, 'role_assignment_requests'),
      ).toEqual(['tenant_id', 'id']);
      expect(
        await indexNamesOf(upgraded.dataSource, 'role_assignment_requests'),
      ).not.toContain('IDX_role_assignment_requests_tenant_id');
      const pending = await upgraded.dataSource.driver
        .createSchemaBuilder()
        .log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);

      await storeRequests(
        upgraded.dataSource,
        aRequest({ id: EXAMPLE, tenantId: TENANT_B }),
      );
      expect(
        (await storedRequestsWithId(upgraded.dataSource, EXAMPLE)).map(
          (row) => row.tenantId,
        ),
      ).toEqual([TENANT_A, TENANT_B]);
    } finally {
      await upgraded.close();
    }
  });

  it('is undone back to the key of id alone, keeping the rows, while no id is in two tenants', async () => {
    const dataSource = await requestTables(MIGRATIONS).initialize();
    try {
      await dataSource
        .getRepository(RoleAssignmentRequestEntity)
        .delete({ tenantId: TENANT_B });

      // The migrations after it first, then it.
      const undone =
        MIGRATIONS.length -
        MIGRATIONS.indexOf(KeyRoleAssignmentRequestsByTenant1764400001000);
      for (let step = 0; step < undone; step += 1) {
        await dataSource.undoLastMigration({ transaction: 'all' });
      }

      expect(
        await primaryKeyOf(dataSource, 'role_assignment_requests'),
      ).toEqual(['id']);
      expect(
        await indexNamesOf(dataSource, 'role_assignment_requests'),
      ).toContain('IDX_role_assignment_requests_tenant_id');
      // The columns of then: the entity has columns added since.
      expect(
        await dataSource
          .createQueryBuilder()
          .select('r.tenant_id', 'tenant_id')
          .addSelect('r.reason', 'reason')
          .from('role_assignment_requests', 'r')
          .where('r.id = :id', { id: EXAMPLE })
          .getRawMany(),
      ).toEqual([{ tenant_id: TENANT_A, reason: 'written before' }]);

      await dataSource.runMigrations({ transaction: 'all' });

      expect(
        await primaryKeyOf(dataSource, 'role_assignment_requests'),
      ).toEqual(['tenant_id', 'id']);
      expect(await storedRequestsWithId(dataSource, EXAMPLE)).toHaveLength(1);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('NumberAuditEventsPerSetting1764400001200 on a database of the migrations before it', () => {
  const SETTING = 'a0d17e00-0000-4000-8000-00000000005e';
  let directory: string;
  let dropDatabase: () => Promise<void>;
  let databaseUrl: string;
  let dataSource: AppDataSource;

  /** The database, migrated by these migrations. */
  async function migratedBy(migrations: typeof MIGRATIONS) {
    const config = loadAppConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
      },
      { dataDirectory: directory },
    );
    const migrated = await new AppDataSource({
      ...buildDataSourceOptions(config.database, migrations),
      entities: [],
    }).initialize();
    await migrated.runMigrations({ transaction: 'all' });
    return migrated;
  }

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'pim-setting-audit-'));
    const database = await createTestDatabase(directory);
    databaseUrl = database.url;
    dropDatabase = () => database.drop();
    dataSource = await migratedBy(
      MIGRATIONS.slice(
        0,
        MIGRATIONS.indexOf(NumberAuditEventsPerSetting1764400001200),
      ),
    );
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Stores an event in the columns of then: its id's last digit, its tenant and its hour. */
  async function storeEventOfThen(
    digit: number,
    tenantId: string,
    hour: number,
  ) {
    const postgres = dataSource.options.type === 'postgres';
    const placeholders = Array.from({ length: 10 }, (_, index) =>
      postgres ? `$${index + 1}` : '?',
    );
    const at = new Date(Date.UTC(2026, 10, 28, hour)).toISOString();
    await dataSource.query(
      `INSERT INTO role_setting_audit_events (id, tenant_id, role_setting_id, actor_id, actor_type,
         occurred_date_time, http_request_id, client_request_id, rules_before, rules_after)
       VALUES (${placeholders.join(', ')})`,
      [
        `a0d17e00-0000-4000-8000-00000000000${digit}`,
        tenantId,
        SETTING,
        USER_A,
        'User',
        postgres ? at : at.replace('T', ' ').replace('Z', ''),
        `a0d17e00-0000-4000-8000-00000000010${digit}`,
        'written before',
        '{}',
        '{}',
      ],
    );
  }

  it("numbers the events written before it by their setting's order: time, then id", async () => {
    await storeEventOfThen(2, TENANT_A, 9);
    await storeEventOfThen(1, TENANT_A, 9);
    await storeEventOfThen(3, TENANT_A, 8);
    await storeEventOfThen(4, TENANT_B, 10);

    await dataSource.destroy();
    dataSource = await migratedBy(MIGRATIONS);

    const numbered = await dataSource.query<
      { id: string; tenant_id: string; sequence: number | string }[]
    >(
      'SELECT id, tenant_id, sequence FROM role_setting_audit_events ORDER BY tenant_id, sequence',
    );
    expect(
      numbered.map((event) => [
        event.tenant_id,
        event.id.slice(-1),
        Number(event.sequence),
      ]),
    ).toEqual([
      [TENANT_A, '3', 1],
      [TENANT_A, '1', 2],
      [TENANT_A, '2', 3],
      [TENANT_B, '4', 1],
    ]);
  });
});
