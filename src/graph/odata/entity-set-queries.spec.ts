import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../errors/domain-error.js';
import { NavigationTargetNotFoundError } from '../graph-errors.js';
import { EntitySetQueries } from './entity-set-queries.js';
import type { EntitySetReader } from './entity-set-reader.js';
import type { ODataEntitySet } from './entity-set.js';
import type { ShapeQuery } from './list-query.js';
import { GUID, OWNERS, THINGS } from './things.fixture.js';

class ThingNotFoundError extends DomainError {
  constructor() {
    super('ThingNotFound', 'No such thing.');
  }
}

class OwnerNotFoundError extends DomainError {
  constructor() {
    super('OwnerNotFound', 'No such owner.');
  }
}

const CALLER = { tenantId: 'tenant-a' } as Principal;
const OWNER_ID = '11111111-0000-4000-8000-000000000000';

interface Read {
  readonly set: string;
  readonly id?: string;
  readonly query?: ShapeQuery;
  readonly scope?: object;
}

/** Answers each read with `answer`, or `notFound()` when there is none; records every read. */
class RecordingReader {
  readonly reads: Read[] = [];

  constructor(
    private readonly answer?: object,
    private readonly total = 0,
  ) {}

  get(
    set: ODataEntitySet,
    _caller: unknown,
    id: string,
    query: ShapeQuery,
    notFound: () => Error,
  ): Promise<object> {
    this.reads.push({ set: set.name, id, query });
    return this.answer
      ? Promise.resolve(this.answer)
      : Promise.reject(notFound());
  }

  count(
    set: ODataEntitySet,
    _caller: unknown,
    _query: unknown,
    scope: object = {},
  ): Promise<number> {
    this.reads.push({ set: set.name, scope });
    return Promise.resolve(this.total);
  }
}

function queriesOver(reader: RecordingReader) {
  return new EntitySetQueries(
    reader as unknown as EntitySetReader,
    THINGS,
    () => new ThingNotFoundError(),
    {
      set: OWNERS,
      property: 'ownerId',
      notFound: () => new OwnerNotFoundError(),
    },
  );
}

describe('EntitySetQueries', () => {
  describe('navigate', () => {
    const manager = { id: 'manager', name: 'Ada' };

    it('reads the source once, the whole path expanded in it, and answers its end', async () => {
      const reader = new RecordingReader({
        id: GUID,
        owner: { id: OWNER_ID, manager },
      });

      await expect(
        queriesOver(reader).navigate(CALLER, GUID, ['owner', 'manager']),
      ).resolves.toBe(manager);
      expect(reader.reads).toEqual([
        {
          set: 'things',
          id: GUID,
          query: {
            select: ['id'],
            expand: [
              {
                navigation: 'owner',
                select: ['id'],
                expand: [{ navigation: 'manager' }],
              },
            ],
          },
        },
      ]);
    });

    it('answers a path of one step with every property of its target', async () => {
      const owner = { id: OWNER_ID, name: 'Grace' };
      const reader = new RecordingReader({ id: GUID, owner });

      await expect(
        queriesOver(reader).navigate(CALLER, GUID, ['owner']),
      ).resolves.toBe(owner);
      expect(reader.reads[0].query).toEqual({
        select: ['id'],
        expand: [{ navigation: 'owner' }],
      });
    });

    it.each([
      ['the first', { id: GUID, owner: null }, 'The thing has no owner.'],
      [
        'the second',
        { id: GUID, owner: { id: OWNER_ID, manager: null } },
        'The owner has no manager.',
      ],
    ])(
      'refuses a path whose %s step leads nowhere, naming it',
      async (_step, source, message) => {
        const navigation = queriesOver(new RecordingReader(source)).navigate(
          CALLER,
          GUID,
          ['owner', 'manager'],
        );

        await expect(navigation).rejects.toBeInstanceOf(
          NavigationTargetNotFoundError,
        );
        await expect(navigation).rejects.toMatchObject({
          status: 404,
          code: 'ResourceNotFound',
          message,
        });
      },
    );

    it('refuses an unknown source with the set’s own error', async () => {
      await expect(
        queriesOver(new RecordingReader()).navigate(CALLER, GUID, ['owner']),
      ).rejects.toBeInstanceOf(ThingNotFoundError);
    });
  });

  describe('count', () => {
    it('counts the set alone', async () => {
      const reader = new RecordingReader(undefined, 7);

      await expect(queriesOver(reader).count(CALLER, {})).resolves.toBe(7);
      expect(reader.reads).toEqual([{ set: 'things', scope: {} }]);
    });

    it('counts a parent’s entities once the parent is found', async () => {
      const reader = new RecordingReader({ id: OWNER_ID }, 3);

      await expect(
        queriesOver(reader).countOfParent(CALLER, OWNER_ID, {}),
      ).resolves.toBe(3);
      expect(reader.reads).toEqual([
        {
          set: 'owners',
          id: OWNER_ID,
          query: { select: ['id'], expand: [] },
        },
        { set: 'things', scope: { ownerId: OWNER_ID } },
      ]);
    });

    it('refuses to count the entities of an unknown parent', async () => {
      await expect(
        queriesOver(new RecordingReader()).countOfParent(CALLER, OWNER_ID, {}),
      ).rejects.toBeInstanceOf(OwnerNotFoundError);
    });
  });
});
