/**
 * Lambda event filtering (the part of its pattern syntax this service uses: exact values,
 * `exists`, `prefix`), so the local stream poller passes exactly the records the deployed event
 * source mapping would. A rule it does not know throws: local and AWS never silently differ.
 */
type Pattern = Record<string, unknown>;

export function matchesFilter(patterns: readonly Pattern[], record: unknown): boolean {
  return patterns.length === 0 || patterns.some((pattern) => matchesPattern(pattern, record));
}

function matchesPattern(pattern: Pattern, value: unknown): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) return expected.some((rule) => matchesRule(rule, actual));
    if (expected !== null && typeof expected === 'object') return matchesPattern(expected as Pattern, actual);
    throw new Error(`filter pattern: the value of "${key}" must be an array of rules or a nested pattern`);
  });
}

function matchesRule(rule: unknown, actual: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return actual === rule;
  const [name, operand] = Object.entries(rule as Record<string, unknown>)[0] ?? [];
  if (name === 'exists') return (actual !== undefined) === operand;
  if (name === 'prefix') return typeof actual === 'string' && actual.startsWith(String(operand));
  throw new Error(`filter pattern: rule "${name}" is not supported locally`);
}
