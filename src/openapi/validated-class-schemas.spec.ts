import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateTimeText } from '../values/date-time-text.js';
import { validationProblems } from '../values/validation-problems.js';
import { patternOf, validatedClassSchemas } from './validated-class-schemas.js';

// ajv-formats is CommonJS: imported from ESM, its plugin is the `default` of the module.
const addFormats = ajvFormats.default;

class WindowDto {
  @IsOptional()
  @IsDateTimeText()
  start?: string | null;

  @IsOptional()
  @IsIn(['Hours', 'Days'])
  unit?: string | null;
}

class RuleDto {
  @IsIn(['Limit', 'Flag'])
  kind: string;

  @IsString()
  @MaxLength(8)
  id: string;
}

class LimitRuleDto extends RuleDto {
  @IsInt()
  limit: number;
}

class FlagRuleDto extends RuleDto {
  @IsOptional()
  @IsBoolean()
  on?: boolean | null;
}

class GadgetDto {
  @Matches(/^[0-9a-f]{4}$/i)
  code: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => WindowDto)
  window: WindowDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsString({ each: true })
  tags?: string[] | null;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RuleDto, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'kind',
      subTypes: [
        { name: 'Limit', value: LimitRuleDto },
        { name: 'Flag', value: FlagRuleDto },
      ],
    },
  })
  rules: RuleDto[];

  @Allow()
  etag?: unknown;
}

const VALID = {
  code: 'A1b2',
  window: { start: '2026-11-28T10:00:00Z', unit: null },
  tags: ['a'],
  rules: [
    { kind: 'Limit', id: 'r1', limit: 3 },
    { kind: 'Flag', id: 'r2', on: null },
  ],
  etag: { any: 'thing' },
};

function validatorOf(root: new () => object) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const schemas = validatedClassSchemas(root);
  ajv.addSchema({
    $id: 'https://pim.test/schemas',
    $defs: JSON.parse(
      JSON.stringify(schemas).replaceAll(
        '#/components/schemas/',
        'https://pim.test/schemas#/$defs/',
      ),
    ) as object,
  });
  return ajv.compile({ $ref: `https://pim.test/schemas#/$defs/${root.name}` });
}

describe('validatedClassSchemas', () => {
  it('names the class and each class it nests, subtypes included', () => {
    expect(Object.keys(validatedClassSchemas(GadgetDto)).sort()).toEqual([
      'FlagRuleDto',
      'GadgetDto',
      'LimitRuleDto',
      'WindowDto',
    ]);
  });

  it('requires what is not optional, allows null where it is optional, and nothing undeclared', () => {
    const { GadgetDto: gadget, WindowDto: window } =
      validatedClassSchemas(GadgetDto);

    expect(gadget).toMatchObject({
      type: 'object',
      required: ['code', 'window', 'rules'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', pattern: '^[0-9a-fA-F]{4}$' },
        window: { $ref: '#/components/schemas/WindowDto' },
        tags: {
          type: ['array', 'null'],
          maxItems: 2,
          items: { type: 'string' },
        },
        etag: { description: 'Any value: not checked.' },
      },
    });
    expect(window.properties).toEqual({
      start: { type: ['string', 'null'], format: 'date-time' },
      unit: { type: ['string', 'null'], enum: ['Hours', 'Days', null] },
    });
  });

  it('shows a discriminated property as one of its subtypes, by the discriminator’s value', () => {
    const rules = validatedClassSchemas(GadgetDto).GadgetDto.properties!
      .rules as { items: { oneOf: unknown[] } };

    expect(rules.items.oneOf).toEqual([
      {
        type: 'object',
        allOf: [{ $ref: '#/components/schemas/LimitRuleDto' }],
        properties: { kind: { enum: ['Limit'] } },
        required: ['kind'],
      },
      {
        type: 'object',
        allOf: [{ $ref: '#/components/schemas/FlagRuleDto' }],
        properties: { kind: { enum: ['Flag'] } },
        required: ['kind'],
      },
    ]);
    expect(validatedClassSchemas(GadgetDto).LimitRuleDto.required).toEqual([
      'kind',
      'id',
      'limit',
    ]);
  });

  it.each([
    ['a valid body', VALID, true],
    ['an upper-case code', { ...VALID, code: 'ABCD' }, true],
    ['no optional property', { code: 'abcd', window: {}, rules: [] }, true],
    ['a code of the wrong form', { ...VALID, code: 'abcde' }, false],
    ['a missing nested object', { ...VALID, window: undefined }, false],
    ['a null required object', { ...VALID, window: null }, false],
    ['an undeclared property', { ...VALID, colour: 'red' }, false],
    [
      'an undeclared nested property',
      { ...VALID, window: { end: 'x' } },
      false,
    ],
    [
      'a value outside the enum',
      { ...VALID, window: { unit: 'Weeks' } },
      false,
    ],
    ['too many items', { ...VALID, tags: ['a', 'b', 'c'] }, false],
    ['an item of the wrong type', { ...VALID, tags: [1] }, false],
    [
      'a subtype without its own property',
      { ...VALID, rules: [{ kind: 'Limit', id: 'r1' }] },
      false,
    ],
    [
      'a subtype with another’s property',
      { ...VALID, rules: [{ kind: 'Flag', id: 'r1', limit: 3 }] },
      false,
    ],
    [
      'a string too long in a subtype',
      { ...VALID, rules: [{ kind: 'Flag', id: 'r123456789' }] },
      false,
    ],
  ])(
    '%s: the schema and the validation agree (valid: %p)',
    (_case, body, valid) => {
      const plain = JSON.parse(JSON.stringify(body)) as object;

      expect([
        validatorOf(GadgetDto)(plain),
        validationProblems('body', GadgetDto, plain).length === 0,
      ]).toEqual([valid, valid]);
    },
  );

  it('refuses two classes of one name', () => {
    const First = textClass();
    const Second = countClass();
    class Outer {
      @ValidateNested()
      @Type(() => First)
      first: object;

      @ValidateNested()
      @Type(() => Second)
      second: object;
    }

    expect(() => validatedClassSchemas(Outer)).toThrow(
      'Two validated classes are named SameDto',
    );
  });
});

function textClass() {
  class SameDto {
    @IsString()
    name: string;
  }
  return SameDto;
}

function countClass() {
  class SameDto {
    @IsInt()
    count: number;
  }
  return SameDto;
}

describe('patternOf', () => {
  it.each([
    [/^[0-9a-f]{4}$/i, '^[0-9a-fA-F]{4}$', ['ab12', 'AB12', 'ag12', 'ab1']],
    [/^P(?:(\d+)D)?$/, '^P(?:(\\d+)D)?$', ['P3D', 'p3d', 'P']],
    [/^id-\w+$/i, '^[iI][dD]-\\w+$', ['ID-x', 'id-_', 'ix-1']],
    [/^(?<year>\d{4})x$/i, '^(?<year>\\d{4})[xX]$', ['2026X', '2026x', '26x']],
  ])('writes %s as %s, matching what it matches', (pattern, written, texts) => {
    expect(patternOf(pattern)).toBe(written);
    expect(texts.map((text) => new RegExp(written).test(text))).toEqual(
      texts.map((text) => pattern.test(text)),
    );
  });
});
