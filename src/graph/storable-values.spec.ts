import { IsOptional, IsString } from 'class-validator';
import { isStorableText, unstorableTextPlaces } from './storable-values.js';
import { validationProblems } from './validation-problems.js';

class NoteDto {
  @IsOptional()
  @IsString()
  reason?: string;
}

describe('storable text', () => {
  it('is any text without U+0000', () => {
    expect(isStorableText('a \u0001 \ud800 😀')).toBe(true);
    expect(isStorableText('a\u0000')).toBe(false);
  });

  it('names every string and property name of a JSON value that holds U+0000', () => {
    expect(
      unstorableTextPlaces('body', {
        reason: 'a\u0000',
        fine: 'b',
        rules: [{ setting: 'ok' }, { setting: '\u0000' }],
        'x\u0000y': 1,
        nested: { deeper: ['\u0000'] },
        number: 0,
      }),
    ).toEqual([
      'body.reason',
      'body.rules[1].setting',
      'body.x\\u0000y',
      'body.nested.deeper[0]',
    ]);
  });

  // PostgreSQL refuses to bind such text: a body or a seed record with it was a 500.
  it('is a validation problem of a record', () => {
    expect(validationProblems('body', NoteDto, { reason: 'a\u0000b' })).toEqual(
      ['body.reason: must not contain the character U+0000'],
    );
  });
});
