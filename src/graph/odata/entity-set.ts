import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import {
  type GraphTypeDeclaration,
  graphTypeOf,
  type NamedType,
  type ODataPropertyMapping,
  type ODataPropertyType,
} from './graph-type.js';

/** A stored entity of a tenant-scoped entity set. */
export interface TenantEntity {
  id: string;
  tenantId: string;
}

/** The name of an entity set, such as `governanceResources`: how navigations name their target. */
export type EntitySetName = string;

/**
 * A single-valued navigation property for `$expand`: the related entity is the target's entity
 * whose `targetProperty` equals this entity's `sourceProperty`, in the same tenant.
 */
export interface ODataNavigationProperty {
  /**
   * A name, resolved by the entity-set registry (entity-set-registry.ts): entity sets refer to
   * each other, and importing each other would be a cycle.
   */
  readonly target: EntitySetName;
  readonly sourceProperty: string;
  /** Defaults to the target's `id`. */
  readonly targetProperty?: string;
}

/** The provider that contains an entity set's collection, and the collection's name there. */
export interface ContainedCollection {
  /**
   * The provider's path below the Graph version, such as `privilegedAccess/azureResources`: the
   * set of providers (whose type `$metadata` says contains the collection), then the provider.
   */
  readonly provider: string;
  /** Such as `roleDefinitions`: also its name below a parent (`resources/{id}/roleDefinitions`). */
  readonly collection: string;
}

/**
 * A declared Graph type of any entity: `never` widens its columns to any name, so that every
 * set's declaration fits it. Read for what it describes (`$metadata`), never to present.
 */
export type AnyGraphTypeDeclaration = GraphTypeDeclaration<never>;

/** A parameter of a bound action's body: a primitive type, or a type the document names. */
export interface ODataActionParameter {
  readonly name: string;
  readonly type: ODataPropertyType | { readonly named: string };
}

/**
 * An operation bound to a set, as `$metadata` declares it: an action (a POST) or a function (a
 * GET that changes nothing), bound to one entity (`…/{id}/cancel`) or to the whole collection
 * (`…/resources/register`, `…/roleAssignments/export()`).
 */
export interface ODataBoundAction {
  readonly name: string;
  /** One entity unless said otherwise. */
  readonly boundTo?: 'entity' | 'collection';
  readonly isFunction?: boolean;
  /** Its body's parameters, in Graph's order. */
  readonly parameters?: readonly ODataActionParameter[];
  /** The entity set whose type it returns, or a collection of a primitive type. */
  readonly returns?:
    EntitySetName | { readonly collectionOf: ODataPropertyType };
}

/**
 * What the shared OData machinery needs to know of an entity set to list, filter, order, page,
 * select and expand it in SQL. Each feature module declares its own.
 */
export interface ODataEntitySet<T extends TenantEntity = TenantEntity> {
  /** The entity set of `@odata.context`, and the name navigations give their target. */
  readonly name: EntitySetName;
  /** The entity type, as Graph's errors name it: `microsoft.graph.<typeName>`. */
  readonly typeName: string;
  /** Where a provider serves its collection too, besides at its own name (collection-paths.ts). */
  readonly containedIn?: ContainedCollection;
  /** The TypeORM entity class. */
  readonly entity: new () => T;
  /** Every top-level property of the Graph JSON, in Graph's order: what `$select` may name. */
  readonly graphProperties: readonly string[];
  /** The property paths `$filter` and `$orderby` may use. */
  readonly properties: Readonly<Record<string, ODataPropertyMapping>>;
  readonly navigation: Readonly<Record<string, ODataNavigationProperty>>;
  /**
   * Collection-valued navigation properties, which `$expand` follows: every entity of the target
   * whose `targetProperty` equals this entity's `sourceProperty`, in the same tenant. Apart from
   * `navigation`, which has a path per property (`{id}/<navigation>`): these are lists of their
   * own, under a parent (`/resources/{id}/roleDefinitions`).
   */
  readonly collectionNavigation?: Readonly<
    Record<string, ODataNavigationProperty>
  >;
  /** Its Graph type as declared, its `computed` properties included: what `$metadata` describes. */
  readonly type: AnyGraphTypeDeclaration;
  /** The properties Graph emits only when `$select` names them, last in `graphProperties`. */
  readonly computed?: ComputedProperties;
  readonly actions?: readonly ODataBoundAction[];
  /** The order of a list without `$orderby` (then by id); by id alone when omitted. */
  readonly defaultOrderBy?: readonly {
    readonly property: string;
    readonly direction: 'asc' | 'desc';
  }[];
  /** The Graph JSON of one entity, every key of `graphProperties` present. */
  present(entity: T): Record<string, unknown>;
  /** The OpenAPI schema of that JSON, or a reference to the document's. */
  readonly schema: SchemaObject | ReferenceObject;
  /** The named schemas the document must hold for it, by name. */
  readonly components?: Readonly<Record<string, SchemaObject>>;
}

/**
 * Properties that Graph computes for an entity only when `$select` names them, and leaves out of
 * its JSON otherwise (a resource's `roleAssignmentCount`). A provider of the module that owns the
 * set, marked `@ComputesPropertiesOf(<set name>)`, computes them for a page at once
 * (computed-properties.ts); `$filter` and `$orderby` cannot use them.
 */
export interface ComputedProperties {
  readonly names: readonly string[];
  /** The Graph JSON of the values computed for one entity, a key for each of `names`. */
  present(values: object): Record<string, unknown>;
}

/** How a feature module declares an entity set: its Graph type once, and how to reach it. */
export interface EntitySetDeclaration<T extends TenantEntity, V = never> {
  readonly name: EntitySetName;
  readonly typeName: string;
  readonly containedIn?: ContainedCollection;
  readonly entity: new () => T;
  /** Its Graph type's properties, in Graph's order, from which the set's JSON, `$filter` paths and OpenAPI schema are derived. */
  readonly type: GraphTypeDeclaration<T>;
  /**
   * The properties computed when `$select` names them, in Graph's order after `type`'s: declared
   * over `V`, the values their provider computes for one entity.
   */
  readonly computed?: GraphTypeDeclaration<V>;
  readonly navigation: Readonly<
    Record<
      string,
      ODataNavigationProperty & { sourceProperty: keyof T & string }
    >
  >;
  readonly collectionNavigation?: Readonly<
    Record<
      string,
      ODataNavigationProperty & { sourceProperty: keyof T & string }
    >
  >;
  readonly defaultOrderBy?: ODataEntitySet<T>['defaultOrderBy'];
  readonly actions?: readonly ODataBoundAction[];
  /** When the document names its type: shown by reference, with its parts. */
  readonly named?: NamedEntityType;
}

/** A named entity type, and perhaps the single entity as GET returns it, also named. */
export interface NamedEntityType extends NamedType {
  /** Named `<name>.entityResponse`: the type's properties, and `@odata.context` last. */
  readonly entityResponse?: {
    readonly description: string;
    readonly context: SchemaObject;
  };
}

/** Declares an entity set, checking at compile time that it names only the entity's properties. */
export function defineEntitySet<T extends TenantEntity, V = never>(
  declaration: EntitySetDeclaration<T, V>,
): ODataEntitySet<T> {
  const { named, computed, ...set } = declaration;
  const graphType = graphTypeOf(set.type, named, computed);
  return {
    ...set,
    type: { ...set.type, ...computed },
    ...(computed ? { computed: computedProperties(computed) } : {}),
    graphProperties: graphType.graphProperties,
    properties: graphType.properties,
    present: graphType.present,
    schema: graphType.schema,
    components: named?.entityResponse
      ? {
          ...graphType.components,
          [`${named.name}.entityResponse`]: entityResponseSchema(
            graphType.components[named.name],
            named.entityResponse,
          ),
        }
      : graphType.components,
  };
}

function computedProperties<V>(
  declaration: GraphTypeDeclaration<V>,
): ComputedProperties {
  const { graphProperties, present } = graphTypeOf(declaration);
  return {
    names: graphProperties,
    present: (values) => present(values as V),
  };
}

function entityResponseSchema(
  entity: SchemaObject,
  response: NonNullable<NamedEntityType['entityResponse']>,
): SchemaObject {
  return {
    type: 'object',
    properties: { ...entity.properties, '@odata.context': response.context },
    description: response.description,
    required: [...(entity.required ?? []), '@odata.context'],
  };
}
