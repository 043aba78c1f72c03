import {
  getSchemaPath,
  type ReferenceObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

type ValidatedClass = abstract new () => object;
type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];
type Schema = SchemaObject | ReferenceObject;

/**
 * The JSON Schemas (OpenAPI 3.1) of a class-validator class and of the classes it nests, named
 * by their class names: what a body validated against it (`validationProblems`, which refuses
 * undeclared properties) may hold. Each validator the request DTOs use gives its constraint; a
 * validator not known here constrains nothing in the schema, while the service still applies it.
 */
export function validatedClassSchemas(
  root: ValidatedClass,
): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = {};
  const classes = new Map<string, ValidatedClass>();
  const pending: ValidatedClass[] = [root];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const known = classes.get(next.name);
    if (known === next) {
      continue;
    }
    if (known) {
      throw new Error(`Two validated classes are named ${next.name}`);
    }
    classes.set(next.name, next);
    schemas[next.name] = objectSchema(next, (nested) => {
      pending.push(nested);
      return { $ref: getSchemaPath(nested.name) };
    });
  }
  return schemas;
}

type Reference = (nested: ValidatedClass) => ReferenceObject;

function objectSchema(
  validatedClass: ValidatedClass,
  reference: Reference,
): SchemaObject {
  // A base class's properties come first, as a reader of the type expects them.
  const lineage = lineageOf(validatedClass);
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(validatedClass, '', false, false)
    .sort(
      (a, b) =>
        lineage.indexOf(a.target as ValidatedClass) -
        lineage.indexOf(b.target as ValidatedClass),
    );
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rules) {
    byProperty.set(rule.propertyName, [
      ...(byProperty.get(rule.propertyName) ?? []),
      rule,
    ]);
  }
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, rules] of byProperty) {
    const optional = rules.some(
      (rule) =>
        rule.type === ValidationTypes.CONDITIONAL_VALIDATION &&
        rule.name === 'isOptional',
    );
    // `@Allow()` alone: any value is taken as it is.
    const unchecked = rules.every(
      (rule) => rule.type === ValidationTypes.WHITELIST,
    );
    const schema = unchecked
      ? { description: 'Any value: not checked.' }
      : propertySchema(validatedClass, name, rules, reference);
    properties[name] = optional ? orNull(schema) : schema;
    if (!optional && !unchecked) {
      required.push(name);
    }
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 && { required }),
    additionalProperties: false,
  };
}

/** The class and the classes it extends, the farthest first. */
function lineageOf(validatedClass: ValidatedClass): ValidatedClass[] {
  const lineage: ValidatedClass[] = [];
  for (
    let current: unknown = validatedClass;
    typeof current === 'function' && current !== Function.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    lineage.unshift(current as ValidatedClass);
  }
  return lineage;
}

function propertySchema(
  validatedClass: ValidatedClass,
  name: string,
  rules: readonly ValidationMetadata[],
  reference: Reference,
): Schema {
  const nested = rules.some(
    (rule) => rule.type === ValidationTypes.NESTED_VALIDATION,
  )
    ? nestedSchema(validatedClass, name, reference)
    : undefined;
  const isArray = rules.some((rule) => rule.name === 'isArray' || rule.each);
  if (!isArray) {
    return nested ?? constrained(rules);
  }
  const items = rules.filter((rule) => rule.each);
  return {
    ...constrained(rules.filter((rule) => !rule.each)),
    type: 'array',
    items: nested ?? constrained(items),
  };
}

/** A nested class's schema: a reference, or one of its subtypes by the discriminator's value. */
function nestedSchema(
  validatedClass: ValidatedClass,
  name: string,
  reference: Reference,
): Schema {
  const declared = defaultMetadataStorage.findTypeMetadata(
    validatedClass,
    name,
  );
  const discriminator = declared?.options.discriminator;
  if (discriminator) {
    return {
      oneOf: discriminator.subTypes.map((subType): SchemaObject => ({
        type: 'object',
        allOf: [reference(subType.value as ValidatedClass)],
        properties: { [discriminator.property]: { enum: [subType.name] } },
        required: [discriminator.property],
      })),
    };
  }
  const nestedClass = (declared?.typeFunction() ??
    Reflect.getMetadata(
      'design:type',
      validatedClass.prototype as object,
      name,
    )) as ValidatedClass | undefined;
  return nestedClass && nestedClass !== Object && nestedClass !== Array
    ? reference(nestedClass)
    : { type: 'object' };
}

/** What these validators accept of one value (an array's, for those of the array itself). */
function constrained(rules: readonly ValidationMetadata[]): SchemaObject {
  const schema: SchemaObject = {};
  for (const { name, constraints } of rules) {
    const [first, second] = (constraints ?? []) as unknown[];
    switch (name ?? '') {
      case 'isString':
        schema.type = 'string';
        break;
      case 'isBoolean':
        schema.type = 'boolean';
        break;
      case 'isInt':
        schema.type = 'integer';
        break;
      case 'isNumber':
        schema.type = 'number';
        break;
      case 'isIn': {
        const values = first as unknown[];
        schema.enum = [...values];
        if (values.every((value) => typeof value === 'string')) {
          schema.type = 'string';
        }
        break;
      }
      case 'matches':
        schema.type = 'string';
        schema.pattern = patternOf(first as RegExp | string, second);
        break;
      case 'maxLength':
        schema.maxLength = first as number;
        break;
      case 'minLength':
        schema.minLength = first as number;
        break;
      case 'isDateTimeText':
        schema.type = 'string';
        schema.format = 'date-time';
        break;
      case 'isUUID':
        schema.type = 'string';
        schema.format = 'uuid';
        break;
      case 'min':
        schema.minimum = first as number;
        break;
      case 'max':
        schema.maximum = first as number;
        break;
      case 'arrayMaxSize':
        schema.maxItems = first as number;
        break;
      case 'arrayMinSize':
        schema.minItems = first as number;
        break;
      default:
        break;
    }
  }
  const implied = impliedType(schema);
  return schema.type === undefined && implied
    ? { ...schema, type: implied }
    : schema;
}

/** The type a length, size or bound constrains: its validator refuses any other type. */
function impliedType(schema: SchemaObject): string | undefined {
  if (
    schema.maxLength !== undefined ||
    schema.minLength !== undefined ||
    schema.pattern !== undefined
  ) {
    return 'string';
  }
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    return 'number';
  }
  if (schema.maxItems !== undefined || schema.minItems !== undefined) {
    return 'array';
  }
  return undefined;
}

/** `@IsOptional()` lets both a missing property and null through. */
function orNull(schema: Schema): Schema {
  if ('$ref' in schema || schema.oneOf || schema.type === undefined) {
    return Object.keys(schema).length === 0
      ? schema
      : { anyOf: [schema, { type: 'null' }] };
  }
  return {
    ...schema,
    type: [schema.type, 'null'].flat(),
    ...(schema.enum && { enum: [...(schema.enum as unknown[]), null] }),
  };
}

/**
 * A regular expression as a JSON Schema `pattern`, which has no flags: a case-insensitive one
 * names both cases of each letter instead.
 */
export function patternOf(pattern: RegExp | string, flags?: unknown): string {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  const allFlags = `${typeof pattern === 'string' ? '' : pattern.flags}${typeof flags === 'string' ? flags : ''}`;
  return allFlags.includes('i') ? bothCases(source) : source;
}

function bothCases(source: string): string {
  let result = '';
  let inClass = false;
  for (let at = 0; at < source.length; at += 1) {
    const char = source[at];
    if (char === '\\') {
      // An escape (`\d`, `\.`) keeps its meaning whatever the case of the text.
      result += source.slice(at, at + 2);
      at += 1;
    } else if (inClass) {
      const range = /^[a-z]-[a-z]/i.exec(source.slice(at))?.[0];
      if (char === ']') {
        inClass = false;
        result += char;
      } else if (range) {
        result += range + otherCase(range);
        at += 2;
      } else {
        result += isLetter(char) ? char + otherCase(char) : char;
      }
    } else if (char === '[') {
      inClass = true;
      result += char;
    } else if (source.startsWith('(?<', at) && isLetter(source[at + 3])) {
      // A group's name is not text to match.
      const end = source.indexOf('>', at);
      result += source.slice(at, end + 1);
      at = end;
    } else {
      result += isLetter(char) ? `[${char}${otherCase(char)}]` : char;
    }
  }
  return result;
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /^[a-z]$/i.test(char);
}

function otherCase(text: string): string {
  return text === text.toLowerCase() ? text.toUpperCase() : text.toLowerCase();
}
