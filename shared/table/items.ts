declare const checkedFieldsOf: unique symbol;

/**
 * The stored fields an entity of type `T` is read with: exactly the keys of `T`, checked when it
 * compiles (`fieldsOf`). Only such a list is accepted by `pick`, so no entity is read with a list
 * nobody checked against its type; the mark is invariant in the keys of `T`, so the list of a
 * narrower type (`Omit<T, 'x'>`, which TypeScript deems assignable to `T` when `x` is optional)
 * does not read a `T` either.
 */
export type Fields<T> = readonly (keyof T & string)[] & { readonly [checkedFieldsOf]: (field: keyof T) => keyof T };

/** The keys of `T` a list leaves out, named in the compiler's message when there are some. */
type Complete<T, L extends readonly unknown[]> = [Exclude<keyof T, L[number]>] extends [never] ? unknown : { 'missing fields': Exclude<keyof T, L[number]> };

/**
 * The list of the stored fields of `T`, refused by `tsc` when it names a field `T` does not have
 * or leaves out one it has (optional ones included): a field added to an entity's type must be
 * added here, or it would never be read back. Called as `fieldsOf<T>()([...])`, so `T` is named
 * while the list's own type is inferred. Each call carries esbuild's pure annotation (`@__PURE__`
 * in a comment before it): esbuild keeps a call it cannot prove pure, so a function that never
 * reads the entity would otherwise bundle its list, where an array literal alone is dropped.
 */
export const fieldsOf =
  <T>() =>
  <const L extends readonly (keyof T & string)[]>(fields: L & Complete<T, L>): Fields<T> =>
    fields as unknown as Fields<T>;

/** An entity from its stored item: only its own fields, without keys, index keys or bookkeeping. */
export const pick = <T>(item: Record<string, unknown>, fields: Fields<T>): T =>
  Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as T;
