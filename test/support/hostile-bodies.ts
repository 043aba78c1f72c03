import fc from 'fast-check';
import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { hostileText, longText } from './hostile-input.js';

/** Request bodies no client should send, and well-formed ones with one field gone wrong. */

/** Content types a body may come with; none at all among them. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; odata.metadata=minimal',
      'application/merge-patch+json',
    ),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/xml',
      '*/*',
      ';',
      'application/',
      'APPLICATION/JSON',
    ),
    weight: 3,
  },
  {
    arbitrary: hostileText.map((text) => text.replace(/[\r\n]/g, ' ')),
    weight: 1,
  },
);

const deeplyNested = fc
  .tuple(
    fc.integer({ min: 100, max: 100_000 }),
    fc.constantFrom(
      ['[', ']'],
      ['{"a":', '}'],
      ['{"adminEligibleSettings":[', ']}'],
      ['{"schedule":', '}'],
    ),
  )
  .map(
    ([depth, [open, close]]) => open.repeat(depth) + '1' + close.repeat(depth),
  );

/** Bodies of any bytes: JSON of any shape, almost-JSON, not JSON, very deep, too large. */
export const hostileBody: fc.Arbitrary<Buffer> = fc.oneof(
  {
    arbitrary: fc
      .jsonValue()
      .map((value) => Buffer.from(JSON.stringify(value))),
    weight: 5,
  },
  {
    arbitrary: fc
      .dictionary(hostileText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
      .map((value) => Buffer.from(JSON.stringify(value))),
    weight: 3,
  },
  { arbitrary: hostileText.map((text) => Buffer.from(text)), weight: 2 },
  {
    arbitrary: fc
      .uint8Array({ maxLength: 64 })
      .map((bytes) => Buffer.from(bytes)),
    weight: 2,
  },
  {
    arbitrary: fc
      .constantFrom(
        '',
        ' ',
        '\r\n\t ',
        'null',
        '{}',
        '[]',
        '""',
        '0',
        'true',
        '{',
        '}',
        '{"a":1',
        '{}{}',
        '{} x',
        '\ufeff{}',
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"reason":"a","reason":"b"}',
        '{"@odata.type":"#microsoft.graph.governanceRoleAssignmentRequest"}',
        '{"@odata.type":1,"@odata.context":null}',
        '[{"reason":"a"}]',
        '{"reason":"\\u0000"}',
        '{"reason":"\\ud800"}',
        "{'reason':'a'}",
        '{"reason":NaN}',
        '{"reason":1e999}',
        'reason=a&decision=AdminApproved',
      )
      .map((text) => Buffer.from(text)),
    weight: 3,
  },
  {
    arbitrary: fc
      .constantFrom('utf16le' as const, 'latin1' as const)
      .map((encoding) => Buffer.from('{"reason":"é"}', encoding)),
    weight: 1,
  },
  { arbitrary: deeplyNested.map((text) => Buffer.from(text)), weight: 2 },
);

/** A body just over the limit of the app (MAX_REQUEST_BODY_BYTES). */
export function oversizedBody(limitBytes: number): fc.Arbitrary<Buffer> {
  return fc
    .integer({ min: 1, max: 64 })
    .map((extra) =>
      Buffer.from(`{"reason":"${'a'.repeat(limitBytes + extra)}"}`),
    );
}

const DATES = [
  '20261128T100000Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '+010000-01-01T00:00:00.000Z',
  '2026-11-28T10:00:00Z',
  '2026-11-28',
  '2026-11-28T10:00:00.1234567+14:00',
  '1969-12-31T23:59:59.999Z',
  '2026-02-30T00:00:00Z',
  '2026-11-28T24:00:00Z',
  '2026-11-28T10:00:00',
  'now',
  '',
];

// fc.constantFrom draws its first values more often: the ones that broke something come first.
const DURATIONS = [
  'P275760Y',
  // Short durations written long: the column holds 64 characters.
  `PT${'0'.repeat(80)}1H`,
  `P${'0'.repeat(300)}1D`,
  'P99999999999999999999Y',
  `P${'9'.repeat(70)}Y`,
  `PT${'9'.repeat(20)}H`,
  'PT9007199254740993S',
  'P285616Y',
  'P1000000W',
  'PT8H',
  'PT0S',
  'P0D',
  'PT1.5S',
  'PT0.0000001S',
  'P1Y2M3W4DT5H6M7.8S',
  '-PT1H',
  'PT',
  'P',
  'P1',
  'p1d',
];

/** A value of a field: of its kind (an id, a date, one of its values) or of any other. */
export function fieldValue(
  schema: SchemaObject | undefined,
  knownIds: readonly string[],
): fc.Arbitrary<unknown> {
  const anyValue = fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
    { arbitrary: hostileText, weight: 3 },
    { arbitrary: longText, weight: 1 },
    {
      arbitrary: fc.constantFrom(
        null,
        true,
        false,
        0,
        -1,
        0.5,
        1e308,
        -1e308,
        2 ** 31,
        2 ** 53 + 2,
        '',
        [],
        {},
        [null],
        'a'.repeat(4001),
        'a'.repeat(70_000),
      ),
      weight: 2,
    },
  );
  const ofItsKind: fc.Arbitrary<unknown>[] = [];
  if (schema?.enum) {
    const values = schema.enum as unknown[];
    ofItsKind.push(
      fc.constantFrom(...values),
      fc.constantFrom(...values).map((value) => String(value).toLowerCase()),
      fc.constantFrom(...values).map((value) => ` ${String(value)}`),
    );
  }
  if (schema?.format === 'uuid') {
    ofItsKind.push(
      fc.constantFrom(...knownIds),
      fc.constantFrom(...knownIds).map((id) => id.toUpperCase()),
      fc.uuid(),
      fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        '{10000000-0000-4000-8000-000000000000}',
        '10000000000040008000000000000000',
      ),
    );
  }
  if (schema?.format === 'date-time') {
    ofItsKind.push(
      fc.constantFrom(...DATES),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    );
  }
  if (schema?.type === 'string' && !schema.enum && !schema.format) {
    // A duration where the document's example is one (PT8H), text otherwise.
    const example: unknown = schema.example;
    ofItsKind.push(
      typeof example === 'string' && /^P(T?\d)/.test(example)
        ? fc.constantFrom(...DURATIONS)
        : hostileText,
    );
  }
  return ofItsKind.length > 0
    ? fc.oneof(
        { arbitrary: fc.oneof(...ofItsKind), weight: 4 },
        { arbitrary: anyValue, weight: 1 },
      )
    : anyValue;
}

/** A JSON text of a role setting rule: its shape with wrong values, or anything. */
export const ruleSettingText: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      permanentAssignment: fc.oneof(fc.boolean(), fc.jsonValue()),
      maximumGrantPeriodInMinutes: fc.oneof(
        fc.integer(),
        fc.constantFrom(0, -1, 0.5, 1e308, 2 ** 53 + 2, '480', null),
      ),
    })
    .map((value) => JSON.stringify(value)),
  fc
    .record({
      Enabled: fc.oneof(fc.boolean(), fc.jsonValue()),
      Approvers: fc.oneof(
        fc.array(
          fc.record(
            {
              Id: fc.oneof(fc.uuid(), fc.jsonValue()),
              DisplayName: fc.jsonValue(),
              Type: fc.oneof(fc.constantFrom('User', 'Group'), fc.jsonValue()),
              Email: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        fc.jsonValue(),
      ),
    })
    .map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  hostileText,
);

/** A field of a body schema: its path (`schedule.duration`, `adminEligibleSettings[1].setting`). */
export interface BodyField {
  readonly path: readonly (string | number)[];
  readonly schema: SchemaObject | undefined;
}

/** Every field of a request body schema of the document, nested ones included. */
export function bodyFields(
  document: OpenAPIObject,
  schema: unknown,
): BodyField[] {
  const schemas = (document.components?.schemas ?? {}) as Record<
    string,
    SchemaObject
  >;
  const resolve = (value: unknown): SchemaObject | undefined => {
    const ref = (value as { $ref?: unknown } | undefined)?.$ref;
    return typeof ref === 'string'
      ? schemas[ref.split('/').at(-1) ?? '']
      : (value as SchemaObject | undefined);
  };
  const walk = (
    value: unknown,
    prefix: readonly (string | number)[],
    depth: number,
  ): BodyField[] => {
    const object = resolve(value);
    if (!object || depth > 3) {
      return [];
    }
    return Object.entries(object.properties ?? {}).flatMap(
      ([name, property]) => {
        const path = [...prefix, name];
        const resolved = resolve(property);
        const items = resolve(resolved?.items);
        return [
          { path, schema: resolved },
          ...(resolved?.properties ? walk(resolved, path, depth + 1) : []),
          ...(items?.properties
            ? [0, 1].flatMap((index) =>
                walk(items, [...path, index], depth + 1),
              )
            : []),
        ];
      },
    );
  };
  return walk(schema, [], 0);
}

/** A copy of `body` with the value at `path` set (objects and lists made on the way), or deleted. */
export function withField(
  body: unknown,
  path: readonly (string | number)[],
  value: unknown,
  remove = false,
): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let current: Record<string | number, unknown> = copy;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      if (remove) {
        delete current[key];
      } else {
        current[key] = value;
      }
      return;
    }
    const next = current[key];
    if (typeof next !== 'object' || next === null) {
      current[key] = typeof path[index + 1] === 'number' ? [] : {};
    }
    current = current[key] as Record<string | number, unknown>;
  });
  return copy;
}

/** How a body is framed: by Content-Length, or in chunks of any sizes (`Transfer-Encoding`). */
export const chunkedFraming: fc.Arbitrary<
  | ((body: Buffer) => { header: readonly [string, string]; body: Buffer })
  | undefined
> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  {
    arbitrary: fc
      .array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 })
      .map((sizes) => (body: Buffer) => {
        const chunks: Buffer[] = [];
        let at = 0;
        for (let index = 0; at < body.length; index++) {
          const size = sizes[index % sizes.length];
          const chunk = body.subarray(at, at + size);
          chunks.push(
            Buffer.from(`${chunk.length.toString(16)}\r\n`),
            chunk,
            Buffer.from('\r\n'),
          );
          at += size;
        }
        chunks.push(Buffer.from('0\r\n\r\n'));
        return {
          header: ['Transfer-Encoding', 'chunked'] as const,
          body: Buffer.concat(chunks),
        };
      }),
    weight: 1,
  },
);
