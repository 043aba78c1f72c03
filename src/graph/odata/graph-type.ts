import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/** How a property compares and sorts, and so which literals it accepts in `$filter`. */
export type ODataPropertyType =
  'string' | 'guid' | 'dateTime' | 'boolean' | 'integer' | 'duration';

/** A property path of `$filter` and `$orderby` (`displayName`, `status/subStatus`) and its column. */
export interface ODataPropertyMapping {
  /** The entity's property stored in the column. */
  readonly column: string;
  readonly type: ODataPropertyType;
  /** Nullable properties filter with `eq null`, and cannot order a list (keyset paging). */
  readonly nullable?: boolean;
}

/** A property of a Graph type stored in one column of its entity. */
export interface ColumnProperty<T> {
  readonly column: keyof T & string;
  /**
   * How `$filter` compares it, which also says its JSON type; `json` for a value shown as stored
   * (a list, an object), which `$filter` and `$orderby` cannot use.
   */
  readonly type: ODataPropertyType | 'json';
  readonly nullable?: boolean;
  /** Shown, but not a property `$filter` and `$orderby` may use. */
  readonly filterable?: false;
  /** What the OpenAPI document says of it after its type; for `json`, its whole schema. */
  readonly schema?: SchemaObject;
  /** For `json`: a list of this named type, whose schema the document shows by reference. */
  readonly listOf?: Pick<GraphType<unknown>, 'schema' | 'components'>;
}

/**
 * A type the OpenAPI document names (`microsoft.graph.governanceSchedule`) and shows by
 * reference, every property required: every key of the JSON is always present.
 */
export interface NamedType {
  readonly name: string;
  readonly description?: string;
}

/** A property of a Graph type made of others: `status` of `status/status`, `status/subStatus`. */
export interface ObjectProperty<T> {
  readonly object: GraphTypeDeclaration<T>;
  /** The property is null, not an object, when this holds of the entity. */
  readonly nullWhen?: (entity: T) => boolean;
  readonly named?: NamedType;
}

export type GraphPropertyDeclaration<T> = ColumnProperty<T> | ObjectProperty<T>;

/** The properties of a Graph type, in Graph's order: its one declaration. */
export type GraphTypeDeclaration<T> = Readonly<
  Record<string, GraphPropertyDeclaration<T>>
>;

/** What the OData machinery and the OpenAPI document need of a Graph type, from its declaration. */
export interface GraphType<T> {
  /** Every top-level property, in Graph's order: what `$select` may name. */
  readonly graphProperties: readonly string[];
  /** The property paths `$filter` and `$orderby` may use, and their columns. */
  readonly properties: Readonly<Record<string, ODataPropertyMapping>>;
  /** The Graph JSON of one entity, every property present. */
  readonly present: (entity: T) => Record<string, unknown>;
  /** Its OpenAPI schema: a reference when the type is named. */
  readonly schema: SchemaObject | ReferenceObject;
  /** The named schemas its schema refers to, its own included, by name. */
  readonly components: Readonly<Record<string, SchemaObject>>;
}

type Present<T> = (entity: T) => unknown;

/**
 * Derives the presenter, the `$filter` map and the OpenAPI schema of a Graph type. `selectedOnly`
 * declares the properties Graph emits only when `$select` names them: `$select` may name them
 * and the schema shows them, not required, but neither the presenter nor `$filter` knows them.
 */
export function graphTypeOf<T>(
  declaration: GraphTypeDeclaration<T>,
  named?: NamedType,
  selectedOnly: GraphTypeDeclaration<never> = {},
): GraphType<T> {
  const components: Record<string, SchemaObject> = {};
  return {
    graphProperties: [
      ...Object.keys(declaration),
      ...Object.keys(selectedOnly),
    ],
    properties: filterPaths(declaration, ''),
    present: presenterOf(declaration),
    schema: schemaOf(
      { ...declaration, ...selectedOnly },
      named,
      components,
      Object.keys(declaration),
    ),
    components,
  };
}

/** Where the document keeps a named schema. */
export function schemaReference(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

function isObjectProperty<T>(
  property: GraphPropertyDeclaration<T>,
): property is ObjectProperty<T> {
  return 'object' in property;
}

function filterPaths<T>(
  declaration: GraphTypeDeclaration<T>,
  prefix: string,
): Record<string, ODataPropertyMapping> {
  const paths: Record<string, ODataPropertyMapping> = {};
  for (const [name, property] of Object.entries(declaration)) {
    if (isObjectProperty(property)) {
      Object.assign(paths, filterPaths(property.object, `${prefix}${name}/`));
    } else if (property.type !== 'json' && property.filterable !== false) {
      paths[`${prefix}${name}`] = {
        column: property.column,
        type: property.type,
        ...(property.nullable ? { nullable: true } : {}),
      };
    }
  }
  return paths;
}

/** The readers are made once: a list presents every entity of its page with them. */
function presenterOf<T>(
  declaration: GraphTypeDeclaration<T>,
): (entity: T) => Record<string, unknown> {
  const readers: [string, Present<T>][] = Object.entries(declaration).map(
    ([name, property]) => [name, readerOf(property)],
  );
  return (entity) => {
    const json: Record<string, unknown> = {};
    for (const [name, read] of readers) {
      json[name] = read(entity);
    }
    return json;
  };
}

function readerOf<T>(property: GraphPropertyDeclaration<T>): Present<T> {
  if (isObjectProperty(property)) {
    const present = presenterOf(property.object);
    const nullWhen = property.nullWhen;
    return nullWhen
      ? (entity) => (nullWhen(entity) ? null : present(entity))
      : present;
  }
  const column = property.column;
  return property.type === 'dateTime'
    ? (entity) => (entity[column] as Date | null)?.toISOString() ?? null
    : (entity) => entity[column];
}

const JSON_TYPES: Record<ODataPropertyType, SchemaObject> = {
  string: { type: 'string' },
  guid: { type: 'string' },
  dateTime: { type: 'string', format: 'date-time' },
  boolean: { type: 'boolean' },
  integer: { type: 'integer' },
  duration: { type: 'string', format: 'duration' },
};

/** A type's schema, or the reference to it when named (then kept in `components`). */
function schemaOf<T>(
  declaration: GraphTypeDeclaration<T>,
  named: NamedType | undefined,
  components: Record<string, SchemaObject>,
  required: readonly string[] = Object.keys(declaration),
): SchemaObject | ReferenceObject {
  const properties = Object.fromEntries(
    Object.entries(declaration).map(([name, property]) => [
      name,
      isObjectProperty(property)
        ? objectSchema(property, components)
        : propertySchema(property, components),
    ]),
  );
  if (!named) {
    return { type: 'object', properties };
  }
  components[named.name] = {
    type: 'object',
    properties,
    ...(named.description ? { description: named.description } : {}),
    required: [...required],
  };
  return schemaReference(named.name);
}

function objectSchema<T>(
  property: ObjectProperty<T>,
  components: Record<string, SchemaObject>,
): SchemaObject | ReferenceObject {
  const schema = schemaOf(property.object, property.named, components);
  return property.named && property.nullWhen
    ? { anyOf: [schema, { type: 'null' }] }
    : schema;
}

function propertySchema<T>(
  property: ColumnProperty<T>,
  components: Record<string, SchemaObject>,
): SchemaObject {
  if (property.listOf) {
    Object.assign(components, property.listOf.components);
    return { type: 'array', items: property.listOf.schema };
  }
  if (property.type === 'json') {
    return property.schema ?? {};
  }
  const { type, ...format } = JSON_TYPES[property.type];
  return {
    type: property.nullable ? [type as string, 'null'] : type,
    ...format,
    ...property.schema,
  };
}
