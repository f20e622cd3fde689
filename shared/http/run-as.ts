import { isLocal } from '#shared/config/env.ts';
import { validationFailed } from '#shared/domain/errors.ts';

/**
 * The time `POST /ops/jobs/consent-status-check` runs the check as (API.md): a `now` is accepted
 * only when running locally, where tests move the clock; a deployed check always runs as of now.
 * Answers the time as an ISO string, or undefined for "now".
 */
export function checkRunAs(now: string | undefined, local = isLocal()): string | undefined {
  if (now !== undefined && !local) throw validationFailed([{ path: 'now', message: 'is accepted only when running locally' }]);
  return now ? new Date(now).toISOString() : undefined;
}
