import { expect } from 'vitest';
import { DomainError } from '#shared/domain/errors.ts';
import { toProblem, type ProblemError } from '#shared/http/problem.ts';

/** The error thrown by `fn` as the HTTP problem it becomes, or a failure when nothing (or something else) is thrown. */
export function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return toProblem(error);
  }
  throw new Error('expected a DomainError, nothing was thrown');
}
