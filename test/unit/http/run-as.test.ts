import { describe, expect, it } from 'vitest';
import { checkRunAs } from '#shared/http/run-as.ts';
import { problemOf } from '../../support/problem-of.ts';

describe('the time POST /ops/jobs/consent-status-check runs as', () => {
  it('is now without a `now`, wherever it runs', () => {
    expect(checkRunAs(undefined, false)).toBeUndefined();
    expect(checkRunAs(undefined, true)).toBeUndefined();
  });

  it('is the `now` given when running locally, as an ISO time', () => {
    expect(checkRunAs('2026-03-01T10:00:00Z', true)).toBe('2026-03-01T10:00:00.000Z');
  });

  it('refuses a `now` when deployed, naming the field', () => {
    expect(problemOf(() => checkRunAs('2026-03-01T10:00:00Z', false))).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ path: 'now', message: 'is accepted only when running locally' }] });
  });
});
