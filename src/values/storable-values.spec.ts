import { IsOptional, IsString } from 'class-validator';
import {
  isStorableDate,
  isStorableText,
  LAST_STORABLE_INSTANT,
  STORABLE_YEARS_TEXT,
  unstorableTextPlaces,
} from './storable-values.js';
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

describe('storable dates', () => {
  it.each([
    '0001-01-01T00:00:00.000Z',
    '0050-06-15T10:20:30.456Z',
    '9999-12-31T23:59:59.999Z',
  ])('take %s', (text) => {
    expect(isStorableDate(new Date(text))).toBe(true);
  });

  it.each([
    '0000-12-31T23:59:59.999Z',
    '+010000-01-01T00:00:00.000Z',
    '+010009-01-01T00:00:00.000Z',
    'not a date',
  ])('do not take %s', (text) => {
    expect(isStorableDate(new Date(text))).toBe(false);
  });

  it('end at the last millisecond of 9999, named with four-digit years', () => {
    expect(LAST_STORABLE_INSTANT.toISOString()).toBe(
      '9999-12-31T23:59:59.999Z',
    );
    expect(STORABLE_YEARS_TEXT).toBe('the years 0001 to 9999');
  });
});
