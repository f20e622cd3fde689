import { vi } from 'vitest';

/**
 * Every line written to stdout and stderr while `fn` runs (the Powertools logger writes there
 * through its own Console), parsed when it is JSON.
 */
export async function captureLogs<T>(fn: () => Promise<T> | T): Promise<{ result: T; lines: string[]; json: Record<string, unknown>[] }> {
  const lines: string[] = [];
  const keep = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter((line) => line.trim() !== ''));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(keep as never);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(keep as never);
  try {
    const result = await fn();
    const json = lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    return { result, lines, json };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
