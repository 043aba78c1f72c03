import type { SchemaObject } from '@nestjs/swagger';
import type {
  EntitySetName,
  ODataEntitySet,
  ODataNavigationProperty,
} from './entity-set.js';

/**
 * The entity sets by name, so that a navigation property can name its target instead of
 * importing it. Each feature module declares its entity sets, and the composition root
 * registers them all at once; a navigation to a set that is not registered fails that
 * registration, at start-up, rather than a request's `$expand`.
 */
export class EntitySetRegistry {
  private readonly sets = new Map<EntitySetName, ODataEntitySet>();
  private waiting: { names: readonly EntitySetName[]; then: () => void }[] = [];

  /** Adds the sets, whose navigations may name one another, and returns them. */
  register<Sets extends readonly ODataEntitySet[]>(sets: Sets): Sets {
    for (const set of sets) {
      this.add(set);
    }
    for (const set of sets) {
      this.checkNavigations(set);
    }
    const waiting = this.waiting;
    this.waiting = [];
    for (const { names, then } of waiting) {
      this.whenRegistered(names, then);
    }
    return sets;
  }

  /**
   * Calls `then` once every named set is registered: now, if they are. A route is declared when
   * its controller class is defined, which may be before the sets its paths follow are known.
   */
  whenRegistered(names: readonly EntitySetName[], then: () => void): void {
    if (names.every((name) => this.sets.has(name))) {
      then();
    } else {
      this.waiting.push({ names, then });
    }
  }

  /**
   * Refuses, at start-up, sets that something still waits for (`whenRegistered`): never
   * registered, they would leave its routes silently undeclared.
   */
  checkNothingWaits(): void {
    const missing = new Set(
      this.waiting.flatMap(({ names }) =>
        names.filter((name) => !this.sets.has(name)),
      ),
    );
    if (missing.size > 0) {
      throw new Error(
        `Routes wait for entity sets that are never registered: ${[...missing].map((name) => `'${name}'`).join(', ')}.`,
      );
    }
  }

  /** The entity set a navigation property leads to. */
  target(navigation: ODataNavigationProperty): ODataEntitySet {
    return this.named(navigation.target);
  }

  /** The named schemas of every registered set, for the OpenAPI document. */
  components(): Record<string, SchemaObject> {
    return Object.assign(
      {},
      ...[...this.sets.values()].map((set) => set.components ?? {}),
    ) as Record<string, SchemaObject>;
  }

  /** Every registered set, in the order registered: what `$metadata` describes. */
  all(): readonly ODataEntitySet[] {
    return [...this.sets.values()];
  }

  named(name: EntitySetName): ODataEntitySet {
    const set = this.sets.get(name);
    if (!set) {
      throw new Error(`No entity set named '${name}' is registered.`);
    }
    return set;
  }

  private add(set: ODataEntitySet): void {
    if (this.sets.has(set.name)) {
      throw new Error(
        `An entity set named '${set.name}' is already registered.`,
      );
    }
    this.sets.set(set.name, set);
  }

  private checkNavigations(set: ODataEntitySet): void {
    for (const [name, { target }] of Object.entries({
      ...set.navigation,
      ...set.collectionNavigation,
    })) {
      if (!this.sets.has(target)) {
        throw new Error(
          `The navigation property '${name}' of ${set.name} names no registered entity set: '${target}'.`,
        );
      }
    }
  }
}

/**
 * The application's entity sets: the OData kit resolves every navigation through it, when it
 * parses a query, reads the related entities and documents a route's answer.
 */
export const ENTITY_SETS = new EntitySetRegistry();
