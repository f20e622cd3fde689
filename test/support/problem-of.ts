import { expect } from 'vitest';
import { ProblemError } from '../../shared/domain/errors.ts';

/** The ProblemError thrown by `fn`, or a failure when nothing (or something else) is thrown. */
export function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemError);
    return error as ProblemError;
  }
  throw new Error('expected a ProblemError, nothing was thrown');
}
