import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { MAX_JSON_DEPTH } from './json-depth.js';
import { validationProblems } from './validation-problems.js';

class Note {
  @IsString()
  text!: string;
}

class Memo {
  @IsOptional()
  @ValidateNested()
  @Type(() => Note)
  note?: Note;
}

/** `{"x":{"x":…{"x":1}}}`, `depth` objects deep. */
function nestedObjects(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { x: 1 };
  for (let level = 1; level < depth; level += 1) {
    value = { x: value };
  }
  return value;
}

/** An object whose `note` holds arrays nested `depth - 1` levels deep. */
function nestedArrays(depth: number): Record<string, unknown> {
  let value: unknown[] = [];
  for (let level = 2; level < depth; level += 1) {
    value = [value];
  }
  return { note: value };
}

describe('validationProblems', () => {
  it('lists what is wrong, by place', () => {
    expect(validationProblems('body', Memo, { note: { text: 1 } })).toEqual([
      'body.note.text: text must be a string',
    ]);
    expect(validationProblems('body', Memo, [])).toEqual([
      'body: must be an object',
    ]);
  });

  it(`validates values nested ${MAX_JSON_DEPTH} levels deep as usual`, () => {
    expect(
      validationProblems('body', Memo, nestedObjects(MAX_JSON_DEPTH)),
    ).toEqual(['body.x: property x should not exist']);
  });

  it.each([
    ['objects', nestedObjects],
    ['arrays', nestedArrays],
  ])(
    'refuses %s nested one level deeper, by name, before validating them',
    (_kind, nested) => {
      expect(
        validationProblems('body', Memo, nested(MAX_JSON_DEPTH + 1)),
      ).toEqual([`body: is nested more than ${MAX_JSON_DEPTH} levels deep`]);
    },
  );

  it.each([10_000, 100_000])(
    'refuses %i levels without overflowing the stack',
    (depth) => {
      expect(validationProblems('seed[0]', Memo, nestedObjects(depth))).toEqual(
        [`seed[0]: is nested more than ${MAX_JSON_DEPTH} levels deep`],
      );
      expect(validationProblems('seed[0]', Memo, nestedArrays(depth))).toEqual([
        `seed[0]: is nested more than ${MAX_JSON_DEPTH} levels deep`,
      ]);
    },
  );

  it('takes a wide value as usual: only depth counts', () => {
    const wide = {
      note: { text: 'x' },
      x: Array.from({ length: 10_000 }, () => ({ y: [1] })),
    };

    expect(validationProblems('body', Memo, wide)).toEqual([
      'body.x: property x should not exist',
    ]);
  });
});
