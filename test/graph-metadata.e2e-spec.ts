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
  BaseType?: string;
  Abstract?: string;
  Key?: { PropertyRef: { Name: string }[] };
  Property?: CsdlProperty[];
  NavigationProperty?: {
    Name: string;
    Type: string;
    ContainsTarget?: string;
  }[];
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
  Function: CsdlAction[];
  EntityContainer: { Name: string; EntitySet: CsdlEntitySet[] };
}

const REPEATED_ELEMENTS = new Set([
  'EntityType',
  'ComplexType',
  'Action',
  'Function',
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

/**
 * The properties of a type that Graph emits only when `$select` names them (its governanceResource
 * page says so of these): absent from the lists below, checked on a list that selects them.
 */
const SELECTED_ONLY: Readonly<Record<string, readonly string[]>> = {
  governanceResource: [
    'roleAssignmentCount',
    'roleDefinitionCount',
    'permissions',
  ],
};

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
    governanceSubjects: '/beta/governanceSubjects',
    privilegedAccess: '/beta/privilegedAccess',
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
      expect(type.BaseType).toBe(`${NAMESPACE}.entity`);
      expect(type.Key).toBeUndefined();
      expect(propertiesOf(type)).toContainEqual({
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

  it('declares Graph’s abstract entity type, keyed by id, as the base of every entity type', () => {
    expect(entityType(`${NAMESPACE}.entity`)).toEqual({
      Name: 'entity',
      Abstract: 'true',
      Key: { PropertyRef: [{ Name: 'id' }] },
      Property: [{ Name: 'id', Type: 'Edm.String', Nullable: 'false' }],
    });
    expect(
      schema.EntityType.filter((type) => type.Name !== 'entity').map((type) => [
        type.Name,
        type.BaseType,
        type.Key,
      ]),
    ).toEqual(
      schema.EntityType.filter((type) => type.Name !== 'entity').map((type) => [
        type.Name,
        `${NAMESPACE}.entity`,
        undefined,
      ]),
    );
  });

  it('types a schedule’s duration as Edm.Duration, as Graph does', () => {
    expect(
      complexType(`${NAMESPACE}.governanceSchedule`).Property,
    ).toContainEqual({ Name: 'duration', Type: 'Edm.Duration' });
  });

  it('answers the document at /beta/%24metadata too, as clients that encode the $ ask for it', async () => {
    const response = await request(testApp.server).get('/beta/%24metadata');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/xml;charset=utf-8',
    );
    expect(response.text).toBe(xml);
  });

  it.each(['xml', 'application/xml', 'application/xml;charset=utf-8'])(
    'answers the document with $format=%s, the format it is in',
    async (format) => {
      const response = await request(testApp.server)
        .get(METADATA_PATH)
        .query({ $format: format });

      expect(response.status).toBe(200);
      expect(response.text).toBe(xml);
    },
  );

  it.each(['json', 'application/json', 'atom'])(
    'refuses $format=%s with a Graph 400 naming it: the document is XML only',
    async (format) => {
      const response = await request(testApp.server)
        .get(METADATA_PATH)
        .query({ $format: format });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'BadRequest',
        message: `The $metadata document is served as XML only: the $format '${format}' is not supported; use $format=xml or leave it out.`,
      });
    },
  );

  it('refuses the query options a document does not take', async () => {
    const response = await request(testApp.server)
      .get(METADATA_PATH)
      .query({ $select: 'id' });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BadRequest');
  });

  it.each([
    `${ROOT}/resources/$metadata`,
    `${ROOT}/resources/%24metadata`,
    `${ROOT}/roleAssignments/$metadata`,
    `${ROOT}/roleDefinitions/$value`,
  ])(
    'answers %s with Graph’s segment not found, not as an id',
    async (path) => {
      const response = await request(testApp.server)
        .get(path)
        .set('Authorization', `Bearer ${appToken()}`);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'BadRequest',
        message: `Resource not found for the segment '${decodeURIComponent(path.split('/').pop()!)}'.`,
      });
    },
  );

  it('binds every navigation property to the entity set of its type', () => {
    for (const set of schema.EntityContainer.EntitySet) {
      // A contained collection (a resource's roleDefinitions) has no binding: it is the entity's own.
      const navigations = (
        entityType(set.EntityType).NavigationProperty ?? []
      ).filter((navigation) => navigation.ContainsTarget !== 'true');
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

  it('declares the operations bound to a collection: register of resources, the export function of assignments', () => {
    expect(schema.Action).toContainEqual({
      Name: 'register',
      IsBound: 'true',
      Parameter: [
        {
          Name: 'bindingParameter',
          Type: `Collection(${NAMESPACE}.governanceResource)`,
        },
        { Name: 'externalId', Type: 'Edm.String' },
      ],
    });
    expect(schema.Function).toEqual([
      {
        Name: 'export',
        IsBound: 'true',
        Parameter: [
          {
            Name: 'bindingParameter',
            Type: `Collection(${NAMESPACE}.governanceRoleAssignment)`,
          },
        ],
        ReturnType: { Type: 'Collection(Edm.String)' },
      },
    ]);
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
        // privilegedAccess's collections are paths of their own (checked below), not expansions.
        const navigations =
          setName === 'privilegedAccess'
            ? []
            : (type.NavigationProperty ?? []).map(({ Name }) => Name);
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

    it('emits the properties computed on $select as the document types them, when a list selects every property', async () => {
      const type = entityType(`${NAMESPACE}.governanceResource`);
      const response = await list(
        `${ROOT}/resources?$select=${propertiesOf(type)
          .map(({ Name }) => Name)
          .join(',')}`,
      );

      expect(response.status).toBe(200);
      expect(response.body.value.length).toBeGreaterThan(0);
      for (const entity of response.body.value) {
        checkEntity(entity, type, 'governanceResources?$select', []);
      }
    });

    it('declares the collections privilegedAccess contains, each served below azureResources as its own set', async () => {
      const type = entityType(entitySet('privilegedAccess').EntityType);
      const contained = type.NavigationProperty ?? [];

      expect(contained.map(({ Name }) => Name).sort()).toEqual([
        'resources',
        'roleAssignmentRequests',
        'roleAssignments',
        'roleDefinitions',
        'roleSettings',
      ]);
      for (const navigation of contained) {
        expect(navigation.ContainsTarget).toBe('true');
        seenNavigations.add(`privilegedAccess/${navigation.Name}`);
        const response = await list(`${ROOT}/${navigation.Name}?$top=1`);
        expect(response.status).toBe(200);
        const setName = /#([^/]+)$/.exec(
          response.body['@odata.context'] as string,
        )?.[1];
        expect(`Collection(${entitySet(setName!).EntityType})`).toBe(
          navigation.Type,
        );
      }
    });

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

    /** The set's entities in its list. */
    function entitiesOf(
      setName: string,
      body: { '@odata.context': string; value: Record<string, unknown>[] },
    ): Record<string, unknown>[] {
      expect(body['@odata.context']).toMatch(
        new RegExp(`/beta/\\$metadata#${setName}$`),
      );
      return body.value;
    }

    /** `unselected`: the properties the request left to `$select`, which may be absent. */
    function checkEntity(
      entity: Record<string, unknown>,
      type: CsdlStructuredType,
      where: string,
      unselected: readonly string[] = SELECTED_ONLY[type.Name] ?? [],
    ): void {
      const properties = propertiesOf(type);
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
          .filter(
            (name) => !emitted.includes(name) && !unselected.includes(name),
          ),
      }).toEqual({ where, missing: [] });
      for (const property of properties.filter(({ Name }) =>
        emitted.includes(Name),
      )) {
        checkValue(
          entity[property.Name],
          property,
          `${where}/${property.Name}`,
        );
      }
      for (const navigation of navigations) {
        const related = entity[navigation.Name];
        const elementType = /^Collection\((.+)\)$/.exec(navigation.Type)?.[1];
        if (elementType && related !== undefined) {
          expect({ where, [navigation.Name]: Array.isArray(related) }).toEqual({
            where,
            [navigation.Name]: true,
          });
        }
        const items = elementType
          ? ((related ?? []) as Record<string, unknown>[])
          : related === undefined || related === null
            ? []
            : [related as Record<string, unknown>];
        for (const item of items) {
          seenNavigations.add(`${type.Name}/${navigation.Name}`);
          checkEntity(
            item,
            entityType(elementType ?? navigation.Type),
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
    'Edm.Duration': 'string',
    'Edm.DateTimeOffset': 'string',
    'Edm.Boolean': 'boolean',
    'Edm.Int32': 'number',
  };

  /** A type's properties, those of its base type first. */
  function propertiesOf(type: CsdlStructuredType): CsdlProperty[] {
    return [
      ...(type.BaseType ? propertiesOf(entityType(type.BaseType)) : []),
      ...(type.Property ?? []),
    ];
  }

  function isDeclaredIn(type: CsdlStructuredType) {
    const names = new Set([
      ...propertiesOf(type).map(({ Name }) => Name),
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
