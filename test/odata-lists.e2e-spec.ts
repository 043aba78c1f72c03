import request from 'supertest';
import { ResourceEntity } from '../src/privileged-access/azure-resources/resources/resource.entity.js';
import {
  type Fixture,
  type FixtureRecord,
  fixtureId,
  RESOURCE,
  ROLE_ASSIGNMENT,
  ROLE_DEFINITION,
  SUBJECT,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import {
  appToken,
  READ,
  READ_WRITE,
  TENANT_B,
  userToken,
} from './support/tokens.js';

const ROOT = '/beta/privilegedAccess/azureResources';

type Predicate = (record: FixtureRecord) => boolean;

/** What the shared tests need to know of one module. */
interface ModuleCase {
  readonly collection: string;
  readonly entitySet: string;
  readonly notFoundCode: string;
  /** Tenant A's records of the collection (as seeded). */
  readonly records: (fixture: Fixture) => FixtureRecord[];
  /** `$filter` texts and the records each must select. */
  readonly filters: readonly [string, Predicate][];
  /** A non-nullable property to order by, and another to `$select`. */
  readonly orderBy: string;
  readonly selectable: string;
  /** Navigation properties and the id each record's expansion must have (null: none). */
  readonly navigations: Readonly<
    Record<string, (record: FixtureRecord) => string | null>
  >;
  /** True when the module answers `GET /resources/{id}/<collection>`. */
  readonly perResource: boolean;
  /** True when `GET <collection>/{id}` is this module's (not the requests' own route). */
  readonly entityRoute: boolean;
}

const field =
  (name: string) =>
  (record: FixtureRecord): string | null =>
    (record[name] as string | null | undefined) ?? null;
const subStatusOf = (record: FixtureRecord) =>
  (record.status as { subStatus: string }).subStatus;

const MODULES: readonly ModuleCase[] = [
  {
    collection: 'resources',
    entitySet: 'governanceResources',
    notFoundCode: 'ResourceNotFound',
    records: (fixture) => fixture.resources,
    filters: [
      ["status eq 'Locked'", (r) => r.status === 'Locked'],
      ["status ne 'Locked'", (r) => r.status !== 'Locked'],
      [
        "type eq 'resourcegroup' and not (status eq 'Locked')",
        (r) => r.type === 'resourcegroup' && r.status !== 'Locked',
      ],
      [
        "displayName eq 'rg-01' or displayName eq 'rg-02' and status eq 'Locked'",
        // `and` binds tighter than `or`: rg-02 is Active, so only rg-01.
        (r) => r.displayName === 'rg-01',
      ],
      [
        "(displayName eq 'rg-01' or displayName eq 'rg-03') and status eq 'Locked'",
        (r) => r.displayName === 'rg-03',
      ],
      [
        "displayName in ('rg-04', 'contoso production', 'nope')",
        (r) =>
          ['rg-04', 'contoso production'].includes(r.displayName as string),
      ],
      ['registeredDateTime eq null', (r) => r.registeredDateTime === null],
      ['registeredDateTime ne null', (r) => r.registeredDateTime !== null],
      [
        'registeredDateTime ge 2026-04-15T12:00:00Z',
        (r) =>
          r.registeredDateTime !== null &&
          (r.registeredDateTime as string) >= '2026-04-15T12:00:00Z',
      ],
      [
        'registeredDateTime lt 2026-03-01',
        (r) =>
          r.registeredDateTime !== null &&
          (r.registeredDateTime as string) < '2026-03-01',
      ],
      ["startswith(displayName,'RG-0')", (r) => r.type === 'resourcegroup'],
      ["endswith(displayName,'production')", (r) => r.type === 'subscription'],
      ["contains(displayName,'_')", () => false],
      [`id eq ${RESOURCE(2).toUpperCase()}`, (r) => r.id === RESOURCE(2)],
      [`id eq '${RESOURCE(3)}'`, (r) => r.id === RESOURCE(3)],
      [
        "displayName gt 'rg-04'",
        (r) => ['rg-05', 'rg-06'].includes(r.displayName as string),
      ],
      [
        "displayName le 'rg-02'",
        (r) =>
          ['rg-01', 'rg-02', 'contoso production'].includes(
            r.displayName as string,
          ),
      ],
    ],
    orderBy: 'displayName',
    selectable: 'displayName',
    navigations: { parent: field('parentId') },
    perResource: false,
    entityRoute: true,
  },
  {
    collection: 'roleDefinitions',
    entitySet: 'governanceRoleDefinitions',
    notFoundCode: 'RoleDefinitionNotFound',
    records: (fixture) => fixture.roleDefinitions,
    filters: [
      [`resourceId eq '${RESOURCE(1)}'`, (r) => r.resourceId === RESOURCE(1)],
      [
        `templateId in ('${fixtureId('70000000', 2)}', '${fixtureId('70000000', 3)}')`,
        (r) =>
          ['reader', 'user'].includes((r.displayName as string).split(' ')[0]),
      ],
      [
        "startswith(displayName,'owner')",
        (r) => (r.displayName as string).startsWith('owner'),
      ],
      [
        `not (resourceId eq ${RESOURCE(0)}) and displayName ne 'reader 2'`,
        (r) => r.resourceId !== RESOURCE(0),
      ],
      ["displayName ne 'owner 0'", (r) => r.displayName !== 'owner 0'],
      [
        "displayName ge 'reader' and displayName lt 'user'",
        (r) => (r.displayName as string).startsWith('reader'),
      ],
      [
        "contains(displayName,'ACCESS') or endswith(displayName,' 5')",
        (r) =>
          (r.displayName as string).includes('access') ||
          (r.displayName as string).endsWith(' 5'),
      ],
    ],
    orderBy: 'displayName',
    selectable: 'templateId',
    navigations: {
      resource: field('resourceId'),
      roleSetting: (r) => `40000000${r.id.slice(8)}`,
    },
    perResource: true,
    entityRoute: true,
  },
  {
    collection: 'roleSettings',
    entitySet: 'governanceRoleSettings',
    notFoundCode: 'RoleSettingNotFound',
    records: (fixture) => fixture.roleSettings,
    filters: [
      ['isDefault eq true', (r) => r.isDefault === true],
      ['isDefault ne true', (r) => r.isDefault !== true],
      ['lastUpdatedDateTime eq null', (r) => r.lastUpdatedDateTime === null],
      [
        'lastUpdatedDateTime gt 2026-03-02T08:00:00Z',
        (r) =>
          r.lastUpdatedDateTime !== null &&
          (r.lastUpdatedDateTime as string) > '2026-03-02T08:00:00Z',
      ],
      [
        `roleDefinitionId in ('${ROLE_DEFINITION(1)}', '${ROLE_DEFINITION(6)}')`,
        (r) =>
          [ROLE_DEFINITION(1), ROLE_DEFINITION(6)].includes(
            r.roleDefinitionId as string,
          ),
      ],
      ['not (isDefault eq true)', (r) => r.isDefault !== true],
      [
        "startswith(lastUpdatedBy,'ADMIN') and lastUpdatedDateTime le 2026-03-02T08:00:00Z",
        (r) =>
          r.lastUpdatedBy !== null &&
          (r.lastUpdatedDateTime as string) <= '2026-03-02T08:00:00Z',
      ],
      ['lastUpdatedBy ne null', (r) => r.lastUpdatedBy !== null],
      [
        `roleDefinitionId eq '${ROLE_DEFINITION(5)}' or lastUpdatedBy eq null`,
        (r) =>
          r.roleDefinitionId === ROLE_DEFINITION(5) || r.lastUpdatedBy === null,
      ],
    ],
    orderBy: 'roleDefinitionId',
    selectable: 'isDefault',
    navigations: {
      resource: field('resourceId'),
      roleDefinition: field('roleDefinitionId'),
    },
    perResource: false,
    entityRoute: true,
  },
  {
    collection: 'roleAssignments',
    entitySet: 'governanceRoleAssignments',
    notFoundCode: 'RoleAssignmentNotFound',
    records: (fixture) => fixture.roleAssignments,
    filters: [
      [
        "assignmentState eq 'Eligible'",
        (r) => r.assignmentState === 'Eligible',
      ],
      [`subjectId eq '${SUBJECT(1)}'`, (r) => r.subjectId === SUBJECT(1)],
      ['endDateTime eq null', (r) => r.endDateTime === null],
      [
        'endDateTime gt 2026-12-04T00:00:00Z',
        (r) =>
          r.endDateTime !== null &&
          (r.endDateTime as string) > '2026-12-04T00:00:00Z',
      ],
      [
        "not (assignmentState eq 'Active') and startDateTime le 2026-05-02T00:00:00Z",
        (r) =>
          r.assignmentState !== 'Active' &&
          (r.startDateTime as string) <= '2026-05-02T00:00:00Z',
      ],
      [
        "contains(externalId,'000000000005') or subjectId ne '" +
          SUBJECT(0) +
          "'",
        (r) =>
          (r.externalId as string).includes('000000000005') ||
          r.subjectId !== SUBJECT(0),
      ],
      [
        `linkedEligibleRoleAssignmentId in ('${ROLE_ASSIGNMENT(0)}', null)`,
        (r) =>
          r.linkedEligibleRoleAssignmentId === ROLE_ASSIGNMENT(0) ||
          r.linkedEligibleRoleAssignmentId === null,
      ],
      [
        "memberType ne 'Direct' or startDateTime ge 2026-05-08T00:00:00Z",
        (r) =>
          r.memberType !== 'Direct' ||
          (r.startDateTime as string) >= '2026-05-08',
      ],
    ],
    orderBy: 'subjectId',
    selectable: 'memberType',
    navigations: {
      resource: field('resourceId'),
      roleDefinition: field('roleDefinitionId'),
      subject: field('subjectId'),
      linkedEligibleRoleAssignment: field('linkedEligibleRoleAssignmentId'),
    },
    perResource: true,
    entityRoute: true,
  },
  {
    collection: 'roleAssignmentRequests',
    entitySet: 'governanceRoleAssignmentRequests',
    notFoundCode: 'RoleAssignmentRequestNotFound',
    records: (fixture) => fixture.roleAssignmentRequests,
    filters: [
      ["status/subStatus eq 'Granted'", (r) => subStatusOf(r) === 'Granted'],
      [
        "status/status eq 'Closed' and status/subStatus ne 'Canceled'",
        (r) =>
          (r.status as { status: string }).status === 'Closed' &&
          subStatusOf(r) !== 'Canceled',
      ],
      ["type in ('UserAdd')", (r) => r.type === 'UserAdd'],
      [
        "status/subStatus in ('Granted', 'PendingApproval') and type eq 'AdminAdd' or reason eq 'reason 5'",
        (r) =>
          (['Granted', 'PendingApproval'].includes(subStatusOf(r)) &&
            r.type === 'AdminAdd') ||
          r.reason === 'reason 5',
      ],
      ['reason eq null', (r) => r.reason === null],
      [
        "status/subStatus ne 'Granted' and not (type eq 'UserAdd')",
        (r) => subStatusOf(r) !== 'Granted' && r.type !== 'UserAdd',
      ],
      [
        "startswith(reason,'Reason') or schedule/startDateTime gt 2026-11-15T10:00:00Z",
        (r) =>
          typeof r.reason === 'string' ||
          ((r.schedule as { startDateTime?: string } | null)?.startDateTime ??
            '') > '2026-11-15T10:00:00Z',
      ],
      [
        `subjectId eq ${SUBJECT(1)} and requestedDateTime ge 2026-11-02T09:00:00Z`,
        (r) =>
          r.subjectId === SUBJECT(1) &&
          (r.requestedDateTime as string) >= '2026-11-02T09:00:00Z',
      ],
      [
        'schedule/endDateTime ne null',
        (r) =>
          Boolean((r.schedule as { endDateTime?: string } | null)?.endDateTime),
      ],
      [
        'requestedDateTime lt 2026-11-03T00:00:00Z',
        (r) => (r.requestedDateTime as string) < '2026-11-03',
      ],
    ],
    orderBy: 'requestedDateTime',
    selectable: 'status',
    navigations: {
      resource: field('resourceId'),
      roleDefinition: field('roleDefinitionId'),
      subject: field('subjectId'),
      linkedEligibleRoleAssignment: field('linkedEligibleRoleAssignmentId'),
    },
    perResource: true,
    entityRoute: false,
  },
];

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('OData lists of the PIM modules', () => {
  let testApp: TestApp;
  const fixture = tenantAFixture();
  const otherTenant = tenantBFixture();

  beforeAll(async () => {
    testApp = await startSeededTestApp([fixture, otherTenant]);
  });
  afterAll(() => testApp.close());

  function get(path: string, token = userToken()) {
    return request(testApp.server)
      .get(path)
      .set('Authorization', `Bearer ${token}`);
  }

  function ids(body: { value: { id: string }[] }): string[] {
    return body.value.map((item) => item.id);
  }

  /** Every page of a list, following `@odata.nextLink` from `path`. */
  async function allPages(path: string, token = userToken()) {
    const pages: { value: { id: string }[]; '@odata.count'?: number }[] = [];
    let next: string | undefined = path;
    while (next) {
      const response = await get(next, token);
      expect(response.status).toBe(200);
      pages.push(response.body as (typeof pages)[number]);
      const link = (response.body as { '@odata.nextLink'?: string })[
        '@odata.nextLink'
      ];
      next = link?.replace(/^https?:\/\/[^/]+/, '');
      expect(pages.length).toBeLessThan(20);
    }
    return pages;
  }

  describe.each(MODULES)('$collection', (module) => {
    const path = `${ROOT}/${module.collection}`;
    const records = module.records(fixture);
    const allIds = records.map((record) => record.id).sort(byId);

    it('lists the tenant’s entities in the Graph collection shape, ordered by id', async () => {
      const response = await get(path);

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body['@odata.context']).toMatch(
        new RegExp(`/beta/\\$metadata#${module.entitySet}$`),
      );
      expect(response.body['@odata.nextLink']).toBeUndefined();
      expect(response.body['@odata.count']).toBeUndefined();
      expect(ids(response.body)).toEqual(allIds);
    });

    it.each(module.filters)('$filter=%s', async (filter, predicate) => {
      const response = await get(
        `${path}?$filter=${encodeURIComponent(filter)}`,
      );

      expect(response.status).toBe(200);
      expect(ids(response.body)).toEqual(
        records
          .filter(predicate)
          .map((record) => record.id)
          .sort(byId),
      );
    });

    it('pages with $top across three pages, with @odata.count on each, in a stable order', async () => {
      const pages = await allPages(`${path}?$top=3&$count=true`);

      expect(pages.map((page) => page.value.length)).toEqual([
        3,
        3,
        records.length - 6,
      ]);
      expect(pages.map((page) => page['@odata.count'])).toEqual(
        pages.map(() => records.length),
      );
      expect(pages.flatMap((page) => ids(page))).toEqual(allIds);
    });

    it('pages an $orderby desc list exactly as the same list in one page', async () => {
      const order = `$orderby=${module.orderBy}%20desc`;
      const whole = await get(`${path}?${order}&$top=999`);
      const pages = await allPages(`${path}?${order}&$top=3`);

      expect(whole.status).toBe(200);
      expect(pages).toHaveLength(3);
      expect(pages.flatMap((page) => ids(page))).toEqual(ids(whole.body));
      expect([...ids(whole.body)].sort(byId)).toEqual(allIds);
    });

    it('$skip skips in the order of the list; $count counts the filtered list, not the page', async () => {
      const response = await get(`${path}?$skip=2&$top=2&$count=true`);

      expect(response.status).toBe(200);
      expect(ids(response.body)).toEqual(allIds.slice(2, 4));
      expect(response.body['@odata.count']).toBe(records.length);
    });

    it('$select returns only the selected properties', async () => {
      const response = await get(
        `${path}?$select=id,${module.selectable}&$top=2`,
      );

      expect(response.status).toBe(200);
      for (const item of response.body.value as object[]) {
        expect(Object.keys(item)).toEqual(['id', module.selectable]);
      }
    });

    it.each(Object.keys(module.navigations))(
      '$expand=%s expands each entity’s own related entity of the same tenant',
      async (navigation) => {
        const response = await get(`${path}?$expand=${navigation}&$top=999`);

        expect(response.status).toBe(200);
        const expected = Object.fromEntries(
          records.map((record) => [
            record.id,
            module.navigations[navigation](record),
          ]),
        );
        for (const item of response.body.value as Record<
          string,
          { id: string; displayName?: string } | null
        >[]) {
          const related = item[navigation];
          expect([item.id, related?.id ?? null]).toEqual([
            item.id,
            expected[item.id as unknown as string],
          ]);
          expect(related?.displayName ?? '').not.toMatch(/^fabrikam/);
        }
      },
    );

    it('$expand with a nested $select', async () => {
      const [navigation] = Object.keys(module.navigations);
      const response = await get(
        `${path}?$select=id&$expand=${navigation}($select=id)&$top=999`,
      );

      expect(response.status).toBe(200);
      for (const item of response.body.value as Record<string, unknown>[]) {
        expect(Object.keys(item)).toEqual(['id', navigation]);
        const related = item[navigation] as object | null;
        expect(related === null || Object.keys(related).join() === 'id').toBe(
          true,
        );
      }
    });

    it('shows another tenant none of these entities, and only its own', async () => {
      const token = userToken([READ_WRITE], { tenantId: TENANT_B });
      const response = await get(`${path}?$top=999`, token);

      expect(response.status).toBe(200);
      const theirs = otherTenant[module.collection];
      expect(ids(response.body)).toEqual(
        theirs.map((record) => record.id).sort(byId),
      );
      const names = (response.body.value as { displayName?: string }[])
        .map((item) => item.displayName)
        .filter((name) => name !== undefined);
      expect(names.every((name) => name.startsWith('fabrikam'))).toBe(true);
    });

    it.each([
      ['$filter=nope eq 1', "'nope'"],
      ["$filter=displayName eq 'x' and", 'Syntax error in $filter'],
      ['$filter=length(id) eq 3', "'length'"],
      ['$orderby=nope', "'nope'"],
      ['$select=nope', "'nope'"],
      ['$expand=nope', "'nope'"],
      ['$top=1000', '$top'],
      ['$top=0', '$top'],
      ['$skip=-1', '$skip'],
      ['$count=yes', '$count'],
      ['$skiptoken=bm90LWEtdG9rZW4', '$skiptoken'],
      ['$search=x', '$search'],
      ['$filter=id eq 1&filter=id eq 2', 'more than once'],
    ])(
      'refuses %s with 400 BadRequest naming the problem',
      async (query, named) => {
        const response = await get(`${path}?${query.replaceAll(' ', '%20')}`);

        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body.error.code).toBe('BadRequest');
        expect(response.body.error.message).toContain(named);
      },
    );

    it('is readable by an application with PrivilegedAccess.Read.AzureResources, not by a user without ReadWrite', async () => {
      expect((await get(path, appToken([READ]))).status).toBe(200);

      const refused = await get(path, userToken([READ]));
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('UnauthorizedAccessException');
    });

    if (module.entityRoute) {
      it('gets one entity by id in any letter case, with @odata.context, $select and $expand', async () => {
        const [record] = records;
        const [navigation] = Object.keys(module.navigations);
        const response = await get(
          `${path}/${record.id.toUpperCase()}?$select=id,${module.selectable}&$expand=${navigation}`,
        );

        expect(response.status).toBe(200);
        expect(Object.keys(response.body)).toEqual([
          '@odata.context',
          'id',
          module.selectable,
          navigation,
        ]);
        expect(response.body['@odata.context']).toMatch(
          new RegExp(`/beta/\\$metadata#${module.entitySet}/\\$entity$`),
        );
        expect(response.body.id).toBe(record.id);
        expect(response.body[navigation]?.id ?? null).toBe(
          module.navigations[navigation](record),
        );
      });

      it.each([
        ['an unknown id', fixtureId('99999999', 1)],
        ['an id that is not a GUID', 'not-a-guid'],
      ])(`answers 400 ${module.notFoundCode} for %s`, async (_case, id) => {
        const response = await get(`${path}/${id}`);

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe(module.notFoundCode);
      });

      it('answers another tenant with its own entity of the same id, or not found', async () => {
        const token = userToken([READ_WRITE], { tenantId: TENANT_B });
        const shared = otherTenant[module.collection][0];
        const onlyA = records.at(-1)!;

        const theirs = await get(`${path}/${shared.id}`, token);
        const ours = await get(`${path}/${onlyA.id}`, token);

        expect(theirs.status).toBe(200);
        expect(theirs.body.displayName ?? 'fabrikam').toMatch(/^fabrikam/);
        expect(ours.status).toBe(400);
        expect(ours.body.error.code).toBe(module.notFoundCode);
      });
    }

    if (module.perResource) {
      it(`GET /resources/{id}/${module.collection} lists one resource’s entities, with the list options`, async () => {
        const pages = await allPages(
          `${ROOT}/resources/${RESOURCE(0).toUpperCase()}/${module.collection}?$top=2&$count=true`,
        );
        const expected = records
          .filter((record) => record.resourceId === RESOURCE(0))
          .map((record) => record.id)
          .sort(byId);

        expect(pages.flatMap((page) => ids(page))).toEqual(expected);
        expect(pages[0]['@odata.count']).toBe(expected.length);
      });

      it(`GET /resources/{id}/${module.collection} of an unknown or other tenant’s resource is 400 ResourceNotFound`, async () => {
        const unknown = await get(
          `${ROOT}/resources/${fixtureId('99999999', 2)}/${module.collection}`,
        );
        const otherTenantsOnly = await get(
          `${ROOT}/resources/${RESOURCE(4)}/${module.collection}`,
          userToken([READ_WRITE], { tenantId: TENANT_B }),
        );

        for (const response of [unknown, otherTenantsOnly]) {
          expect(response.status).toBe(400);
          expect(response.body.error.code).toBe('ResourceNotFound');
        }
      });
    }
  });

  it('a $skiptoken stays valid while rows are added before and after it', async () => {
    const path = `${ROOT}/resources?$top=3`;
    const first = await get(path);
    const nextLink = (first.body['@odata.nextLink'] as string).replace(
      /^https?:\/\/[^/]+/,
      '',
    );
    const resources = testApp.dataSource.getRepository(ResourceEntity);
    const added = [fixtureId('00000000', 1), fixtureId('ffffffff', 1)];
    await resources.insert(
      added.map((id) => ({
        ...resources.create(),
        tenantId: fixture.resources[0].tenantId as string,
        id,
        externalId: `/added/${id}`,
        type: 'resourcegroup',
        displayName: `added ${id}`,
        status: 'Active' as const,
        registeredDateTime: null,
        registeredRoot: null,
        parentId: null,
      })),
    );
    try {
      const rest = await allPages(nextLink);

      const seen = [...ids(first.body), ...rest.flatMap((page) => ids(page))];
      expect(seen).toEqual([
        ...fixture.resources.map((record) => record.id).sort(byId),
        added[1],
      ]);
    } finally {
      await resources.delete(
        added.map((id) => ({
          tenantId: fixture.resources[0].tenantId as string,
          id,
        })),
      );
    }
  });

  it('a $skiptoken of another $orderby is refused', async () => {
    const first = await get(`${ROOT}/resources?$top=2`);
    const token = new URL(
      first.body['@odata.nextLink'] as string,
    ).searchParams.get('$skiptoken');

    const response = await get(
      `${ROOT}/resources?$top=2&$orderby=displayName&$skiptoken=${token}`,
    );

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('$skiptoken');
  });

  it('treats literals as data: quotes, SQL and wildcards in a string match nothing and break nothing', async () => {
    for (const literal of [
      "x'' OR 1=1 --",
      "'); DROP TABLE resources; --",
      '%',
      "rg-0_' OR displayName ne '",
    ]) {
      const filter = `displayName eq '${literal.replaceAll("'", "''")}' or startswith(displayName,'${literal.replaceAll("'", "''")}')`;
      const response = await get(
        `${ROOT}/resources?$filter=${encodeURIComponent(filter)}`,
      );

      expect([literal, response.status, ids(response.body)]).toEqual([
        literal,
        200,
        [],
      ]);
    }
    expect((await get(`${ROOT}/resources`)).body.value).toHaveLength(
      fixture.resources.length,
    );
  });

  it('refuses property names that try to escape into SQL', async () => {
    for (const filter of [
      'displayName) or (1 eq 1',
      'id;drop table resources eq 1',
      '"display_name" eq \'x\'',
      "tenantId eq 'x'",
    ]) {
      const response = await get(
        `${ROOT}/resources?$filter=${encodeURIComponent(filter)}`,
      );

      expect([filter, response.status, response.body.error?.code]).toEqual([
        filter,
        400,
        'BadRequest',
      ]);
    }
  });
});
