import request from 'supertest';
import { RESOURCE } from './support/pim-fixture.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { TENANT_A, userToken } from './support/tokens.js';

const RESOURCES = '/beta/privilegedAccess/azureResources/resources';

/** Display names that SQLite's own lower() and LIKE would fold differently from PostgreSQL's. */
const NAMES = [
  'Ärzte Köln',
  'ärzte bonn',
  'ÄRZTE-KAMMER',
  'Straße 1',
  'STRASSE 2',
  'ΟΔΟΣ',
  'İzmir',
  '100% _sure\\',
  'rg_1',
  'rgX1',
];

/**
 * The names each filter selects, the same on SQLite and PostgreSQL: both sides of a string
 * function are lowered character by character (docs/api.md, "OData on lists"); eq is exact.
 */
const CASES: readonly [string, string[]][] = [
  [
    "contains(displayName,'ärzte')",
    ['Ärzte Köln', 'ärzte bonn', 'ÄRZTE-KAMMER'],
  ],
  [
    "contains(displayName,'ÄRZTE')",
    ['Ärzte Köln', 'ärzte bonn', 'ÄRZTE-KAMMER'],
  ],
  [
    "startswith(displayName,'äR')",
    ['Ärzte Köln', 'ärzte bonn', 'ÄRZTE-KAMMER'],
  ],
  ["endswith(displayName,'KÖLN')", ['Ärzte Köln']],
  ["endswith(displayName,'kammer')", ['ÄRZTE-KAMMER']],
  // ß has no one-character capital but ẞ, which lowers to it; SS is two letters.
  ["contains(displayName,'ß')", ['Straße 1']],
  ["contains(displayName,'ẞE')", ['Straße 1']],
  ["contains(displayName,'ss')", ['STRASSE 2']],
  // Each Σ lowers to σ, at the end of a word too: not the word-final ς.
  ["contains(displayName,'οδοσ')", ['ΟΔΟΣ']],
  ["contains(displayName,'οδος')", []],
  // İ lowers to i, not to i followed by a combining dot.
  ["startswith(displayName,'iz')", ['İzmir']],
  ["contains(displayName,'%')", ['100% _sure\\']],
  ["contains(displayName,'_')", ['100% _sure\\', 'rg_1']],
  ["startswith(displayName,'rg_')", ['rg_1']],
  ["endswith(displayName,'\\')", ['100% _sure\\']],
  ["displayName eq 'Ärzte Köln'", ['Ärzte Köln']],
  ["displayName eq 'ärzte köln'", []],
  ["displayName in ('ÄRZTE-KAMMER', 'STRAßE 1')", ['ÄRZTE-KAMMER']],
  ["not contains(displayName,'ÄRZTE')", NAMES.slice(3)],
];

describe('OData string matching of non-ASCII text', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([
      {
        resources: NAMES.map((displayName, n) => ({
          id: RESOURCE(n),
          tenantId: TENANT_A,
          externalId: `/subscriptions/${RESOURCE(n)}`,
          type: 'subscription',
          displayName,
          status: 'Active',
          registeredDateTime: null,
          registeredRoot: null,
          parentId: null,
        })),
      },
    ]);
  });
  afterAll(() => testApp.close());

  it.each(CASES)('$filter=%s', async (filter, names) => {
    const response = await request(testApp.server)
      .get(`${RESOURCES}?$filter=${encodeURIComponent(filter)}&$top=999`)
      .set('Authorization', `Bearer ${userToken()}`);

    expect(response.status).toBe(200);
    expect(
      (response.body as { value: { displayName: string }[] }).value
        .map((resource) => resource.displayName)
        .sort(),
    ).toEqual([...names].sort());
  });
});
