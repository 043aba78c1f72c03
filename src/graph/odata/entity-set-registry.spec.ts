import { defineEntitySet } from './entity-set.js';
import { EntitySetRegistry } from './entity-set-registry.js';
import { OWNERS, THINGS } from './things.fixture.js';

class GadgetEntity {
  id!: string;
  tenantId!: string;
  ownerId!: string;
}

function gadgetsOf(target: string) {
  return defineEntitySet({
    name: 'gadgets',
    typeName: 'gadget',
    entity: GadgetEntity,
    type: { id: { column: 'id', type: 'guid' } },
    navigation: { owner: { target, sourceProperty: 'ownerId' } },
  });
}

describe('EntitySetRegistry', () => {
  it('resolves a navigation to the entity set it names', () => {
    const registry = new EntitySetRegistry();
    registry.register([OWNERS, THINGS]);

    expect(registry.target(THINGS.navigation.owner)).toBe(OWNERS);
  });

  it('resolves a navigation to a set registered before', () => {
    const registry = new EntitySetRegistry();
    registry.register([OWNERS]);
    registry.register([gadgetsOf('owners')]);

    expect(registry.target(gadgetsOf('owners').navigation.owner)).toBe(OWNERS);
  });

  it('calls back once the named sets are registered, and at once when they are', () => {
    const registry = new EntitySetRegistry();
    const calls: string[] = [];
    registry.whenRegistered(['owners', 'things'], () => calls.push('waited'));
    registry.register([OWNERS]);
    const beforeThings = [...calls];
    registry.register([THINGS]);
    registry.whenRegistered(['owners'], () => calls.push('at once'));

    expect(beforeThings).toEqual([]);
    expect(calls).toEqual(['waited', 'at once']);
  });

  it('refuses, at start-up, sets that something still waits for', () => {
    const registry = new EntitySetRegistry();
    registry.whenRegistered(['owners', 'gadgets'], () => undefined);
    registry.register([OWNERS]);

    expect(() => registry.checkNothingWaits()).toThrow(
      "Routes wait for entity sets that are never registered: 'gadgets'.",
    );
  });

  it('starts when every set waited for is registered', () => {
    const registry = new EntitySetRegistry();
    registry.whenRegistered(['owners'], () => undefined);
    registry.register([OWNERS]);

    expect(() => registry.checkNothingWaits()).not.toThrow();
  });

  it('refuses, when registering it, a navigation naming no registered set', () => {
    const registry = new EntitySetRegistry();

    expect(() => registry.register([OWNERS, gadgetsOf('owner')])).toThrow(
      "The navigation property 'owner' of gadgets names no registered entity set: 'owner'.",
    );
  });

  it('refuses two entity sets of one name', () => {
    const registry = new EntitySetRegistry();
    registry.register([OWNERS]);

    expect(() => registry.register([OWNERS])).toThrow(
      "An entity set named 'owners' is already registered.",
    );
  });
});
