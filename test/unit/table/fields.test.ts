import { describe, expect, it } from 'vitest';
import { fieldsOf, pick } from '#shared/table/items.ts';

interface Entity {
  id: string;
  name: string;
  closedAt?: string;
}

const stored = { pk: 'ENTITY#e_1', sk: 'ENTITY', gsi1pk: 'X', type: 'entity', id: 'e_1', name: 'One', closedAt: undefined };

/*
 * The `@ts-expect-error` lines below are the test of the compile-time half: `npm run typecheck`
 * (tsc includes test/) fails if any of them stops being an error, so the check cannot quietly stop
 * working.
 */
describe('stored field lists are checked against their entity type (issue 19: declare once what is stored)', () => {
  it('a list naming exactly the fields of its type compiles, and reads only those fields back', () => {
    const FIELDS = fieldsOf<Entity>()(['id', 'name', 'closedAt']);
    expect(pick(stored, FIELDS)).toEqual({ id: 'e_1', name: 'One' });
    expect(pick({ ...stored, closedAt: '2026-01-01T00:00:00.000Z' }, FIELDS)).toEqual({ id: 'e_1', name: 'One', closedAt: '2026-01-01T00:00:00.000Z' });
  });

  it('refuses, when it compiles, a list that leaves out a field of the type (an optional one included)', () => {
    // @ts-expect-error closedAt is missing: it would never be read back
    const missingOptional = fieldsOf<Entity>()(['id', 'name']);
    // @ts-expect-error name is missing
    const missingRequired = fieldsOf<Entity>()(['id', 'closedAt']);
    expect(pick(stored, missingOptional)).toEqual({ id: 'e_1', name: 'One' });
    expect(pick(stored, missingRequired)).toEqual({ id: 'e_1' });
  });

  it('refuses, when it compiles, a list that names a field the type does not have', () => {
    // @ts-expect-error gsi1pk is an index key, not a field of the entity
    const extra = fieldsOf<Entity>()(['id', 'name', 'closedAt', 'gsi1pk']);
    expect(pick(stored, extra)).toEqual({ id: 'e_1', name: 'One', gsi1pk: 'X' });
  });

  it('refuses, when it compiles, to read an entity with an unchecked list or with the list of another type', () => {
    // @ts-expect-error a plain list was never checked against Entity
    expect(pick<Entity>(stored, ['id', 'name', 'closedAt'])).toEqual({ id: 'e_1', name: 'One' });
    const narrower = fieldsOf<Omit<Entity, 'closedAt'>>()(['id', 'name']);
    // @ts-expect-error the list of Omit<Entity, 'closedAt'> does not read an Entity
    expect(pick<Entity>(stored, narrower)).toEqual({ id: 'e_1', name: 'One' });
  });
});
