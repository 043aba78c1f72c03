import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type {
  AnyGraphTypeDeclaration,
  ODataActionParameter,
  ODataBoundAction,
  ODataEntitySet,
} from '../odata/entity-set.js';
import type {
  ColumnProperty,
  GraphPropertyDeclaration,
  ODataPropertyType,
} from '../odata/graph-type.js';

/** The namespace of every type of the document, as in Graph's own `$metadata`. */
export const EDM_NAMESPACE = 'microsoft.graph';

export interface EdmProperty {
  readonly name: string;
  /** A qualified type, perhaps `Collection(…)`. */
  readonly type: string;
  readonly nullable: boolean;
}

export interface EdmNavigationProperty {
  readonly name: string;
  readonly type: string;
  /** A collection the entity contains (`ContainsTarget`), which has no binding to a set. */
  readonly containsTarget?: boolean;
}

export interface EdmComplexType {
  readonly name: string;
  readonly properties: readonly EdmProperty[];
}

/**
 * An entity type. As in Graph's document, one abstract type (`entity`) holds the key, and every
 * other derives from it: a derived type declares no key and no `id` of its own.
 */
export interface EdmEntityType extends EdmComplexType {
  readonly key?: string;
  readonly abstract?: boolean;
  /** The qualified type it derives from. */
  readonly baseType?: string;
  readonly navigationProperties: readonly EdmNavigationProperty[];
}

export interface EdmEntitySet {
  readonly name: string;
  readonly entityType: string;
  /** Each navigation property and the entity set it leads to. */
  readonly navigationBindings: readonly {
    readonly path: string;
    readonly target: string;
  }[];
}

/** A bound action, or a bound function when `isFunction`. */
export interface EdmAction {
  readonly name: string;
  readonly isFunction?: true;
  /** The entity type, or `Collection(…)` of it for an operation bound to the collection. */
  readonly bindingType: string;
  readonly parameters: readonly {
    readonly name: string;
    readonly type: string;
  }[];
  readonly returnType?: string;
}

/** What `$metadata` describes: the types the service emits, its entity sets and actions. */
export interface EdmModel {
  readonly namespace: string;
  readonly entityTypes: readonly EdmEntityType[];
  readonly complexTypes: readonly EdmComplexType[];
  readonly actions: readonly EdmAction[];
  readonly entitySets: readonly EdmEntitySet[];
}

/** The entity sets to describe, and how a navigation finds the set it leads to. */
export interface EntitySetSource {
  all(): readonly ODataEntitySet[];
  named(name: string): ODataEntitySet;
}

/** The key every entity set of the service is read by. */
const KEY = 'id';

/** Graph's abstract base of every entity type: the key, and nothing else. */
export const BASE_ENTITY_TYPE: EdmEntityType = {
  name: 'entity',
  key: KEY,
  abstract: true,
  properties: [{ name: KEY, type: 'Edm.String', nullable: false }],
  navigationProperties: [],
};

const PRIMITIVE_TYPES: Record<ODataPropertyType, string> = {
  string: 'Edm.String',
  // Graph's ids are strings in its metadata, whatever their form.
  guid: 'Edm.String',
  dateTime: 'Edm.DateTimeOffset',
  boolean: 'Edm.Boolean',
  integer: 'Edm.Int32',
  duration: 'Edm.Duration',
};

const JSON_SCHEMA_TYPES: Readonly<Record<string, string>> = {
  string: 'Edm.String',
  integer: 'Edm.Int32',
  number: 'Edm.Double',
  boolean: 'Edm.Boolean',
};

/** Derives the model from the entity sets' declarations: the document and the JSON agree. */
export function edmModelOf(sets: EntitySetSource): EdmModel {
  const complexTypes = new ComplexTypes();
  const entityTypes = new Map<string, EdmEntityType>([
    [BASE_ENTITY_TYPE.name, BASE_ENTITY_TYPE],
  ]);
  for (const set of sets.all()) {
    addOnce(entityTypes, entityTypeOf(set, sets, complexTypes), 'entity type');
  }
  const actions = sets
    .all()
    .flatMap((set) =>
      (set.actions ?? []).map((action) =>
        actionOf(set, action, sets, entityTypes, complexTypes),
      ),
    );
  return {
    namespace: EDM_NAMESPACE,
    entityTypes: [...entityTypes.values()],
    complexTypes: complexTypes.all(),
    actions,
    entitySets: sets.all().map((set) => entitySetOf(set, sets)),
  };
}

function qualified(name: string): string {
  return `${EDM_NAMESPACE}.${name}`;
}

function entityTypeOf(
  set: ODataEntitySet,
  sets: EntitySetSource,
  complexTypes: ComplexTypes,
): EdmEntityType {
  if (!(KEY in set.type)) {
    throw new Error(
      `$metadata: the type ${set.typeName} of ${set.name} declares no '${KEY}', its key.`,
    );
  }
  // The key is the base type's.
  const declared = Object.fromEntries(
    Object.entries(set.type).filter(([name]) => name !== KEY),
  );
  return {
    name: set.typeName,
    baseType: qualified(BASE_ENTITY_TYPE.name),
    properties: propertiesOf(declared, set.typeName, set, complexTypes),
    navigationProperties: [
      ...Object.entries(set.navigation).map(([name, navigation]) => ({
        name,
        type: qualified(sets.named(navigation.target).typeName),
      })),
      ...[
        ...Object.entries(set.collectionNavigation ?? {}).map(
          ([name, navigation]) => [name, navigation.target] as const,
        ),
        ...containedCollectionsOf(set, sets),
      ].map(([name, target]) => ({
        name,
        type: `Collection(${qualified(sets.named(target).typeName)})`,
        containsTarget: true,
      })),
    ],
  };
}

/**
 * The collections an entity of `set` contains: those of the sets whose provider path starts with
 * its name (`containedIn`), by collection name.
 */
function containedCollectionsOf(
  set: ODataEntitySet,
  sets: EntitySetSource,
): (readonly [string, string])[] {
  return sets
    .all()
    .flatMap(({ name, containedIn }) =>
      containedIn?.provider.split('/')[0] === set.name
        ? [[containedIn.collection, name] as const]
        : [],
    )
    .sort(([a], [b]) => a.localeCompare(b));
}

function entitySetOf(set: ODataEntitySet, sets: EntitySetSource): EdmEntitySet {
  return {
    name: set.name,
    entityType: qualified(set.typeName),
    navigationBindings: Object.entries(set.navigation).map(
      ([path, navigation]) => ({
        path,
        target: sets.named(navigation.target).name,
      }),
    ),
  };
}

function actionOf(
  set: ODataEntitySet,
  action: ODataBoundAction,
  sets: EntitySetSource,
  entityTypes: ReadonlyMap<string, EdmEntityType>,
  complexTypes: ComplexTypes,
): EdmAction {
  const parameterType = (parameter: ODataActionParameter): string => {
    if (typeof parameter.type === 'string') {
      return PRIMITIVE_TYPES[parameter.type];
    }
    const name = unqualified(parameter.type.named);
    if (!complexTypes.has(name) && !entityTypes.has(name)) {
      throw new Error(
        `$metadata: the parameter '${parameter.name}' of the action '${action.name}' of ${set.name} names no type of the document: '${parameter.type.named}'.`,
      );
    }
    return qualified(name);
  };
  const entityType = qualified(set.typeName);
  return {
    name: action.name,
    ...(action.isFunction && { isFunction: true }),
    bindingType:
      action.boundTo === 'collection'
        ? `Collection(${entityType})`
        : entityType,
    parameters: (action.parameters ?? []).map((parameter) => ({
      name: parameter.name,
      type: parameterType(parameter),
    })),
    ...(action.returns && { returnType: returnTypeOf(action.returns, sets) }),
  };
}

function returnTypeOf(
  returns: NonNullable<ODataBoundAction['returns']>,
  sets: EntitySetSource,
): string {
  return typeof returns === 'string'
    ? qualified(sets.named(returns).typeName)
    : `Collection(${PRIMITIVE_TYPES[returns.collectionOf]})`;
}

/** What a property's description needs of the set it belongs to, for the errors it words. */
type Owner = Pick<ODataEntitySet, 'name' | 'components'>;

function propertiesOf(
  declaration: AnyGraphTypeDeclaration,
  typeName: string,
  owner: Owner,
  complexTypes: ComplexTypes,
): EdmProperty[] {
  return Object.entries(declaration).map(([name, property]) =>
    propertyOf(name, property, typeName, owner, complexTypes),
  );
}

function propertyOf(
  name: string,
  property: GraphPropertyDeclaration<never>,
  typeName: string,
  owner: Owner,
  complexTypes: ComplexTypes,
): EdmProperty {
  if ('object' in property) {
    const complexName = property.named
      ? unqualified(property.named.name)
      : `${typeName}${pascal(name)}`;
    complexTypes.add({
      name: complexName,
      properties: propertiesOf(
        property.object,
        complexName,
        owner,
        complexTypes,
      ),
    });
    return {
      name,
      type: qualified(complexName),
      nullable: property.nullWhen !== undefined,
    };
  }
  if (property.type !== 'json') {
    return {
      name,
      type: PRIMITIVE_TYPES[property.type],
      nullable: property.nullable === true,
    };
  }
  const schema = jsonColumnSchema(property);
  if (!schema) {
    throw new Error(
      `$metadata: the property '${name}' of ${typeName} (${owner.name}) is JSON without a schema, so its type is unknown.`,
    );
  }
  const reader = new JsonSchemaReader(
    { ...owner.components, ...property.listOf?.components },
    complexTypes,
    `${typeName}.${name} (${owner.name})`,
  );
  return {
    name,
    type: reader.typeOf(schema, `${typeName}${pascal(name)}`),
    nullable: property.nullable === true,
  };
}

function jsonColumnSchema(
  property: ColumnProperty<never>,
): SchemaObject | undefined {
  if (property.listOf) {
    return { type: 'array', items: property.listOf.schema };
  }
  return property.schema && Object.keys(property.schema).length > 0
    ? property.schema
    : undefined;
}

/**
 * The EDM type of a JSON column, from its OpenAPI schema: the one description such a column
 * has. A schema object shared by several properties (a rule list's items) is one complex type;
 * an untitled one is named after the property that has it first.
 */
class JsonSchemaReader {
  constructor(
    private readonly components: Readonly<Record<string, SchemaObject>>,
    private readonly complexTypes: ComplexTypes,
    private readonly where: string,
  ) {}

  typeOf(schema: SchemaObject | ReferenceObject, nameIfObject: string): string {
    if ('$ref' in schema) {
      return this.referencedType(schema.$ref);
    }
    const type = [schema.type ?? []].flat().find((name) => name !== 'null');
    if (type === 'array' && schema.items) {
      return `Collection(${this.typeOf(schema.items, nameIfObject)})`;
    }
    if (type === 'object' && schema.properties) {
      return qualified(this.objectType(schema, nameIfObject));
    }
    if (type === 'string' && schema.format === 'date-time') {
      return 'Edm.DateTimeOffset';
    }
    const primitive = type === undefined ? undefined : JSON_SCHEMA_TYPES[type];
    if (!primitive) {
      throw new Error(
        `$metadata: the schema of ${this.where} names no type it can describe.`,
      );
    }
    return primitive;
  }

  private referencedType(reference: string): string {
    const name = reference.split('/').pop() ?? '';
    const schema = this.components[name];
    if (!schema) {
      throw new Error(
        `$metadata: ${this.where} refers to '${reference}', which its set does not hold.`,
      );
    }
    return qualified(this.objectType(schema, unqualified(name)));
  }

  /** An object's complex type: named by its schema's `title` when it has one. */
  private objectType(schema: SchemaObject, nameIfUntitled: string): string {
    const known = this.complexTypes.nameOf(schema);
    if (known) {
      return known;
    }
    const name = schema.title ? unqualified(schema.title) : nameIfUntitled;
    const required = new Set(schema.required ?? []);
    const properties = Object.entries(schema.properties ?? {}).map(
      ([property, propertySchema]) => ({
        name: property,
        type: this.typeOf(propertySchema, `${name}${pascal(property)}`),
        nullable: !required.has(property) || allowsNull(propertySchema),
      }),
    );
    this.complexTypes.add({ name, properties }, schema);
    return name;
  }
}

function allowsNull(schema: SchemaObject | ReferenceObject): boolean {
  return !('$ref' in schema) && [schema.type].flat().includes('null');
}

/** The complex types of the document, each named once. */
class ComplexTypes {
  private readonly byName = new Map<string, EdmComplexType>();
  private readonly bySchema = new WeakMap<SchemaObject, string>();

  add(type: EdmComplexType, schema?: SchemaObject): void {
    addOnce(this.byName, type, 'complex type');
    if (schema) {
      this.bySchema.set(schema, type.name);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  nameOf(schema: SchemaObject): string | undefined {
    return this.bySchema.get(schema);
  }

  all(): EdmComplexType[] {
    return [...this.byName.values()];
  }
}

/** Adds a named type; the same name again must describe the same type. */
function addOnce<Type extends EdmComplexType>(
  types: Map<string, Type>,
  type: Type,
  kind: string,
): void {
  const existing = types.get(type.name);
  if (existing && JSON.stringify(existing) !== JSON.stringify(type)) {
    throw new Error(
      `$metadata: two declarations of the ${kind} '${type.name}' differ.`,
    );
  }
  types.set(type.name, type);
}

function unqualified(name: string): string {
  return name.startsWith(`${EDM_NAMESPACE}.`)
    ? name.slice(EDM_NAMESPACE.length + 1)
    : name;
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
