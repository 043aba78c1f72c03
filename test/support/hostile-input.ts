import fc from 'fast-check';
import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import {
  type RawBytesRequest,
  rawBytesRequest,
  type RawResponse,
} from './raw-http.js';
import { armAddressOf } from '../../src/resource-manager/arm-address.js';
import type { TestApp } from './test-app.js';
import { appToken, userToken } from './tokens.js';

/**
 * What the hostile-input property tests share: the routes the app serves (read from its
 * router, so that a new route is fuzzed without touching the tests), the one answer every
 * request must get, and the arbitraries of hostile URLs, query strings, headers and bodies.
 */

/** Fixed seeds: a failure reproduces, and fast-check prints the seed and the path to it. */
export const FUZZ_SEED = 20261128;

/** A route of the router: `{name}` stands for a parameter; the methods it answers. */
export interface ServedRoute {
  readonly path: string;
  readonly methods: readonly string[];
}

const PARAMETER = /^:[^/|]+(\|:[^/|]+)*$/;
const TREE_LINE = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/;

/**
 * Every route Fastify serves (Nest's controllers, the OpenAPI document, the docs page, health),
 * read from its route tree, spelled as the OpenAPI document spells it where it names the route.
 */
export function servedRoutes(
  testApp: TestApp,
  document: OpenAPIObject,
): ServedRoute[] {
  const fastify = testApp.app.getHttpAdapter().getInstance();
  const tree = fastify.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: ServedRoute[] = [];
  for (const line of tree.split('\n')) {
    const match = TREE_LINE.exec(line);
    if (!match) {
      continue;
    }
    const depth = match[1].length / 4;
    // A child is printed with its leading slash, but for a wildcard (`/docs/*` is `*`).
    const text = match[2].startsWith('/') ? match[2] : `/${match[2]}`;
    const segments = text
      .split('/')
      .map((segment) =>
        PARAMETER.test(segment) || segment === '*' ? '{id}' : segment,
      );
    stack.length = depth;
    stack.push(segments.join('/'));
    if (match[3]) {
      routes.push({
        path: stack.join(''),
        methods: match[3].split(', ').filter((method) => method !== 'HEAD'),
      });
    }
  }
  const documented = new Map(
    Object.keys(document.paths).map((path) => [templateKey(path), path]),
  );
  return routes.map((route) => ({
    ...route,
    path:
      documented.get(templateKey(route.path))?.replace(ARM_SCOPE, '') ??
      route.path,
  }));
}

// The document writes a Resource Manager route under the scope the router never sees (arm-address.ts).
const ARM_SCOPE = /^\/\{scope\}(?=\/providers\/)/i;

/**
 * A route's path compared case-insensitively, whatever its parameters are named; a Resource
 * Manager route's without its scope.
 */
export function templateKey(path: string): string {
  return path
    .replace(ARM_SCOPE, '')
    .toLowerCase()
    .replace(/\{[^}]*\}/g, '{}');
}

/** The OpenAPI document the app serves. */
export async function openApiDocumentOf(
  testApp: TestApp,
): Promise<OpenAPIObject> {
  const response = await fetch(`${testApp.baseUrl}/openapi.json`);
  return (await response.json()) as OpenAPIObject;
}

/** A request as the properties describe it, before it is written as bytes. */
export interface HostileRequest {
  readonly method: string;
  /** The path, already encoded (or not) as it is to be sent. */
  readonly path: Buffer;
  /** The query string without `?`; undefined sends none. */
  readonly query?: Buffer;
  readonly headers: readonly (readonly [string, string | Buffer])[];
  readonly body?: Buffer;
}

export function describeRequest(request: HostileRequest): string {
  const target = Buffer.concat([
    request.path,
    ...(request.query ? [Buffer.from('?'), request.query] : []),
  ]);
  const body = request.body?.toString('utf8') ?? '';
  return [
    `${request.method} ${JSON.stringify(target.toString('latin1')).slice(0, 600)}`,
    ...request.headers.map(
      ([name, value]) =>
        `${name}: ${JSON.stringify(value.toString()).slice(0, 200)}`,
    ),
    body ? `body (${body.length}): ${JSON.stringify(body.slice(0, 300))}` : '',
  ].join('\n');
}

/** Sends a hostile request byte for byte on its own connection. */
export function sendHostile(
  testApp: TestApp,
  request: HostileRequest,
): Promise<RawResponse> {
  const raw: RawBytesRequest = {
    method: request.method,
    target: Buffer.concat([
      request.path,
      ...(request.query ? [Buffer.from('?'), request.query] : []),
    ]),
    headers: request.headers,
    body: request.body,
  };
  return rawBytesRequest(testApp.baseUrl, raw);
}

interface GraphErrorJson {
  error?: {
    code?: unknown;
    message?: unknown;
    innerError?: {
      date?: unknown;
      'request-id'?: unknown;
      'client-request-id'?: unknown;
    };
  };
}

/**
 * What every answer must be, whatever was sent: not a server error, and every client error in
 * the envelope of the request's API with its request ids: a Graph error JSON as
 * GraphExceptionFilter writes it, or on a Resource Manager address ARM's. A message naming the
 * request and the answer otherwise.
 */
export function answerProblem(
  request: HostileRequest,
  response: RawResponse,
): string | undefined {
  const path = request.path.toString('latin1');
  const problem =
    armAddressOf(path) && !refusedBeforeReading(response)
      ? armAnswerProblem(request.method, response)
      : IDENTITY_PATH.test(path)
        ? identityAnswerProblem(request.method, response)
        : graphAnswerProblem(request.method, response);
  return (
    problem &&
    `${problem}\n--- request:\n${describeRequest(request)}\n--- answer: ${response.status} ${String(response.headers['content-type'])}\n${response.text.slice(0, 1000)}`
  );
}

// The development identity endpoints (src/identity) refuse in Entra ID's OAuth terms, or as Graph
// when the shared request checks refuse first.
const IDENTITY_PATH =
  /^\/[^/?]*\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/(token|authorize))(\?|$)/;

function identityAnswerProblem(
  method: string,
  response: RawResponse,
): string | undefined {
  const asGraph = graphAnswerProblem(method, response);
  if (!asGraph || !asGraph.endsWith('not a Graph error')) {
    return asGraph;
  }
  const body = JSON.parse(response.text) as Record<string, unknown>;
  return typeof body.error === 'string' &&
    typeof body.error_description === 'string' &&
    Array.isArray(body.error_codes) &&
    body.trace_id === response.headers['request-id']
    ? undefined
    : `a ${response.status} whose body is neither a Graph nor an OAuth error`;
}

function graphAnswerProblem(
  method: string,
  response: RawResponse,
): string | undefined {
  if (!(response.status >= 100 && response.status < 500)) {
    return `status ${response.status}: not a client's answer`;
  }
  if (typeof response.headers['request-id'] !== 'string') {
    return 'no request-id header';
  }
  if (response.status < 400 || method === 'HEAD') {
    return undefined;
  }
  const type = String(response.headers['content-type']);
  if (!/^application\/json(;|$)/.test(type)) {
    return `a ${response.status} of content type ${type}, not application/json`;
  }
  let body: GraphErrorJson;
  try {
    body = JSON.parse(response.text) as GraphErrorJson;
  } catch {
    return `a ${response.status} whose body is not JSON`;
  }
  const error = body?.error;
  const inner = error?.innerError;
  if (
    typeof error?.code !== 'string' ||
    error.code === '' ||
    typeof error.message !== 'string' ||
    typeof inner?.date !== 'string' ||
    typeof inner['request-id'] !== 'string' ||
    typeof inner['client-request-id'] !== 'string'
  ) {
    return `a ${response.status} whose body is not a Graph error`;
  }
  if (inner['request-id'] !== response.headers['request-id']) {
    return `a ${response.status} whose innerError request-id is not the request-id header`;
  }
  return undefined;
}

/**
 * Node.js's own refusals of a request it could not read (a malformed request line, headers too
 * large or too slow) come before anyone knows which API it was for: Graph's envelope, and the
 * connection closed (docs/resource-manager.md).
 */
function refusedBeforeReading(response: RawResponse): boolean {
  return (
    response.headers.connection === 'close' &&
    typeof response.headers['request-id'] === 'string'
  );
}

function armAnswerProblem(
  method: string,
  response: RawResponse,
): string | undefined {
  if (!(response.status >= 100 && response.status < 500)) {
    return `status ${response.status}: not a client's answer`;
  }
  if (typeof response.headers['x-ms-request-id'] !== 'string') {
    return 'no x-ms-request-id header';
  }
  if (response.status < 400 || method === 'HEAD') {
    return undefined;
  }
  const type = String(response.headers['content-type']);
  if (!/^application\/json(;|$)/.test(type)) {
    return `a ${response.status} of content type ${type}, not application/json`;
  }
  let body: { error?: Record<string, unknown> };
  try {
    body = JSON.parse(response.text) as { error?: Record<string, unknown> };
  } catch {
    return `a ${response.status} whose body is not JSON`;
  }
  const error = body?.error;
  if (
    typeof error?.code !== 'string' ||
    error.code === '' ||
    typeof error.message !== 'string' ||
    Object.keys(error).length !== 2
  ) {
    return `a ${response.status} whose body is not an ARM error`;
  }
  return undefined;
}

/** Throws, naming request and answer, unless the answer is one every request may get. */
export function expectApiAnswer(
  request: HostileRequest,
  response: RawResponse,
): void {
  const problem = answerProblem(request, response);
  if (problem) {
    throw new Error(problem);
  }
}

const NORMAL_CALL = '/beta/privilegedAccess/azureResources/resources?$top=1';

/** The server still serves an ordinary call after whatever it was sent. */
export async function expectStillServing(testApp: TestApp): Promise<void> {
  const response = await fetch(`${testApp.baseUrl}${NORMAL_CALL}`, {
    headers: { Authorization: `Bearer ${userToken()}` },
  });
  const body = (await response.json()) as { value?: unknown };
  if (response.status !== 200 || !Array.isArray(body.value)) {
    throw new Error(
      `an ordinary GET answered ${response.status}: ${JSON.stringify(body)}`,
    );
  }
}

/** Sends the request, checks its answer and that the server still serves; returns the answer. */
export async function sendAndCheck(
  testApp: TestApp,
  request: HostileRequest,
): Promise<RawResponse> {
  const response = await sendHostile(testApp, request);
  expectApiAnswer(request, response);
  await expectStillServing(testApp);
  return response;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Characters that mean something to URLs, OData, JSON, SQL or the shell. */
const SPECIAL_CHARACTERS = [
  ...`'"\\/%?#&=+;:,()[]{}<>|^\`~!@$*. -_`,
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u00a0',
  '\u00ff',
  '\u0100',
  '\u2028',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ud800',
  '\udfff',
  '😀',
  'é',
  'İ',
  'ß',
];

const specialCharacter = fc.constantFrom(...SPECIAL_CHARACTERS);
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/** Short texts of any code point, the characters that mean something, lone surrogates. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 24 }), weight: 3 },
  {
    arbitrary: fc.string({ unit: specialCharacter, maxLength: 12 }),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
  {
    arbitrary: fc.string({
      unit: fc.oneof(
        fc.string({ unit: 'binary', maxLength: 1 }),
        loneSurrogate,
      ),
      maxLength: 12,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '..',
      '.',
      "'",
      "''",
      '"',
      'null',
      'undefined',
      'NaN',
      '-1',
      '0',
      '1e999',
      '__proto__',
      'constructor',
      '$metadata',
      '$count',
      '$value',
      '$ref',
      "'; DROP TABLE resources; --",
      '%',
      '%%',
      '%00',
      '\u0000',
    ),
    weight: 2,
  },
);

/** Long texts: around the router's parameter limit (1000), and past it. */
export const longText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 990, max: 1010 }), specialCharacter)
    .map(([length, character]) => 'a'.repeat(length - 1) + character),
  fc
    .tuple(fc.integer({ min: 1500, max: 6000 }), fc.constantFrom('a', "'", 'é'))
    .map(([length, character]) => character.repeat(length)),
);

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Percent-encodes every byte but the unreserved ones (lone surrogates become U+FFFD's bytes). */
export function percentEncode(text: string, upperCase = true): string {
  let encoded = '';
  for (const character of text) {
    if (UNRESERVED.test(character)) {
      encoded += character;
      continue;
    }
    for (const byte of Buffer.from(character, 'utf8')) {
      const hex = byte.toString(16).padStart(2, '0');
      encoded += `%${upperCase ? hex.toUpperCase() : hex}`;
    }
  }
  return encoded;
}

/**
 * The text as raw bytes in a URL: UTF-8, with only what would end the request line or the URL
 * part (space, CR, LF, and `?`/`#` where asked) encoded, so the request still arrives whole.
 */
export function rawUrlBytes(text: string, keep = ''): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (const byte of bytes) {
    const character = String.fromCharCode(byte);
    if (
      byte <= 0x20 ||
      (byte < 0x80 && '?#'.includes(character) && !keep.includes(character))
    ) {
      out.push(...Buffer.from(`%${byte.toString(16).padStart(2, '0')}`));
    } else {
      out.push(byte);
    }
  }
  return Buffer.from(out);
}

/** Percent signs that decode to nothing valid: `%`, `%zz`, `%c3%28` (not UTF-8), `%00`… */
export const garbagePercent: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '%',
        '%%',
        '%2',
        '%zz',
        '%G0',
        '%c3%28',
        '%ff',
        '%fe%ff',
        '%ed%a0%80',
        '%f8%88%80%80%80',
        '%c0%af',
        '%00',
        '%0a',
        '%0d%0a',
        '%2f',
        '%2F',
        '%5c',
        '%2e%2e',
        '%252e',
        '%u0041',
        '%27',
        '%22',
        '%3f',
        '%23',
        '%26',
        '%3d',
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 3 }).map(percentEncode),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** A path segment's bytes, from an id of the fixture to bytes no client would send. */
export function pathSegment(knownIds: readonly string[]): fc.Arbitrary<Buffer> {
  const known = fc.constantFrom(...knownIds);
  return fc.oneof(
    { arbitrary: known.map((id) => Buffer.from(id)), weight: 3 },
    { arbitrary: known.map((id) => Buffer.from(id.toUpperCase())), weight: 1 },
    { arbitrary: fc.uuid().map((id) => Buffer.from(id)), weight: 2 },
    {
      arbitrary: known.map((id) => Buffer.from(percentEncode(`'${id}'`))),
      weight: 1,
    },
    {
      arbitrary: known.map((id) => Buffer.from(`%7B${id}%7D`)),
      weight: 1,
    },
    {
      arbitrary: hostileText.map((text) => Buffer.from(percentEncode(text))),
      weight: 4,
    },
    {
      arbitrary: hostileText.map((text) => rawUrlBytes(text)),
      weight: 3,
    },
    { arbitrary: garbagePercent.map((text) => Buffer.from(text)), weight: 3 },
    {
      arbitrary: longText.map((text) => Buffer.from(percentEncode(text))),
      weight: 1,
    },
    {
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 24 })
        .map((bytes) =>
          Buffer.from(
            [...bytes].map((byte) =>
              byte <= 0x20 || byte === 0x3f || byte === 0x23 ? 0x25 : byte,
            ),
          ),
        ),
      weight: 1,
    },
  );
}

/**
 * A path of `route` with hostile parameters, and sometimes a hostile shape: the OData key form
 * (`roleAssignmentRequests('…')/cancel`), doubled or trailing slashes, `.` and `..` segments,
 * other letter case, an extra segment.
 */
export function routePath(
  route: ServedRoute,
  segment: fc.Arbitrary<Buffer>,
): fc.Arbitrary<Buffer> {
  const parts = route.path.split('/').slice(1);
  const parameterCount = parts.filter(
    (part) => part === '{id}' || /^\{.*\}$/.test(part),
  ).length;
  return fc
    .record({
      values: fc.array(segment, {
        minLength: parameterCount,
        maxLength: parameterCount,
      }),
      shape: fc.constantFrom(
        'plain',
        'plain',
        'plain',
        'odataKey',
        'doubleSlash',
        'trailingSlash',
        'dotSegment',
        'upperCase',
        'extraSegment',
        'matrix',
      ),
      extra: segment,
      position: fc.nat(),
    })
    .map(({ values, shape, extra, position }) => {
      let next = 0;
      const segments: Buffer[] = parts.map((part) =>
        /^\{.*\}$/.test(part) ? values[next++] : Buffer.from(part),
      );
      const at = segments.length > 0 ? position % segments.length : 0;
      switch (shape) {
        case 'odataKey': {
          const key = parts.findIndex((part) => /^\{.*\}$/.test(part));
          if (key > 0) {
            segments.splice(
              key - 1,
              2,
              Buffer.concat([
                segments[key - 1],
                Buffer.from("('"),
                segments[key],
                Buffer.from("')"),
              ]),
            );
          }
          break;
        }
        case 'doubleSlash':
          segments.splice(at, 0, Buffer.alloc(0));
          break;
        case 'trailingSlash':
          segments.push(Buffer.alloc(0));
          break;
        case 'dotSegment':
          segments.splice(at, 0, Buffer.from(position % 2 ? '..' : '.'));
          break;
        case 'upperCase':
          parts.forEach((part, index) => {
            if (!/^\{.*\}$/.test(part)) {
              segments[index] = Buffer.from(part.toUpperCase());
            }
          });
          break;
        case 'extraSegment':
          segments.splice(at + 1, 0, extra);
          break;
        case 'matrix':
          segments[at] = Buffer.concat([
            segments[at] ?? Buffer.alloc(0),
            Buffer.from(';x=1'),
          ]);
          break;
        case 'plain':
          break;
      }
      return Buffer.concat(
        segments.flatMap((part) => [Buffer.from('/'), part]),
      );
    });
}

/** Ids of the fixture by the collection they are in (`resources`, …), case-insensitively. */
export type KnownIds = ReadonlyMap<string, readonly string[]>;

/**
 * A path of `route` as a client writes it, with an id of the collection its segment names
 * where the fixture has one (`resources/{id}` a resource's), any id of the fixture otherwise.
 */
export function plainPath(
  route: ServedRoute,
  knownIds: KnownIds,
): fc.Arbitrary<Buffer> {
  const all = [...knownIds.values()].flat();
  const parts = route.path.split('/').slice(1);
  return fc
    .tuple(
      ...parts.map((part, index) =>
        /^\{.*\}$/.test(part)
          ? fc.constantFrom(
              ...(knownIds.get(parts[index - 1]?.toLowerCase()) ?? all),
            )
          : fc.constant(part),
      ),
    )
    .map((segments) => Buffer.from(`/${segments.join('/')}`));
}

/** A property an OData option may name, with the kind of literal it compares with. */
export interface PropertyVocabulary {
  readonly name: string;
  readonly kind: 'guid' | 'dateTime' | 'boolean' | 'string';
}

/** What the OData options of a route may name: its properties (nested ones as paths), its navigations. */
export interface RouteVocabulary {
  readonly properties: readonly PropertyVocabulary[];
  readonly navigations: readonly string[];
}

const EXPAND_DESCRIPTION = /^With `\$expand=/;

/**
 * The properties and navigation properties of what a GET route answers, read from the 200
 * response schema the document gives it (the items of a page's `value`, or the entity); every
 * property the document names for a route without one.
 */
export function routeVocabulary(
  document: OpenAPIObject,
  path: string,
): RouteVocabulary {
  const schemas = (document.components?.schemas ?? {}) as Record<
    string,
    SchemaObject
  >;
  const resolve = (schema: unknown): SchemaObject[] => {
    const value = schema as SchemaObject & { $ref?: string };
    if (!value || typeof value !== 'object') {
      return [];
    }
    if (typeof value.$ref === 'string') {
      return resolve(schemas[value.$ref.split('/').at(-1) ?? '']);
    }
    if (value.allOf) {
      return value.allOf.flatMap(resolve);
    }
    if (value.anyOf) {
      return resolve(value.anyOf[0]);
    }
    return [value];
  };
  const propertiesOf = (schema: unknown) =>
    resolve(schema).flatMap((part) => Object.entries(part.properties ?? {}));
  const kindOf = (
    name: string,
    schema: unknown,
  ): PropertyVocabulary['kind'] => {
    const [leaf] = resolve(schema);
    if (leaf?.format === 'date-time') {
      return 'dateTime';
    }
    const type = leaf?.type;
    if (type === 'boolean') {
      return 'boolean';
    }
    return /(^id|Id)$/.test(name) ? 'guid' : 'string';
  };
  const answer = propertiesOf(
    (
      document.paths[path]?.get?.responses?.['200'] as
        { content?: Record<string, { schema?: unknown }> } | undefined
    )?.content?.['application/json']?.schema,
  );
  const page = answer.find(([name]) => name === 'value');
  const entity = page
    ? propertiesOf((page[1] as SchemaObject).items)
    : answer.filter(([name]) => !name.startsWith('@odata.'));
  const properties: PropertyVocabulary[] = [];
  const navigations: string[] = [];
  for (const [name, schema] of entity) {
    if (EXPAND_DESCRIPTION.test((schema as SchemaObject).description ?? '')) {
      navigations.push(name);
      continue;
    }
    const nested = propertiesOf(schema);
    if (nested.length === 0) {
      properties.push({ name, kind: kindOf(name, schema) });
    }
    for (const [child, childSchema] of nested) {
      properties.push({
        name: `${name}/${child}`,
        kind: kindOf(child, childSchema),
      });
    }
  }
  if (properties.length > 0) {
    return { properties, navigations };
  }
  const everything = Object.values(schemas).flatMap((schema) =>
    Object.entries(schema.properties ?? {}).map(([name, property]) => ({
      name,
      kind: kindOf(name, property),
    })),
  );
  return { properties: everything, navigations: [] };
}

// fc.constantFrom draws its first values more often: the extremes come first.
const DATE_LITERALS = [
  '-100000-12-31T23:59:59.999Z',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '-0001-01-01T00:00:00Z',
  '275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59.9999999Z',
  '0001-01-01T00:00:00Z',
  '2026-02-30',
  '2026-13-01T00:00:00Z',
  '2026-11-28T25:61:61Z',
  '2026-11-28T10:00:00-99:99',
  '2026-11-28T10:00:00+14:00',
  '2026-11-28',
  '2026-11-28T10:00:00Z',
  '2026-11-28T10:00:00.1234567+14:00',
  '1969-12-31T23:59:59.999Z',
];

/** The pieces of OData expressions, from what the route documents: well-typed, and not. */
export function odataArbitraries(vocabulary: RouteVocabulary) {
  const known = fc.constantFrom(...vocabulary.properties);
  const oddName = fc.oneof(
    {
      arbitrary: fc.constantFrom(
        'parent',
        'resource',
        'roleDefinition',
        'roleSetting',
        'subject',
        'linkedEligibleRoleAssignment',
        'status/x/y',
        'a/b/c/d/e',
        '@odata.type',
        '$it',
        '$root',
        '$this',
        '__proto__',
        'constructor',
        'hasOwnProperty',
        'ID',
        'DisplayName',
        '*',
        'id/id',
      ),
      weight: 3,
    },
    { arbitrary: hostileText, weight: 1 },
  );
  const property = fc.oneof(
    { arbitrary: known.map((item) => item.name), weight: 8 },
    { arbitrary: oddName, weight: 2 },
  );
  const stringLiteral = fc
    .oneof(
      { arbitrary: hostileText, weight: 6 },
      { arbitrary: longText, weight: 1 },
    )
    .map((text) => `'${text.replaceAll("'", "''")}'`);
  const dateLiteral = fc.oneof(
    fc.constantFrom(...DATE_LITERALS),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  );
  const guidLiteral = fc.oneof(
    fc.uuid(),
    fc.uuid().map((id) => `'${id.toUpperCase()}'`),
    fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '10000000-0000-4000-8000-000000000000',
      "'10000000-0000-4000-8000-000000000001'",
    ),
  );
  const typedLiteral = (kind: PropertyVocabulary['kind']) => {
    switch (kind) {
      case 'guid':
        return fc.oneof(guidLiteral, stringLiteral);
      case 'dateTime':
        return dateLiteral;
      case 'boolean':
        return fc.constantFrom('true', 'false', 'null');
      case 'string':
        return fc.oneof(stringLiteral, fc.constant('null'));
    }
  };
  const literal = fc.oneof(
    { arbitrary: stringLiteral, weight: 4 },
    { arbitrary: guidLiteral, weight: 2 },
    { arbitrary: dateLiteral, weight: 2 },
    {
      arbitrary: fc.constantFrom(
        'true',
        'false',
        'null',
        'TRUE',
        'NULL',
        '1',
        '-1',
        '1.5',
        '1e999',
        '-0',
        'INF',
        'NaN',
        '9999999999999999999999999',
        "duration'PT1H'",
        "duration'P99999999999Y'",
        "binary'AAAA'",
        "X'00'",
        "geography'POINT(0 0)'",
        "microsoft.graph.status'Active'",
        '$it',
        '@p1',
      ),
      weight: 2,
    },
    { arbitrary: fc.integer().map(String), weight: 1 },
    { arbitrary: fc.double().map(String), weight: 1 },
  );
  /** A comparison the service accepts, mostly: a property with a literal of its kind. */
  const typedComparison = known.chain((item) =>
    fc
      .tuple(
        fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'),
        typedLiteral(item.kind),
      )
      .map(([op, value]) => `${item.name} ${op} ${value}`),
  );
  const typedFunction = known.chain((item) =>
    fc
      .tuple(
        fc.constantFrom('startswith', 'endswith', 'contains'),
        stringLiteral,
      )
      .map(([name, value]) => `${name}(${item.name},${value})`),
  );
  const typedIn = known.chain((item) =>
    fc
      .array(typedLiteral(item.kind), { minLength: 1, maxLength: 5 })
      .map((values) => `${item.name} in (${values.join(',')})`),
  );
  const operator = fc.constantFrom(
    'eq',
    'ne',
    'gt',
    'ge',
    'lt',
    'le',
    'has',
    'add',
    'sub',
    'mul',
    'EQ',
    'in',
    'like',
    '=',
    'eq eq',
  );
  const functionName = fc.constantFrom(
    'startswith',
    'endswith',
    'contains',
    'tolower',
    'toupper',
    'length',
    'indexof',
    'substring',
    'concat',
    'year',
    'now',
    'cast',
    'isof',
    'any',
    'STARTSWITH',
    'matchesPattern',
    'x',
  );
  const operand = fc.oneof(property, literal);
  const { filter } = fc.letrec<{ filter: string }>((tie) => ({
    filter: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'filter' },
      typedComparison,
      typedComparison,
      typedFunction,
      typedIn,
      fc
        .tuple(operand, operator, operand)
        .map(([left, op, right]) => `${left} ${op} ${right}`),
      fc
        .tuple(functionName, fc.array(operand, { maxLength: 3 }))
        .map(([name, args]) => `${name}(${args.join(',')})`),
      fc
        .tuple(property, fc.array(literal, { maxLength: 4 }))
        .map(([name, items]) => `${name} in (${items.join(',')})`),
      fc
        .tuple(property, fc.constantFrom('any', 'all'), tie('filter'))
        .map(([name, lambda, body]) => `${name}/${lambda}(x:x/${body})`),
      fc
        .tuple(
          tie('filter'),
          fc.constantFrom('and', 'or', 'AND', 'xor'),
          tie('filter'),
        )
        .map(([left, op, right]) => `${left} ${op} ${right}`),
      tie('filter').map((inner) => `not ${inner}`),
      tie('filter').map((inner) => `(${inner})`),
      tie('filter').map((inner) => `((((${inner}`),
    ),
  }));
  /** A filter with a character put in, or cut short: the parser's error paths. */
  const mangledFilter = fc
    .tuple(filter, fc.nat(), fc.oneof(specialCharacter, fc.constant('')))
    .map(([text, at, inserted]) => {
      const position = text.length > 0 ? at % text.length : 0;
      return inserted === ''
        ? text.slice(0, position)
        : text.slice(0, position) + inserted + text.slice(position);
    });
  const orderBy = fc
    .array(
      fc
        .tuple(
          property,
          fc.constantFrom(
            '',
            ' asc',
            ' desc',
            ' DESC',
            ' up',
            '  asc',
            ' asc desc',
          ),
        )
        .map(([name, direction]) => `${name}${direction}`),
      { minLength: 0, maxLength: 4 },
    )
    .map((items) => items.join(','));
  const navigation =
    vocabulary.navigations.length > 0
      ? fc.oneof(
          { arbitrary: fc.constantFrom(...vocabulary.navigations), weight: 3 },
          { arbitrary: property, weight: 1 },
        )
      : property;
  const selectItem: fc.Arbitrary<string> = fc.oneof(
    property,
    navigation,
    fc
      .tuple(navigation, fc.array(property, { maxLength: 3 }))
      .map(([name, selected]) => `${name}($select=${selected.join(',')})`),
    fc.constant('*'),
    fc.constant(''),
    fc
      .tuple(
        property,
        fc.constantFrom(
          '$select',
          '$filter',
          '$expand',
          '$top',
          '$orderby',
          'select',
          '$levels',
        ),
        fc.oneof(property, filter),
      )
      .map(([name, option, value]) => `${name}(${option}=${value})`),
    fc
      .tuple(property, property, property)
      .map(([a, b, c]) => `${a}($expand=${b}($select=${c}))`),
    property.map((name) => `${name}(`),
  );
  const selectList = fc
    .array(selectItem, { minLength: 0, maxLength: 4 })
    .map((items) => items.join(','));
  const integerText = fc.oneof(
    fc.integer({ min: -5, max: 1200 }).map(String),
    fc.bigInt().map(String),
    fc.constantFrom(
      '',
      '1.5',
      '1e3',
      '0x10',
      ' 1',
      '+1',
      '٣',
      '９',
      '00001',
      '2147483648',
      '-0',
    ),
  );
  const skipToken = fc.oneof(
    hostileText,
    fc.jsonValue().map((value) => base64Url(JSON.stringify(value))),
    fc
      .record({
        order: fc.oneof(
          fc.constant('id asc'),
          known.map((item) => `${item.name} asc,id asc`),
          known.map((item) => `${item.name} desc,id asc`),
          hostileText,
        ),
        key: fc.array(
          fc.oneof(
            hostileText,
            fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
            fc.constantFrom(
              '0000-01-01T00:00:00Z',
              '-271821-04-20T00:00:00Z',
              '+275760-09-13T00:00:00Z',
              '9999-12-31',
            ),
            fc.boolean(),
            fc.jsonValue(),
          ),
          { maxLength: 3 },
        ),
      })
      .map((token) => base64Url(JSON.stringify(token))),
  );
  return {
    property,
    literal,
    filter: fc.oneof(
      { arbitrary: filter, weight: 12 },
      { arbitrary: mangledFilter, weight: 4 },
      { arbitrary: hostileText, weight: 2 },
      { arbitrary: longText, weight: 1 },
    ),
    orderBy: fc.oneof(
      { arbitrary: orderBy, weight: 4 },
      { arbitrary: hostileText, weight: 1 },
    ),
    select: fc.oneof(
      { arbitrary: selectList, weight: 4 },
      { arbitrary: hostileText, weight: 1 },
    ),
    integerText,
    skipToken,
    count: fc.oneof(
      fc.constantFrom('true', 'false', 'TRUE', 'True', '1', '0', '', 'yes'),
      hostileText,
    ),
  };
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** How a query's names and values are written, by how often. */
const ENCODINGS: readonly (readonly [number, (text: string) => Buffer])[] = [
  [3, (text) => Buffer.from(percentEncode(text))],
  [1, (text) => Buffer.from(percentEncode(text, false))],
  // As browsers and the Graph SDKs leave it: OData punctuation unencoded.
  [
    4,
    (text) =>
      Buffer.from(
        percentEncode(text).replace(
          /%(24|27|28|29|2C|2F|3A|40)/g,
          (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)),
        ),
      ),
  ],
  [1, (text) => Buffer.from(percentEncode(text).replaceAll('%20', '+'))],
  // Raw bytes: `&`, `=` and `%` too, so that they split and garble the query.
  [1, (text) => rawUrlBytes(text, '?')],
];

/** A query string of system query options (spelled many ways, repeated) and other names. */
export function queryString(
  odata: ReturnType<typeof odataArbitraries>,
): fc.Arbitrary<Buffer> {
  const option = fc.oneof(
    {
      arbitrary: fc.tuple(fc.constantFrom('filter'), odata.filter),
      weight: 6,
    },
    {
      arbitrary: fc.tuple(fc.constantFrom('orderby'), odata.orderBy),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(fc.constantFrom('top', 'skip'), odata.integerText),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(fc.constantFrom('skiptoken'), odata.skipToken),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(fc.constantFrom('select', 'expand'), odata.select),
      weight: 3,
    },
    { arbitrary: fc.tuple(fc.constantFrom('count'), odata.count), weight: 1 },
    fc.tuple(
      fc.constantFrom(
        'search',
        'format',
        'x',
        'apply',
        'compute',
        'levels',
        'deltatoken',
        'index',
        'schemaversion',
        '',
      ),
      fc.oneof(hostileText, longText),
    ),
  );
  const spelling = fc.constantFrom(
    (name: string) => `$${name}`,
    (name: string) => `$${name}`,
    (name: string) => `$${name}`,
    (name: string) => `$${name}`,
    (name: string) => name,
    (name: string) => `$${name.toUpperCase()}`,
    (name: string) => `%24${name}`,
    (name: string) => `$${name} `,
    (name: string) => `$$${name}`,
    (name: string) => `@${name}`,
  );
  const encoding = fc.constantFrom(
    ...ENCODINGS.flatMap(([weight, encode]) =>
      Array.from({ length: weight }, () => encode),
    ),
  );
  const pair = fc.oneof(
    {
      arbitrary: fc
        .tuple(option, spelling, encoding)
        .map(([[name, value], spell, encode]) =>
          Buffer.concat([encode(spell(name)), Buffer.from('='), encode(value)]),
        ),
      weight: 8,
    },
    {
      arbitrary: fc
        .tuple(hostileText, hostileText, encoding)
        .map(([name, value, encode]) =>
          Buffer.concat([encode(name), Buffer.from('='), encode(value)]),
        ),
      weight: 1,
    },
    { arbitrary: garbagePercent.map((text) => Buffer.from(text)), weight: 1 },
    {
      arbitrary: fc
        .constantFrom(
          '',
          '=',
          '&',
          '==',
          '$filter',
          '$filter=',
          '=x',
          '?',
          '&&&',
        )
        .map((text) => Buffer.from(text)),
      weight: 1,
    },
  );
  return fc
    .array(pair, { minLength: 1, maxLength: 3 })
    .chain((pairs) =>
      // Repeat one of them sometimes: a repeated option must be refused, not merged.
      fc
        .integer({ min: 0, max: 9 })
        .map((dice) => (dice === 0 ? [...pairs, pairs[0]] : pairs)),
    )
    .map((pairs) =>
      Buffer.concat(
        pairs.flatMap((part, index) =>
          index ? [Buffer.from('&'), part] : [part],
        ),
      ),
    );
}

/** A valid token most of the time, so that the rest of the request reaches the handlers. */
export const authorization: fc.Arbitrary<
  readonly (readonly [string, string])[]
> = fc.oneof(
  {
    arbitrary: fc.constant([
      ['Authorization', `Bearer ${userToken()}`],
    ] as const),
    weight: 8,
  },
  {
    arbitrary: fc.constant([
      ['Authorization', `Bearer ${appToken()}`],
    ] as const),
    weight: 4,
  },
  {
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          '',
          'Bearer',
          'Bearer ',
          'bearer ' + userToken(),
          'BEARER ' + userToken(),
          'Bearer  ' + userToken(),
          userToken(),
          'Basic dXNlcjpwYXNz',
          'Negotiate YII=',
          `Bearer ${userToken()}x`,
          `Bearer ${userToken().slice(0, -2)}`,
          `Bearer ${userToken().split('.').slice(0, 2).join('.')}.`,
          'Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.',
          'Bearer a.b.c',
          'Bearer ...',
          'Bearer %00',
          `Bearer ${'a'.repeat(8000)}`,
          `Bearer ${userToken()}, Bearer ${appToken()}`,
        ),
        hostileText.map((text) => `Bearer ${text}`),
        hostileText,
      )
      .map((value) => [['Authorization', value]] as const),
    weight: 3,
  },
  {
    arbitrary: fc.constant([
      ['Authorization', `Bearer ${userToken()}`],
      ['Authorization', `Bearer ${appToken()}`],
    ] as const),
    weight: 1,
  },
  { arbitrary: fc.constant([] as const), weight: 1 },
);

/** Header values: never CR or LF (they would frame another request), anything else goes. */
const headerValue = fc
  .oneof(hostileText, longText)
  .map((text) => text.replace(/[\r\n]/g, ' '));

/** The other headers Graph clients send, with any value, sometimes twice. */
export const otherHeaders: fc.Arbitrary<(readonly [string, string])[]> =
  fc.array(
    fc.oneof(
      fc.tuple(
        fc.constant('Accept'),
        fc.oneof(
          fc.constantFrom(
            'application/json',
            'application/xml',
            'text/html',
            '*/*',
            '*/*;q=0',
            'application/json;odata.metadata=full;IEEE754Compatible=true',
            'application/json;odata.streaming=true',
            'application/atom+xml',
            'image/png',
            'application/json;charset=utf-16',
            '',
          ),
          headerValue,
        ),
      ),
      fc.tuple(
        fc.constant('Content-Type'),
        fc.oneof(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'text/plain',
            'application/xml',
            'multipart/form-data; boundary=x',
            'application/x-www-form-urlencoded',
            'application/merge-patch+json',
            ';',
            '',
          ),
          headerValue,
        ),
      ),
      fc.tuple(
        fc.constant('Prefer'),
        fc.oneof(
          fc.constantFrom(
            'odata.maxpagesize=5',
            'odata.maxpagesize=-1',
            'odata.maxpagesize=99999999999',
            'return=minimal',
            'return=representation',
            'outlook.timezone="Pacific Standard Time"',
            'odata.track-changes',
            'respond-async',
            'wait=-1',
          ),
          headerValue,
        ),
      ),
      fc.tuple(
        fc.constantFrom('client-request-id', 'Client-Request-Id', 'request-id'),
        fc.oneof(fc.uuid(), headerValue),
      ),
      fc.tuple(
        fc.constantFrom('OData-Version', 'OData-MaxVersion', 'odata-version'),
        fc.oneof(fc.constantFrom('4.0', '4.01', '3.0', '', 'x'), headerValue),
      ),
      fc.tuple(
        fc.constantFrom(
          'ConsistencyLevel',
          'If-Match',
          'If-None-Match',
          'X-HTTP-Method-Override',
          'X-Forwarded-For',
          'X-Forwarded-Host',
          'X-Forwarded-Proto',
          'Forwarded',
          'Origin',
          'Accept-Encoding',
          'Accept-Language',
          'Accept-Charset',
          'Content-Encoding',
          'Range',
          'Cookie',
          'User-Agent',
          'SdkVersion',
          'Expect',
        ),
        headerValue,
      ),
      fc.tuple(
        fc.string({
          unit: fc.constantFrom(..."abcxyzABC-_!#$%&'*+.^`|~0123456789"),
          minLength: 1,
          maxLength: 20,
        }),
        headerValue,
      ),
    ),
    { maxLength: 5 },
  );

// ---------------------------------------------------------------------------------------------
// The OData options that cost the most to parse

const A_GUID = '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee';
const COMPARISON = `subjectId eq '${A_GUID}'`;

function nested(levels: number, inner = COMPARISON): string {
  return `${'('.repeat(levels)}${inner}${')'.repeat(levels)}`;
}

/** `text` followed by ` and reason ne 'xx…'`, to exactly `length` characters. */
function padded(text: string, length: number): string {
  const condition = ` and reason ne ''`;
  return `${text}${condition.slice(0, -1)}${'x'.repeat(length - text.length - condition.length)}'`;
}

function option(name: string, text: string): string {
  return `$${name}=${encodeURIComponent(text)}`;
}

/**
 * A limit of the OData options (src/graph/odata/query-limits.ts): a query string at the limit,
 * which a list route answers, and one just beyond it, refused with the message naming it.
 */
export interface QueryLimitCase {
  readonly name: string;
  readonly atLimit: string;
  readonly beyond: string;
  readonly message: string | RegExp;
}

const OPERATORS = /^The \$filter has more than 32 operators/;
const FIFTY_TWO_GUIDS = Array.from({ length: 52 }, () => A_GUID).join(',');

export const QUERY_LIMIT_CASES: readonly QueryLimitCase[] = [
  {
    name: 'parentheses 16 levels deep',
    atLimit: option('filter', nested(16)),
    beyond: option('filter', nested(17)),
    message: 'The $filter is nested more than 16 levels deep.',
  },
  {
    name: 'parentheses in string literals, which are no nesting',
    atLimit: option(
      'filter',
      nested(16, `reason eq 'it''s ${'('.repeat(100)}'`),
    ),
    beyond: option('filter', `reason eq '${'('.repeat(10)}' or ${nested(17)}`),
    message: 'The $filter is nested more than 16 levels deep.',
  },
  {
    name: 'a chain of not',
    atLimit: option('filter', `${'not '.repeat(31)}${COMPARISON}`),
    beyond: option('filter', `${'not '.repeat(32)}${COMPARISON}`),
    message: OPERATORS,
  },
  {
    name: 'comparisons joined by or',
    atLimit: option(
      'filter',
      Array.from({ length: 16 }, () => COMPARISON).join(' or '),
    ),
    beyond: option(
      'filter',
      Array.from({ length: 17 }, () => COMPARISON).join(' or '),
    ),
    message: OPERATORS,
  },
  {
    name: 'an in list as long as $filter may be',
    atLimit: option(
      'filter',
      padded(`subjectId in (${FIFTY_TWO_GUIDS})`, 2048),
    ),
    beyond: option('filter', padded(`subjectId in (${FIFTY_TWO_GUIDS})`, 2049)),
    message: 'The $filter is longer than 2048 characters.',
  },
  {
    name: 'a long $orderby',
    atLimit: option('orderby', `requestedDateTime${' '.repeat(491)}desc`),
    beyond: option('orderby', `requestedDateTime${' '.repeat(492)}desc`),
    message: 'The $orderby is longer than 512 characters.',
  },
  {
    name: 'a long $select',
    atLimit: option('select', `${'id,'.repeat(170)}id`),
    beyond: option('select', `${'id,'.repeat(171)}id`),
    message: 'The $select is longer than 512 characters.',
  },
  {
    name: 'a long $expand',
    atLimit: option('expand', `resource($select=${'id,'.repeat(164)}id)`),
    beyond: option('expand', `resource($select=${'id,'.repeat(165)}id)`),
    message: 'The $expand is longer than 512 characters.',
  },
];

/**
 * The query strings that cost the parser the most, beyond the limits and at them. Without the
 * limits, the first one held the event loop for about 12 s.
 */
export const WORST_QUERY_STRINGS: readonly string[] = [
  option('filter', nested(3400)),
  option('filter', nested(1000)),
  option('filter', `${'not '.repeat(1000)}${COMPARISON}`),
  option('filter', `${'not ('.repeat(400)}${COMPARISON}${')'.repeat(400)}`),
  option('filter', `subjectId${'/a'.repeat(1000)} eq 1`),
  option('filter', `subjectId eq ${'-'.repeat(1000)}1`),
  option('filter', `subjectId eq 1${' add 1'.repeat(300)}`),
  option('filter', Array.from({ length: 150 }, () => COMPARISON).join(' or ')),
  option(
    'filter',
    `subjectId in (${Array.from({ length: 300 }, () => A_GUID).join(',')})`,
  ),
  option('filter', `reason eq '${'('.repeat(50)}' or ${nested(1000)}`),
  option('filter', `reason eq '${'x'.repeat(2000)}' or ${nested(500)}`),
  option('orderby', `requestedDateTime${'/a'.repeat(1000)}`),
  option('select', Array.from({ length: 1000 }, () => 'id').join(',')),
  option('expand', `${'subject($expand='.repeat(300)}x${')'.repeat(300)}`),
  ...QUERY_LIMIT_CASES.flatMap((limit) => [limit.atLimit, limit.beyond]),
];

/**
 * The latencies of `GET /health/live`, called one after the other while `burst` runs: a
 * request that holds the event loop delays the health call in flight.
 */
export async function healthLatenciesDuring(
  testApp: TestApp,
  burst: Promise<unknown>,
): Promise<number[]> {
  let done = false;
  const settled = burst.finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  do {
    const start = performance.now();
    const response = await fetch(`${testApp.baseUrl}/health/live`);
    await response.arrayBuffer();
    latencies.push(performance.now() - start);
  } while (!done);
  await settled;
  return latencies;
}
