import { defineEntitySet } from '../odata/entity-set.js';
import { EntitySetRegistry } from '../odata/entity-set-registry.js';
import { graphTypeOf } from '../odata/graph-type.js';
import { edmModelOf } from './edm-model.js';

class WidgetEntity {
  id!: string;
  tenantId!: string;
  name!: string;
  count!: number;
  seenAt!: Date | null;
  phase!: string;
  rules!: { ruleIdentifier: string; setting: string }[];
  pairs!: { key: string; value: string }[];
  partId!: string;
}

const PAIR = graphTypeOf<{ key: string; value: string }>(
  {
    key: { column: 'key', type: 'string' },
    value: { column: 'value', type: 'string' },
  },
  { name: 'microsoft.graph.keyValue' },
);

const RULES_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      ruleIdentifier: { type: 'string' },
      setting: { type: 'string' },
    },
  },
} as const;

function widgets(
  overrides: Partial<Parameters<typeof defineEntitySet<WidgetEntity>>[0]> = {},
) {
  return defineEntitySet<WidgetEntity>({
    name: 'widgets',
    typeName: 'widget',
    entity: WidgetEntity,
    type: {
      id: { column: 'id', type: 'guid' },
      name: { column: 'name', type: 'string' },
      count: { column: 'count', type: 'integer' },
      seenDateTime: { column: 'seenAt', type: 'dateTime', nullable: true },
      progress: { object: { phase: { column: 'phase', type: 'string' } } },
      window: {
        named: { name: 'microsoft.graph.widgetWindow' },
        object: { phase: { column: 'phase', type: 'string' } },
        nullWhen: (widget) => widget.phase === 'none',
      },
      eligibleRules: { column: 'rules', type: 'json', schema: RULES_SCHEMA },
      activeRules: { column: 'rules', type: 'json', schema: RULES_SCHEMA },
      pairs: { column: 'pairs', type: 'json', listOf: PAIR },
    },
    navigation: { part: { target: 'parts', sourceProperty: 'partId' } },
    actions: [
      { name: 'poke' },
      {
        name: 'resize',
        parameters: [
          { name: 'size', type: 'integer' },
          { name: 'window', type: { named: 'microsoft.graph.widgetWindow' } },
        ],
        returns: 'widgets',
      },
    ],
    ...overrides,
  });
}

class PartEntity {
  id!: string;
  tenantId!: string;
}

const PARTS = defineEntitySet({
  name: 'parts',
  typeName: 'part',
  entity: PartEntity,
  type: { id: { column: 'id', type: 'guid' } },
  navigation: {},
});

function modelOf(...sets: Parameters<EntitySetRegistry['register']>[0]) {
  const registry = new EntitySetRegistry();
  registry.register(sets);
  return edmModelOf(registry);
}

describe('edmModelOf', () => {
  it('describes each set’s type from its declaration: Edm types, nullability, complex types', () => {
    const model = modelOf(widgets(), PARTS);

    expect(model.namespace).toBe('microsoft.graph');
    expect(model.entityTypes[1]).toEqual({
      name: 'widget',
      baseType: 'microsoft.graph.entity',
      properties: [
        { name: 'name', type: 'Edm.String', nullable: false },
        { name: 'count', type: 'Edm.Int32', nullable: false },
        { name: 'seenDateTime', type: 'Edm.DateTimeOffset', nullable: true },
        // Unnamed: named after its owner and property.
        {
          name: 'progress',
          type: 'microsoft.graph.widgetProgress',
          nullable: false,
        },
        {
          name: 'window',
          type: 'microsoft.graph.widgetWindow',
          nullable: true,
        },
        {
          name: 'eligibleRules',
          type: 'Collection(microsoft.graph.widgetEligibleRules)',
          nullable: false,
        },
        // The same schema object: the same complex type.
        {
          name: 'activeRules',
          type: 'Collection(microsoft.graph.widgetEligibleRules)',
          nullable: false,
        },
        {
          name: 'pairs',
          type: 'Collection(microsoft.graph.keyValue)',
          nullable: false,
        },
      ],
      navigationProperties: [{ name: 'part', type: 'microsoft.graph.part' }],
    });
    expect(model.complexTypes.map(({ name }) => name)).toEqual([
      'widgetProgress',
      'widgetWindow',
      'widgetEligibleRules',
      'keyValue',
    ]);
    expect(model.complexTypes[3].properties).toEqual([
      { name: 'key', type: 'Edm.String', nullable: false },
      { name: 'value', type: 'Edm.String', nullable: false },
    ]);
  });

  it('names a JSON object by its schema’s title, when it has one', () => {
    const titled = {
      type: 'array',
      items: { ...RULES_SCHEMA.items, title: 'microsoft.graph.ruleSetting' },
    } as const;
    const set = widgets({
      type: {
        id: { column: 'id', type: 'guid' },
        rules: { column: 'rules', type: 'json', schema: titled },
      },
      actions: [],
    });

    expect(modelOf(set, PARTS).entityTypes[1].properties[0]).toEqual({
      name: 'rules',
      type: 'Collection(microsoft.graph.ruleSetting)',
      nullable: false,
    });
  });

  it('derives every entity type from Graph’s abstract entity, which alone holds the key', () => {
    const model = modelOf(widgets(), PARTS);

    expect(model.entityTypes[0]).toEqual({
      name: 'entity',
      key: 'id',
      abstract: true,
      properties: [{ name: 'id', type: 'Edm.String', nullable: false }],
      navigationProperties: [],
    });
    expect(model.entityTypes.slice(1)).toEqual([
      expect.objectContaining({
        name: 'widget',
        baseType: 'microsoft.graph.entity',
      }),
      {
        name: 'part',
        baseType: 'microsoft.graph.entity',
        properties: [],
        navigationProperties: [],
      },
    ]);
  });

  it('gives every set its entity type and the sets its navigations lead to', () => {
    expect(modelOf(widgets(), PARTS).entitySets).toEqual([
      {
        name: 'widgets',
        entityType: 'microsoft.graph.widget',
        navigationBindings: [{ path: 'part', target: 'parts' }],
      },
      {
        name: 'parts',
        entityType: 'microsoft.graph.part',
        navigationBindings: [],
      },
    ]);
  });

  it('binds the declared actions to their set’s type', () => {
    expect(modelOf(widgets(), PARTS).actions).toEqual([
      { name: 'poke', bindingType: 'microsoft.graph.widget', parameters: [] },
      {
        name: 'resize',
        bindingType: 'microsoft.graph.widget',
        parameters: [
          { name: 'size', type: 'Edm.Int32' },
          { name: 'window', type: 'microsoft.graph.widgetWindow' },
        ],
        returnType: 'microsoft.graph.widget',
      },
    ]);
  });

  it('binds an operation of the collection to Collection(type), a function as a function', () => {
    const set = widgets({
      actions: [
        {
          name: 'enrol',
          boundTo: 'collection',
          parameters: [{ name: 'externalId', type: 'string' }],
        },
        {
          name: 'export',
          boundTo: 'collection',
          isFunction: true,
          returns: { collectionOf: 'string' },
        },
      ],
    });

    expect(modelOf(set, PARTS).actions).toEqual([
      {
        name: 'enrol',
        bindingType: 'Collection(microsoft.graph.widget)',
        parameters: [{ name: 'externalId', type: 'Edm.String' }],
      },
      {
        name: 'export',
        isFunction: true,
        bindingType: 'Collection(microsoft.graph.widget)',
        parameters: [],
        returnType: 'Collection(Edm.String)',
      },
    ]);
  });

  it('refuses an action parameter naming a type the document does not hold', () => {
    const set = widgets({
      actions: [
        {
          name: 'x',
          parameters: [{ name: 'p', type: { named: 'microsoft.graph.nope' } }],
        },
      ],
    });

    expect(() => modelOf(set, PARTS)).toThrow(
      "$metadata: the parameter 'p' of the action 'x' of widgets names no type of the document: 'microsoft.graph.nope'.",
    );
  });

  it('refuses a JSON property without a schema: its type would be a guess', () => {
    const set = widgets({
      type: {
        id: { column: 'id', type: 'guid' },
        rules: { column: 'rules', type: 'json' },
      },
      actions: [],
    });

    expect(() => modelOf(set, PARTS)).toThrow(
      "$metadata: the property 'rules' of widget (widgets) is JSON without a schema, so its type is unknown.",
    );
  });

  it('refuses a type without the id it is keyed by', () => {
    const set = widgets({
      type: { name: { column: 'name', type: 'string' } },
      actions: [],
    });

    expect(() => modelOf(set, PARTS)).toThrow(
      "$metadata: the type widget of widgets declares no 'id', its key.",
    );
  });

  it('refuses two different types of one name', () => {
    const set = widgets({
      type: {
        id: { column: 'id', type: 'guid' },
        a: {
          named: { name: 'microsoft.graph.twin' },
          object: { phase: { column: 'phase', type: 'string' } },
        },
        b: {
          named: { name: 'microsoft.graph.twin' },
          object: { name: { column: 'name', type: 'string' } },
        },
      },
      actions: [],
    });

    expect(() => modelOf(set, PARTS)).toThrow(
      "$metadata: two declarations of the complex type 'twin' differ.",
    );
  });
});
