import request from 'supertest';
import { SeedService } from '../src/seeding/seed.service.js';
import type { GraphSdks } from './support/graph-sdks.js';
import { startTestAppWithSdks } from './support/graph-sdks.js';
import {
  RESOURCE,
  ROLE_ASSIGNMENT,
  SUBJECT,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import type { TestApp } from './support/test-app.js';
import { appToken, READ, READ_WRITE, userToken } from './support/tokens.js';

const ROOT = '/beta/privilegedAccess/azureResources';
const EXPORT = `${ROOT}/roleAssignments/export`;
const HEADER =
  'Assignment Level,User Group Name,Role Name,Email,Assignment Type,Assignment Start Time (UTC),Assignment End Time (UTC)';
const BOM = '\uFEFF';

describe('GET /roleAssignments/export', () => {
  let testApp: TestApp;
  let sdks: GraphSdks;

  beforeAll(async () => {
    ({ testApp, sdks } = await startTestAppWithSdks(() => userToken()));
    const seeds = testApp.app.get(SeedService);
    const fixture = tenantAFixture();
    // A subject whose name a spreadsheet would run as a formula, and one with a comma.
    fixture.subjects[1].displayName = '=HYPERLINK("x")';
    fixture.subjects[2].displayName = 'ortiz, chloe';
    await seeds.seed(fixture);
    await seeds.seed(tenantBFixture());
  });
  afterAll(() => testApp.close());

  /** A GET of the HTTPS test app, whose certificate is its own. */
  function get(path: string, token = userToken()) {
    return request(testApp.server)
      .get(path)
      .disableTLSCerts()
      .set('Authorization', `Bearer ${token}`);
  }

  function exportOf(query = '', token = userToken()) {
    return get(`${EXPORT}${query}`, token)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
  }

  it('answers the assignments of a resource as a CSV file, as Graph documents it', async () => {
    const response = await exportOf(
      `?$filter=resourceId eq '${RESOURCE(1)}'&$orderby=externalId desc`,
    );

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect((response.body as Buffer).toString('utf8')).toBe(
      [
        `${BOM}${HEADER}`,
        'resourcegroup,operators,user access administrator 3,,Active,2026-05-08T00:00:00.000Z,2026-12-08T00:00:00.000Z',
        'resourcegroup,"ortiz, chloe",reader 2,,Active,2026-05-07T00:00:00.000Z,',
        `resourcegroup,"'=HYPERLINK(""x"")",contributor 1,ben@contoso.example,Active,2026-05-06T00:00:00.000Z,2026-12-06T00:00:00.000Z`,
        '',
      ].join('\r\n'),
    );
  });

  it('exports a subject’s own assignments with $filter=subjectId, and every one of the tenant without a filter', async () => {
    const mine = await exportOf(`?$filter=subjectId eq '${SUBJECT(0)}'`);
    const all = await exportOf('');

    expect(linesOf(mine.body as Buffer)).toEqual([
      HEADER,
      'subscription,adele vance,owner 0,adele@contoso.example,Eligible,2026-05-01T00:00:00.000Z,',
      'subscription,adele vance,owner 0,adele@contoso.example,Active,2026-05-05T00:00:00.000Z,',
    ]);
    // Tenant A's eight; tenant B's, of the same ids, are not there.
    expect(linesOf(all.body as Buffer)).toHaveLength(1 + 8);
    expect((all.body as Buffer).toString('utf8')).not.toContain('fabrikam');
  });

  it('is found at …/export(), as Graph’s function, and not taken for an assignment id', async () => {
    const called = await exportOf('');
    const withParentheses = await get(`${EXPORT}()`);

    expect(called.status).toBe(200);
    expect(withParentheses.status).toBe(200);
    expect(withParentheses.headers['content-type']).toBe(
      'application/octet-stream',
    );
    // The id route still answers ids.
    const assignment = await get(
      `${ROOT}/roleAssignments/${ROLE_ASSIGNMENT(0)}`,
    );
    expect(assignment.status).toBe(200);
  });

  it('answers the lines as a JSON collection of strings to a client that accepts JSON only', async () => {
    const response = await get(
      `${EXPORT}?$filter=subjectId eq '${SUBJECT(0)}'`,
    ).set('Accept', 'application/json');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      '@odata.context': expect.stringMatching(
        /\/beta\/\$metadata#Collection\(Edm\.String\)$/,
      ),
      value: [
        HEADER,
        'subscription,adele vance,owner 0,adele@contoso.example,Eligible,2026-05-01T00:00:00.000Z,',
        'subscription,adele vance,owner 0,adele@contoso.example,Active,2026-05-05T00:00:00.000Z,',
      ],
    });
  });

  it('reads into the Kiota SDK’s export builder', async () => {
    const exported = await sdks.kiota.governanceRoleAssignments.exportEscaped
      .withUrl(
        `${testApp.baseUrl}${EXPORT}()?$filter=subjectId eq '${SUBJECT(0)}'`,
      )
      .get();

    expect(exported?.value).toEqual([
      HEADER,
      'subscription,adele vance,owner 0,adele@contoso.example,Eligible,2026-05-01T00:00:00.000Z,',
      'subscription,adele vance,owner 0,adele@contoso.example,Active,2026-05-05T00:00:00.000Z,',
    ]);
  });

  it.each([
    ["$filter=nope eq 'x'", 'nope'],
    ['$top=5', '$top'],
    ['$select=id', '$select'],
  ])('refuses %s with a Graph 400', async (query, named) => {
    const response = await exportOf(`?${query}`);

    expect(response.status).toBe(400);
    const error = JSON.parse((response.body as Buffer).toString('utf8')) as {
      error: { code: string; message: string };
    };
    expect(error.error.code).toBe('BadRequest');
    expect(error.error.message).toContain(named);
  });

  it.each([
    ['an application with Read only, as Graph documents', appToken([READ])],
  ])('refuses %s with 403', async (_who, token) => {
    const response = await exportOf('', token);

    expect(response.status).toBe(403);
  });

  it('lets an application with ReadWrite export', async () => {
    const response = await exportOf('', appToken([READ_WRITE]));

    expect(response.status).toBe(200);
  });

  it('documents the route in the OpenAPI document', async () => {
    const document = await get('/openapi.json').expect(200);

    expect(
      document.body.paths[EXPORT].get.responses['200'].content,
    ).toHaveProperty(['application/octet-stream']);
  });

  function linesOf(file: Buffer): string[] {
    const text = file.toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    return text.slice(BOM.length, -2).split('\r\n');
  }
});
