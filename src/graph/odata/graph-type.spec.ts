import { graphTypeOf, schemaReference } from './graph-type.js';

class GizmoEntity {
  id!: string;
  name!: string;
  madeAt!: Date;
  checkedAt!: Date | null;
  phase!: string | null;
  notes!: string[];
  secret!: string;
}

const GIZMO = graphTypeOf<GizmoEntity>({
  id: { column: 'id', type: 'guid' },
  displayName: { column: 'name', type: 'string', schema: { example: 'A' } },
  madeDateTime: { column: 'madeAt', type: 'dateTime' },
  check: {
    object: {
      phase: { column: 'phase', type: 'string', nullable: true },
      checkedDateTime: {
        column: 'checkedAt',
        type: 'dateTime',
        nullable: true,
      },
    },
    nullWhen: (gizmo) => gizmo.phase === null,
  },
  notes: { column: 'notes', type: 'json', schema: { type: 'array' } },
  code: { column: 'secret', type: 'string', filterable: false },
});

const gizmo: GizmoEntity = {
  id: '0123abcd-89ab-cdef-0123-456789abcdef',
  name: 'Gizmo',
  madeAt: new Date('2031-01-02T03:04:05.000Z'),
  checkedAt: null,
  phase: 'Testing',
  notes: ['one'],
  secret: 'x1',
};

describe('a Graph type declared once', () => {
  it('lists its properties in the declared order, for $select', () => {
    expect(GIZMO.graphProperties).toEqual([
      'id',
      'displayName',
      'madeDateTime',
      'check',
      'notes',
      'code',
    ]);
  });

  it('presents every property under its Graph name, dates in ISO 8601, in order', () => {
    const json = GIZMO.present(gizmo);

    expect(json).toEqual({
      id: gizmo.id,
      displayName: 'Gizmo',
      madeDateTime: '2031-01-02T03:04:05.000Z',
      check: { phase: 'Testing', checkedDateTime: null },
      notes: ['one'],
      code: 'x1',
    });
    expect(Object.keys(json)).toEqual(GIZMO.graphProperties);
  });

  it('presents an object property as null when its entity says so', () => {
    expect(GIZMO.present({ ...gizmo, phase: null }).check).toBeNull();
  });

  it('offers $filter the paths of its filterable properties, an object property by its path', () => {
    expect(GIZMO.properties).toEqual({
      id: { column: 'id', type: 'guid' },
      displayName: { column: 'name', type: 'string' },
      madeDateTime: { column: 'madeAt', type: 'dateTime' },
      'check/phase': { column: 'phase', type: 'string', nullable: true },
      'check/checkedDateTime': {
        column: 'checkedAt',
        type: 'dateTime',
        nullable: true,
      },
    });
  });

  it('documents each property by its type, nullable ones as such, with what it adds', () => {
    expect(GIZMO.schema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        displayName: { type: 'string', example: 'A' },
        madeDateTime: { type: 'string', format: 'date-time' },
        check: {
          type: 'object',
          properties: {
            phase: { type: ['string', 'null'] },
            checkedDateTime: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        notes: { type: 'array' },
        code: { type: 'string' },
      },
    });
  });

  describe('when named', () => {
    const LABEL = graphTypeOf<{ text: string }>(
      { text: { column: 'text', type: 'string' } },
      { name: 'example.label', description: 'A label.' },
    );
    const NAMED = graphTypeOf<GizmoEntity>(
      {
        id: { column: 'id', type: 'guid' },
        check: {
          named: { name: 'example.check' },
          object: {
            phase: { column: 'phase', type: 'string', nullable: true },
          },
          nullWhen: (entity) => entity.phase === null,
        },
        notes: { column: 'notes', type: 'json', listOf: LABEL },
      },
      { name: 'example.gizmo' },
    );

    it('is shown by reference, its parts too, a nullable part as a reference or null', () => {
      expect(NAMED.schema).toEqual(schemaReference('example.gizmo'));
      expect(NAMED.components['example.gizmo']).toEqual({
        type: 'object',
        properties: {
          id: { type: 'string' },
          check: {
            anyOf: [schemaReference('example.check'), { type: 'null' }],
          },
          notes: { type: 'array', items: schemaReference('example.label') },
        },
        required: ['id', 'check', 'notes'],
      });
    });

    it('holds every named schema it refers to, each requiring all its keys', () => {
      expect(Object.keys(NAMED.components).sort()).toEqual([
        'example.check',
        'example.gizmo',
        'example.label',
      ]);
      expect(NAMED.components['example.label']).toEqual({
        type: 'object',
        properties: { text: { type: 'string' } },
        description: 'A label.',
        required: ['text'],
      });
    });
  });
});

describe('a Graph type with properties emitted only when $select names them', () => {
  const counted = graphTypeOf<GizmoEntity>(
    { id: { column: 'id', type: 'guid' } },
    { name: 'microsoft.graph.countedGizmo' },
    { partCount: { column: 'partCount', type: 'integer' } },
  );

  it('lets $select name them, after the stored ones, but neither presents them nor filters by them', () => {
    expect(counted.graphProperties).toEqual(['id', 'partCount']);
    expect(counted.present(gizmo)).toEqual({ id: gizmo.id });
    expect(Object.keys(counted.properties)).toEqual(['id']);
  });

  it('shows them in the named schema, not required', () => {
    expect(counted.components['microsoft.graph.countedGizmo']).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        partCount: { type: 'integer' },
      },
      required: ['id'],
    });
  });
});
