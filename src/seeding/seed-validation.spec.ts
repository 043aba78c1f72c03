import 'reflect-metadata';
import { IsIn, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { withoutODataAnnotations } from '../graph/odata/annotations.js';
import {
  findRepeatedIds,
  SeedError,
  validateRecords,
} from './seed-validation.js';

class Inner {
  @IsIn(['a', 'b'])
  kind: string;
}

class Record {
  @IsString()
  id: string;

  @ValidateNested({ each: true })
  @Type(() => Inner)
  items: Inner[];
}

describe('validateRecords', () => {
  it('names each problem by collection, index and field path, array items included', () => {
    const problems = validateRecords('things', Record, [
      { id: 'x', items: [{ kind: 'a' }] },
      { id: 5, items: [{ kind: 'a' }, { kind: 'z' }] },
    ]);

    expect(problems).toEqual([
      'things[1].id: id must be a string',
      'things[1].items[1].kind: kind must be one of the following values: a, b',
    ]);
  });

  it('refuses unknown fields but not @odata annotations, once those are stripped', () => {
    const problems = validateRecords('things', Record, [
      withoutODataAnnotations({
        '@odata.type': '#x',
        id: 'x',
        items: [],
        extra: true,
      }),
    ]);

    expect(problems).toEqual([
      'things[0].extra: property extra should not exist',
    ]);
  });

  it('numbers records from firstIndex, for a share of a collection', () => {
    const problems = validateRecords(
      'things',
      Record,
      [{ id: 1, items: [] }],
      40,
    );

    expect(problems).toEqual(['things[40].id: id must be a string']);
  });
});

describe('findRepeatedIds', () => {
  it('reports a repeated id, in any letter case, pointing at the first', () => {
    const problems = findRepeatedIds('things', [
      { id: 'ABC', items: [] },
      { id: 'x' },
      { id: 'abc', items: [] },
    ]);

    expect(problems).toEqual(['things[2].id: repeats the id of things[0]']);
  });

  it('reports an id repeated within a tenant only: two tenants may hold one id', () => {
    const problems = findRepeatedIds('things', [
      { id: 'abc', tenantId: 'TENANT-A' },
      { id: 'ABC', tenantId: 'tenant-b' },
      { id: 'abc', tenantId: 'tenant-a' },
    ]);

    expect(problems).toEqual(['things[2].id: repeats the id of things[0]']);
  });
});

describe('SeedError', () => {
  it('lists the first twenty problems and counts the rest', () => {
    const problems = Array.from({ length: 25 }, (_, index) => `p${index}`);

    const message = new SeedError(problems).message;

    expect(message).toContain('- p19');
    expect(message).not.toContain('- p20');
    expect(message).toContain('… and 5 more');
  });
});
