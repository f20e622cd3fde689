import fc from 'fast-check';
import * as z from 'zod/mini';

/**
 * Invalid request bodies generated from a route's own schema: the zod schema is turned into JSON
 * Schema, every place in it (the body, each property, each array's items, nested objects) gets
 * the mutations its constraints allow (the wrong type, a required key left out, an unknown key
 * such as `__proto__`, a string past its length or breaking its pattern, a value outside its enum
 * or range, text that spoofs, a lone surrogate, NUL, an array too short or too long), and 1-3 of
 * them are applied to a valid body. The same schema is the oracle: only bodies it refuses are kept.
 */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** A union (`nullable()`, `anyOf`) seen as one schema: every type it allows, the constraints of its branches. */
function merged(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  const parts = branches.map(merged);
  return {
    ...Object.assign({}, ...parts),
    ...schema,
    type: [...new Set(parts.flatMap((p) => [p.type ?? []].flat()))],
    anyOf: undefined,
    oneOf: undefined,
  };
}

type Path = (string | number)[];
interface Place {
  path: Path;
  schema: JsonSchema;
  required: boolean;
}

export interface Mutation {
  name: string;
  apply: (body: unknown) => unknown;
}

const clone = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Sets (or with `remove`, deletes) the value at `path`, creating containers on the way; `__proto__` stays an own key. */
function setAt(body: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const root = body !== null && typeof body === 'object' ? body : {};
  let parent = root as Record<string | number, unknown>;
  for (const [i, key] of path.slice(0, -1).entries()) {
    const child = parent[key];
    if (child === null || typeof child !== 'object') {
      const fresh = typeof path[i + 1] === 'number' ? [] : {};
      Object.defineProperty(parent, key, { value: fresh, enumerable: true, writable: true, configurable: true });
    }
    parent = parent[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete parent[last];
  else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

function places(given: JsonSchema, path: Path = [], required = true): Place[] {
  const schema = merged(given);
  const here: Place = { path, schema, required };
  const inner: Place[] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) inner.push(...places(child, [...path, key], (schema.required ?? []).includes(key)));
  if (schema.items) inner.push(...places(schema.items, [...path, 0], true));
  return [here, ...inner];
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);
const matches = (v: unknown, schema: JsonSchema): boolean => {
  const types = [schema.type ?? []].flat();
  if (types.length === 0) return true;
  const t = typeOf(v);
  return types.includes(t) || (t === 'integer' && types.includes('number'));
};

/** Strings that spoof, or are no text at all. */
const NASTY = ['\u202Eevil', '\u2066x\u2069', '\u200F', '\u061C', '\u0000', '\u001B[31m', '\uD800', '\uDFFF', '\uFEFF', '\u200B', '\n\r', '<script>alert(1)</script>', "' OR 1=1 --", '${jndi:ldap://x}', '../../etc/passwd', '%00'];

function mutationsAt(place: Place): fc.Arbitrary<Mutation>[] {
  const { path, schema, required } = place;
  const where = path.length ? path.join('.') : '(body)';
  const set = (name: string, value: fc.Arbitrary<unknown>) => value.map((v): Mutation => ({ name: `${where}: ${name}`, apply: (body) => setAt(body, path, v) }));
  const options: fc.Arbitrary<Mutation>[] = [];
  // A place of any type (no `type` in its schema) has no wrong type to give it.
  if ([schema.type ?? []].flat().length > 0) {
    const anything = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 20 }), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));
    options.push(set('wrong type', anything.filter((v) => !matches(v, schema))));
  }
  if (path.length > 0 && required) options.push(fc.constant({ name: `${where}: missing`, apply: (body: unknown) => setAt(body, path, undefined, true) }));
  const types = [schema.type ?? []].flat();
  if (types.includes('string')) {
    if (schema.maxLength !== undefined) options.push(set('too long', fc.integer({ min: schema.maxLength + 1, max: schema.maxLength + 3000 }).map((n) => 'x'.repeat(n))));
    if ((schema.minLength ?? 0) > 0) options.push(set('empty', fc.constantFrom('', ' ', '\t')));
    if (schema.pattern || schema.format) options.push(set('breaks its pattern', fc.string({ unit: 'binary', maxLength: 40 })));
    options.push(set('spoofing or no text', fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY)).map(([a, b]) => `${a}${b}`)));
  }
  if (schema.enum) options.push(set('not in its enum', fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('GlobalAdministrator', 'admin', 'ACTIVE', '')).filter((s) => !schema.enum!.includes(s))));
  if (types.includes('integer') || types.includes('number')) {
    const outside: fc.Arbitrary<unknown>[] = [fc.constantFrom(1.5, -0.5, 1e308, -1e308), fc.constantFrom('5', '1e3')];
    if (schema.minimum !== undefined) outside.push(fc.integer({ min: -1e9, max: schema.minimum - 1 }));
    if (schema.maximum !== undefined) outside.push(fc.integer({ min: schema.maximum + 1, max: 1e9 }));
    options.push(set('out of range', fc.oneof(...outside)));
  }
  if (types.includes('array')) {
    if ((schema.minItems ?? 0) > 0) options.push(set('empty list', fc.constant([])));
    if (schema.maxItems !== undefined) options.push(set('too many items', fc.constant(Array.from({ length: schema.maxItems + 1 }, () => ({})))));
  }
  if (types.includes('object') && schema.additionalProperties === false) {
    options.push(
      fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'partnerId', 'status', 'id'), fc.string({ minLength: 1, maxLength: 8 })), fc.oneof(fc.constant({ polluted: true }), fc.string({ maxLength: 5 }), fc.integer())).map(([key, value]) => ({
        name: `${where}: unknown key ${JSON.stringify(key)}`,
        apply: (body: unknown) => setAt(body, [...path, key], value),
      })),
    );
  }
  return options;
}

/** Bodies the route's schema refuses, each with the mutations that made it. */
export function invalidBodies(schema: z.ZodMiniType, valid: unknown): fc.Arbitrary<{ body: unknown; mutations: string[] }> {
  if (!schema.safeParse(valid).success) throw new Error(`the valid body is not valid: ${JSON.stringify(valid)}`);
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const mutation = fc.oneof(...places(json).flatMap(mutationsAt));
  return fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => ({ body: mutations.reduce((body, m) => m.apply(body), clone(valid)), mutations: mutations.map((m) => m.name) }))
    .filter(({ body }) => body === undefined || !schema.safeParse(body).success);
}

/**
 * A valid body for a schema nobody wrote one for (a route added since): the simplest value of each
 * property its JSON Schema asks for, with only the required ones and then with all of them, kept
 * if the schema takes it.
 */
export function validBodyFor(schema: z.ZodMiniType): unknown {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const simplest = (s: JsonSchema, all: boolean): unknown => {
    const either = s as JsonSchema & { const?: unknown; anyOf?: JsonSchema[] };
    if (either.const !== undefined) return either.const;
    if (either.anyOf?.length) return simplest(either.anyOf[0], all);
    if (s.enum) return s.enum[0];
    const type = [s.type ?? 'string'].flat()[0];
    if (type === 'object') {
      const keys = Object.keys(s.properties ?? {}).filter((k) => all || (s.required ?? []).includes(k));
      return Object.fromEntries(keys.map((k) => [k, simplest(s.properties![k], all)]));
    }
    if (type === 'array') return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => simplest(s.items ?? {}, all));
    if (type === 'integer' || type === 'number') return s.minimum ?? 1;
    if (type === 'boolean') return true;
    if (s.format === 'email') return 'a@reliability.example';
    if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
    if (s.pattern) {
      const pattern = new RegExp(s.pattern);
      const known = ['reliability.example', 'x', 'x1', '1234567890123', 't_reliability'].find((c) => pattern.test(c));
      if (known) return known;
      try {
        return fc.sample(fc.stringMatching(pattern), { numRuns: 1, seed: 1 })[0];
      } catch {
        return 'x';
      }
    }
    return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  };
  for (const all of [false, true]) {
    const body = simplest(json, all);
    if (schema.safeParse(body).success) return body;
  }
  throw new Error(`no valid body found for ${JSON.stringify(json).slice(0, 200)}`);
}
