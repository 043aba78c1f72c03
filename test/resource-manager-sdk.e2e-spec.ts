import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { isRestError } from '@azure/core-rest-pipeline';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { writeDevelopmentCertificate } from '../src/security/dev-certificate.js';
import {
  authorizationDirectory,
  RESOURCE,
  ROLES,
  user,
  USERS,
} from './support/authorization-directory.js';
import { aRequest, REQUESTS_PATH, storeRequests } from './support/requests.js';
import { azureSdkClientOf } from './support/azure-sdk.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';

const SCOPE = `/subscriptions/${RESOURCE}`;
const READER = `/roleDefinitions/${ROLES.reader}`;

/**
 * `@azure/arm-authorization`, the Azure SDK's client of this API, against the service over
 * HTTPS (it sends bearer tokens over TLS only), with development tokens for Resource Manager.
 * A test process cannot take NODE_EXTRA_CA_CERTS: the client trusts the app's certificate
 * through its `agent` option; users set NODE_EXTRA_CA_CERTS (docs/resource-manager.md).
 */
describe('the Azure SDK (@azure/arm-authorization) against the service', () => {
  let testApp: TestApp;
  let agent: Agent;
  let ca: string;

  beforeAll(async () => {
    const certificate = await writeDevelopmentCertificate(
      mkdtempSync(path.join(tmpdir(), 'pim-arm-sdk-')),
    );
    testApp = await startSeededTestApp([authorizationDirectory()], {
      TLS_CERT_FILE: certificate.certFile,
      TLS_KEY_FILE: certificate.keyFile,
    });
    ca = readFileSync(certificate.certFile, 'utf8');
    agent = new Agent({ ca });
  });
  afterAll(async () => {
    agent.destroy();
    await testApp.close();
  });

  /** The client a user of the tenant gets with `DefaultAzureCredential`, here a development token. */
  function clientOf(objectId: string): AuthorizationManagementClient {
    return azureSdkClientOf(objectId, {
      endpoint: testApp.baseUrl,
      subscriptionId: RESOURCE,
      agent,
    });
  }

  it('an Owner assigns an eligibility, its user activates it, lists it page by page, cancels it once (and is refused the second time), and Graph reads it Closed / Canceled', async () => {
    const owner = clientOf(USERS.owner);
    const member = clientOf(USERS.approver);

    const eligibility = await owner.roleEligibilityScheduleRequests.create(
      SCOPE,
      randomUUID(),
      {
        roleDefinitionId: READER,
        principalId: USERS.approver,
        requestType: 'AdminAssign',
        scheduleInfo: {
          startDateTime: new Date('2026-11-28T10:00:00Z'),
          expiration: { type: 'AfterDuration', duration: 'P30D' },
        },
        justification: 'Quarterly access review',
      },
    );
    const name = randomUUID();
    const activation = await member.roleAssignmentScheduleRequests.create(
      SCOPE,
      name,
      {
        roleDefinitionId: READER,
        principalId: USERS.approver,
        requestType: 'SelfActivate',
        scheduleInfo: {
          expiration: { type: 'AfterDuration', duration: 'PT2H' },
        },
        justification: 'Incident 42',
        ticketInfo: { ticketNumber: 'INC-42', ticketSystem: 'ServiceNow' },
      },
    );
    // More than a page of the member's own requests, so that the iterator follows nextLink.
    await storeRequests(
      testApp.dataSource,
      ...Array.from({ length: 100 }, () =>
        aRequest({
          id: randomUUID(),
          requestorId: USERS.approver,
          subjectId: USERS.approver,
          resourceId: RESOURCE,
          roleDefinitionId: ROLES.reader,
        }),
      ),
    );
    const pageSizes: number[] = [];
    const listed: string[] = [];
    for await (const page of member.roleAssignmentScheduleRequests
      .listForScope(SCOPE, { filter: 'asTarget()' })
      .byPage()) {
      pageSizes.push(page.length);
      listed.push(...page.map((item) => item.name ?? ''));
    }
    await member.roleAssignmentScheduleRequests.cancel(SCOPE, name);
    const again = await member.roleAssignmentScheduleRequests
      .cancel(SCOPE, name)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const throughGraph = await request(testApp.server)
      .get(`${REQUESTS_PATH}/${name}`)
      .ca(ca)
      .set('Authorization', `Bearer ${user(USERS.approver)}`);

    expect(eligibility).toMatchObject({
      requestType: 'AdminAssign',
      status: 'Provisioned',
      principalId: USERS.approver,
      scope: SCOPE,
    });
    expect(activation).toMatchObject({
      name,
      requestType: 'SelfActivate',
      status: 'PendingApproval',
      ticketInfo: { ticketNumber: 'INC-42', ticketSystem: 'ServiceNow' },
    });
    expect(activation.createdOn).toBeInstanceOf(Date);
    expect(pageSizes).toEqual([100, 1]);
    expect(listed).toContain(name);
    expect(isRestError(again)).toBe(true);
    expect(again).toMatchObject({
      statusCode: 400,
      code: 'RequestCannotBeCancelled',
    });
    expect(throughGraph.body.status).toMatchObject({
      status: 'Closed',
      subStatus: 'Canceled',
    });
  });

  it('a refusal reaches the client as a RestError with ARM’s code: AuthorizationFailed for an outsider', async () => {
    const refusal = await clientOf(USERS.outsider)
      .roleEligibilityScheduleRequests.create(SCOPE, randomUUID(), {
        roleDefinitionId: READER,
        principalId: USERS.reader,
        requestType: 'AdminAssign',
        scheduleInfo: { expiration: { type: 'NoExpiration' } },
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(isRestError(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      statusCode: 403,
      code: 'AuthorizationFailed',
    });
  });

  it('finds a role definition by its name, as scripts do before they request a role', async () => {
    const found: string[] = [];
    for await (const definition of clientOf(
      USERS.outsider,
    ).roleDefinitions.list(SCOPE, {
      filter: `roleName eq '${ROLES.reader}'`,
    })) {
      found.push(definition.roleName ?? '');
    }

    expect(found).toEqual([ROLES.reader]);
  });
});
