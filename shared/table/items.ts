/** An entity from its stored item: only its own fields, without keys, index keys or bookkeeping. */
export const pick = <T>(item: Record<string, unknown>, fields: readonly string[]): T =>
  Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as T;
