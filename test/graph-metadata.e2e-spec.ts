import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { OPENAPI_DOCUMENT_PATH } from '../src/openapi/openapi.js';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  REQUEST_OF_A,
  ROLE_SETTING,
  tenantAFixture,
} from './support/pim-fixture.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { appToken } from './support/tokens.js';

const METADATA_PATH = '/beta/$metadata';
const ROOT = '/beta/privilegedAccess/azureResources';
const NAMESPACE = 'microsoft.graph';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// The parts of the CSDL document the checks read, as fast-xml-parser gives them.
interface CsdlProperty {
  Name: string;
  Type: string;
  Nullable?: string;
}
interface CsdlStructuredType {
  Name: string;
  Key?: { PropertyRef: { Name: string }[] };
  Property?: CsdlProperty[];
  NavigationProperty?: { Name: string; Type: string }[];
}
interface CsdlAction {
  Name: string;
  IsBound: string;
  Parameter: { Name: string; Type: string }[];
  ReturnType?: { Type: string };
}
interface CsdlEntitySet {
  Name: string;
  EntityType: string;
  NavigationPropertyBinding?: { Path: string; Target: string }[];
}
interface CsdlSchema {
  Namespace: string;
  EntityType: CsdlStructuredType[];
  ComplexType: CsdlStructuredType[];
  Action: CsdlAction[];
  EntityContainer: { Name: string; EntitySet: CsdlEntitySet[] };
}

const REPEATED_ELEMENTS = new Set([
  'EntityType',
  'ComplexType',
  'Action',
  'Parameter',
  'Property',
  'NavigationProperty',
  'PropertyRef',
  'EntitySet',
  'NavigationPropertyBinding',
]);

function parseCsdl(xml: string): CsdlSchema {
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    // `EntityType` is also an attribute of EntitySet, which stays one value.
    isArray: (name, _path, _isLeaf, isAttribute) =>
      !isAttribute && REPEATED_ELEMENTS.has(name),
  }).parse(xml) as {
    'edmx:Edmx': { 'edmx:DataServices': { Schema: CsdlSchema } };
  };
  return parsed['edmx:Edmx']['edmx:DataServices'].Schema;
}

/** The lists that show each entity set's entities, by the set's name. */
function listsOf(requestId: string): Record<string, string> {
  return {
    governanceResources: `${ROOT}/resources`,
    governanceRoleDefinitions: `${ROOT}/roleDefinitions`,
    governanceRoleSettings: `${ROOT}/roleSettings`,
    governanceRoleSettingAuditEvents: `${ROOT}/roleSettings/${ROLE_SETTING(1)}/auditEvents`,
    governanceRoleAssignments: `${ROOT}/roleAssignments`,
    governanceRoleAssignmentRequests: `${ROOT}/roleAssignmentRequests`,
    governanceRoleAssignmentRequestAuditEvents: `${ROOT}/roleAssignmentRequests/${requestId}/auditEvents`,
    // No list of their own: subjects are shown expanded from the assignments.
    governanceSubjects: `${ROOT}/roleAssignments?$expand=subject`,
  };
}

describe('GET /beta/$metadata', () => {
  let testApp: TestApp;
  let xml: string;
  let schema: CsdlSchema;

  beforeAll(async () => {
    testApp = await startTestApp();
    const fixture = tenantAFixture();
    // A request whose status shows evaluated rules, so that keyValue is emitted too.
    const first = fixture.roleAssignmentRequests[0];
    first.status = {
      ...(first.status as object),
      statusDetails: [{ key: 'ApprovalRule', value: 'Pending' }],
    };
    await testApp.app.get(SeedService).seed(fixture);
    xml = (await request(testApp.server).get(METADATA_PATH).expect(200)).text;
    schema = parseCsdl(xml);
  });
  afterAll(() => testApp.close());

  it('serves a well-formed OData 4.0 CSDL document as application/xml, without a token', async () => {
    const response = await request(testApp.server).get(METADATA_PATH);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/xml;charset=utf-8',
    );
    expect(XMLValidator.validate(response.text)).toBe(true);
    expect(response.text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<edmx:Edmx Version="4.0" xmlns:edmx="http:\/\/docs.oasis-open.org\/odata\/ns\/edmx">/,
    );
    expect(schema.Namespace).toBe(NAMESPACE);
    expect(schema.EntityContainer.Name).toBe('GraphService');
  });

  it('carries the Graph request ids, the caller’s client-request-id echoed', async () => {
    const response = await request(testApp.server)
      .get(METADATA_PATH)
      .set('client-request-id', 'metadata-test');

    expect(response.headers['request-id']).toMatch(GUID);
    expect(response.headers['client-request-id']).toBe('metadata-test');
  });

  it('ignores a token, even one that is not valid', async () => {
    const response = await request(testApp.server)
      .get(METADATA_PATH)
      .set('Authorization', 'Bearer not-a-token');

    expect(response.status).toBe(200);
    expect(response.text).toBe(xml);
  });

  it('answers another method with Graph’s 405 and the methods it allows', async () => {
    const response = await request(testApp.server).post(METADATA_PATH);

    expect(response.status).toBe(405);
    expect(response.headers.allow).toContain('GET');
    expect(response.body.error.code).toEqual(expect.any(String));
    expect(response.body.error.innerError['request-id']).toBe(
      response.headers['request-id'],
    );
  });

  it('is in the OpenAPI document, as an XML answer', async () => {
    const document = await request(testApp.server)
      .get(OPENAPI_DOCUMENT_PATH)
      .expect(200);

    expect(
      document.body.paths[METADATA_PATH].get.responses['200'].content,
    ).toHaveProperty(['application/xml']);
  });

  it('declares an entity type keyed by id and an entity set for every set the service serves', () => {
    const sets = schema.EntityContainer.EntitySet;

    expect(sets.map((set) => set.Name).sort()).toEqual(
      Object.keys(listsOf('')).sort(),
    );
    for (const set of sets) {
      const type = entityType(set.EntityType);
      expect(type.Key!.PropertyRef).toEqual([{ Name: 'id' }]);
      expect(type.Property).toContainEqual({
        Name: 'id',
        Type: 'Edm.String',
        Nullable: 'false',
      });
    }
    expect(entityType(`${NAMESPACE}.governanceRoleAssignmentRequest`)).toEqual(
      expect.objectContaining({
        Property: expect.arrayContaining([
          {
            Name: 'requestedDateTime',
            Type: 'Edm.DateTimeOffset',
            Nullable: 'false',
          },
          { Name: 'reason', Type: 'Edm.String' },
          {
            Name: 'status',
            Type: `${NAMESPACE}.governanceRoleAssignmentRequestStatus`,
            Nullable: 'false',
          },
          { Name: 'schedule', Type: `${NAMESPACE}.governanceSchedule` },
        ]),
      }),
    );
    expect(complexType(`${NAMESPACE}.governanceRoleAssignmentRequestStatus`))
      .toMatchInlineSnapshot(`
      {
        "Name": "governanceRoleAssignmentRequestStatus",
        "Property": [
          {
            "Name": "status",
            "Nullable": "false",
            "Type": "Edm.String",
          },
          {
            "Name": "subStatus",
            "Nullable": "false",
            "Type": "Edm.String",
          },
          {
            "Name": "statusDetails",
            "Nullable": "false",
            "Type": "Collection(microsoft.graph.keyValue)",
          },
        ],
      }
    `);
  });

  it('binds every navigation property to the entity set of its type', () => {
    for (const set of schema.EntityContainer.EntitySet) {
      const navigations = entityType(set.EntityType).NavigationProperty ?? [];
      const bindings = set.NavigationPropertyBinding ?? [];

      expect(bindings.map((binding) => binding.Path)).toEqual(
        navigations.map((navigation) => navigation.Name),
      );
      for (const binding of bindings) {
        const navigation = navigations.find(
          ({ Name }) => Name === binding.Path,
        )!;
        expect(entitySet(binding.Target).EntityType).toBe(navigation.Type);
      }
    }
  });

  it('declares the actions bound to a request: cancel, and updateRequest with Graph’s parameters', () => {
    const request = `${NAMESPACE}.governanceRoleAssignmentRequest`;

    expect(schema.Action).toEqual(
      expect.arrayContaining([
        {
          Name: 'cancel',
          IsBound: 'true',
          Parameter: [{ Name: 'bindingParameter', Type: request }],
        },
        {
          Name: 'updateRequest',
          IsBound: 'true',
          Parameter: [
            { Name: 'bindingParameter', Type: request },
            { Name: 'decision', Type: 'Edm.String' },
            { Name: 'assignmentState', Type: 'Edm.String' },
            { Name: 'schedule', Type: `${NAMESPACE}.governanceSchedule` },
            { Name: 'reason', Type: 'Edm.String' },
          ],
          ReturnType: { Type: request },
        },
      ]),
    );
    expect(complexType(`${NAMESPACE}.governanceSchedule`)).toBeDefined();
  });

  describe('the CSDL check: the document describes what the service emits', () => {
    const seenComplexTypes = new Set<string>();
    const seenNavigations = new Set<string>();

    beforeAll(async () => {
      await makeAuditEvents();
    });

    it.each(Object.keys(listsOf('')))(
      'every entity of %s has exactly the properties of its type, and its navigation properties expanded',
      async (setName) => {
        const set = entitySet(setName);
        const type = entityType(set.EntityType);
        const navigations = (type.NavigationProperty ?? []).map(
          ({ Name }) => Name,
        );
        const lists = listsOf(REQUEST_OF_A(0));
        const path = lists[setName];
        const expanded = navigations.length
          ? `${path.includes('?') ? '&' : '?'}$expand=${navigations.join(',')}`
          : '';

        for (const url of [path, `${path}${expanded}`]) {
          const response = await list(url);
          expect(response.status).toBe(200);
          const entities = entitiesOf(setName, response.body);
          expect(entities.length).toBeGreaterThan(0);
          for (const entity of entities) {
            checkEntity(entity, type, setName);
          }
        }
      },
    );

    it('has seen every complex type and every navigation property of the document emitted', () => {
      expect([...seenComplexTypes].sort()).toEqual(
        schema.ComplexType.map(({ Name }) => `${NAMESPACE}.${Name}`).sort(),
      );
      expect([...seenNavigations].sort()).toEqual(
        schema.EntityType.flatMap((type) =>
          (type.NavigationProperty ?? []).map(
            ({ Name }) => `${type.Name}/${Name}`,
          ),
        ).sort(),
      );
    });

    /** The set's entities in a list: for subjects, those expanded from the assignments. */
    function entitiesOf(
      setName: string,
      body: { '@odata.context': string; value: Record<string, unknown>[] },
    ): Record<string, unknown>[] {
      if (setName === 'governanceSubjects') {
        return body.value
          .map((assignment) => assignment.subject as Record<string, unknown>)
          .filter((subject) => subject !== null);
      }
      expect(body['@odata.context']).toMatch(
        new RegExp(`/beta/\\$metadata#${setName}$`),
      );
      return body.value;
    }

    function checkEntity(
      entity: Record<string, unknown>,
      type: CsdlStructuredType,
      where: string,
    ): void {
      const properties = type.Property ?? [];
      const navigations = type.NavigationProperty ?? [];
      const emitted = Object.keys(entity).filter(
        (key) => !key.startsWith('@odata.'),
      );

      expect({ where, emitted: emitted.filter(isDeclaredIn(type)) }).toEqual({
        where,
        emitted,
      });
      expect({
        where,
        missing: properties
          .map(({ Name }) => Name)
          .filter((name) => !emitted.includes(name)),
      }).toEqual({ where, missing: [] });
      for (const property of properties) {
        checkValue(
          entity[property.Name],
          property,
          `${where}/${property.Name}`,
        );
      }
      for (const navigation of navigations) {
        const related = entity[navigation.Name];
        if (related !== undefined && related !== null) {
          seenNavigations.add(`${type.Name}/${navigation.Name}`);
          checkEntity(
            related as Record<string, unknown>,
            entityType(navigation.Type),
            `${where}/${navigation.Name}`,
          );
        }
      }
    }

    function checkValue(
      value: unknown,
      property: CsdlProperty,
      where: string,
    ): void {
      if (value === null) {
        expect({ where, nullable: property.Nullable }).toEqual({
          where,
          nullable: undefined,
        });
        return;
      }
      const collection = /^Collection\((.+)\)$/.exec(property.Type);
      if (collection) {
        expect({ where, isArray: Array.isArray(value) }).toEqual({
          where,
          isArray: true,
        });
        for (const item of value as unknown[]) {
          checkValue(item, { Name: property.Name, Type: collection[1] }, where);
        }
        return;
      }
      if (property.Type.startsWith(`${NAMESPACE}.`)) {
        seenComplexTypes.add(property.Type);
        checkComplexValue(value, complexType(property.Type), where);
        return;
      }
      expect({ where, type: typeof value }).toEqual({
        where,
        type: JSON_TYPES[property.Type],
      });
      if (property.Type === 'Edm.DateTimeOffset') {
        expect(Number.isNaN(Date.parse(value as string))).toBe(false);
      }
    }

    function checkComplexValue(
      value: unknown,
      type: CsdlStructuredType,
      where: string,
    ): void {
      const emitted = Object.keys(value as object);
      expect({ where, emitted }).toEqual({
        where,
        emitted: (type.Property ?? []).map(({ Name }) => Name),
      });
      for (const property of type.Property ?? []) {
        checkValue(
          (value as Record<string, unknown>)[property.Name],
          property,
          `${where}/${property.Name}`,
        );
      }
    }
  });

  const JSON_TYPES: Record<string, string> = {
    'Edm.String': 'string',
    'Edm.DateTimeOffset': 'string',
    'Edm.Boolean': 'boolean',
    'Edm.Int32': 'number',
  };

  function isDeclaredIn(type: CsdlStructuredType) {
    const names = new Set([
      ...(type.Property ?? []).map(({ Name }) => Name),
      ...(type.NavigationProperty ?? []).map(({ Name }) => Name),
    ]);
    return (key: string) => names.has(key);
  }

  function entityType(qualifiedName: string): CsdlStructuredType {
    return named(schema.EntityType, qualifiedName);
  }

  function complexType(qualifiedName: string): CsdlStructuredType {
    return named(schema.ComplexType, qualifiedName);
  }

  function named<T extends { Name: string }>(
    types: T[],
    qualifiedName: string,
  ): T {
    const type = types.find(
      ({ Name }) => `${NAMESPACE}.${Name}` === qualifiedName,
    );
    if (!type) {
      throw new Error(`The document declares no ${qualifiedName}.`);
    }
    return type;
  }

  function entitySet(name: string): CsdlEntitySet {
    const set = schema.EntityContainer.EntitySet.find(
      ({ Name }) => Name === name,
    );
    if (!set) {
      throw new Error(`The container holds no entity set ${name}.`);
    }
    return set;
  }

  function list(url: string) {
    return request(testApp.server)
      .get(url)
      .set('Authorization', `Bearer ${appToken()}`);
  }

  /** A cancel and a change of a role setting, so that both audit trails have an entry. */
  async function makeAuditEvents(): Promise<void> {
    await request(testApp.server)
      .post(`${ROOT}/roleAssignmentRequests/${REQUEST_OF_A(0)}/cancel`)
      .set('Authorization', `Bearer ${appToken()}`)
      .expect(204);
    await request(testApp.server)
      .patch(`${ROOT}/roleSettings/${ROLE_SETTING(1)}`)
      .set('Authorization', `Bearer ${appToken()}`)
      .send({
        userEligibleSettings: [
          { ruleIdentifier: 'MfaRule', setting: '{"mfaRequired":true}' },
        ],
      })
      .expect(204);
  }
});
