import { effectiveStatus } from '#shared/domain/consent.ts';
import { normalizeEmail } from '#shared/domain/directory.ts';
import { RateLimited } from '#shared/domain/errors.ts';
import { LIMITS, MAX_PENDING_REQUESTS_PER_RECIPIENT, tightest } from '#shared/domain/rate-limits.ts';
import { getItems } from '#shared/table/batch.ts';
import { getConsentRequests } from '#shared/table/consent-requests.ts';
import { setRead, setWrite, takeWrite, windowRead, type CounterState } from '#shared/table/rate-limit.ts';
import type { Write } from '#shared/table/transact.ts';

/** What a limited answer reports in its `RateLimit-*` fields. */
export interface LimitReport {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export interface ConsentRequestLimits {
  /** Transaction items that take this request from every limit; they fail if another caller counted meanwhile. */
  writes: Write[];
  /** The partner's own tightest limit once this request is counted (never the recipient's: that would tell a partner about others' requests). */
  report: LimitReport;
  /** The same limit as it stands without this request (an idempotent replay takes nothing). */
  reportUntaken: LimitReport;
}

const report = (state: CounterState, taken: boolean): LimitReport => ({
  limit: state.policy.limit,
  remaining: taken ? state.remaining : Math.max(0, Math.floor(state.policy.limit - state.estimate)),
  resetSeconds: state.resetSeconds,
});

const refuse = (state: CounterState) =>
  new RateLimited(`At most ${state.policy.limit} ${state.policy.name}; try again in ${state.retryAfterSeconds} s`, state.retryAfterSeconds, state.policy.limit);

/**
 * The limits of API.md on `POST /v1/consent-requests`: per partner, 60 a minute and 1,000 a day;
 * per recipient address, from all partners together, 10 emails a day and 5 pending requests.
 * Throws `RateLimited` (nothing taken) when one is reached; otherwise answers the writes that take
 * this request from each, to be committed in the request's own transaction.
 *
 * The pending requests of a recipient are a counted set of request ids with their expiry: an
 * expired one stops counting by itself, and only when the set is full are its members' states
 * read (one batch of at most 5), so an answered, cancelled or expired request frees its place without any
 * other change having to touch the set.
 */
export async function consentRequestLimits(input: { partnerId: string; recipientEmail: string; requestId: string; expiresAt: string; nowMs?: number }): Promise<ConsentRequestLimits> {
  const nowMs = input.nowMs ?? Date.now();
  const recipient = normalizeEmail(input.recipientEmail);
  // Every counter in one read (BatchGetItem).
  const { minute, day, emails, pending } = await getItems({
    minute: windowRead(`consent-requests:minute:${input.partnerId}`, LIMITS.consentRequestsPerMinute, nowMs),
    day: windowRead(`consent-requests:day:${input.partnerId}`, LIMITS.consentRequestsPerDay, nowMs),
    emails: windowRead(`consent-emails:day:${recipient}`, LIMITS.recipientEmailsPerDay, nowMs),
    pending: setRead(`pending-requests:${recipient}`),
  });
  for (const state of [minute, day, emails]) if (!state.allowed) throw refuse(state);

  const now = new Date(nowMs).toISOString();
  let members = Object.fromEntries(Object.entries(pending.members).filter(([id, expiresAt]) => expiresAt > now && id !== input.requestId));
  if (Object.keys(members).length >= MAX_PENDING_REQUESTS_PER_RECIPIENT) {
    const requests = await getConsentRequests(Object.keys(members));
    members = Object.fromEntries(requests.flatMap((r) => (effectiveStatus(r, now) === 'pending' ? [[r.id, r.expiresAt]] : [])));
  }
  if (Object.keys(members).length >= MAX_PENDING_REQUESTS_PER_RECIPIENT) {
    // The earliest a place frees by itself is when the oldest pending request expires.
    const soonest = Math.min(...Object.values(members).map((at) => Date.parse(at)));
    const seconds = Math.ceil((soonest - nowMs) / 1000);
    throw new RateLimited(`At most ${MAX_PENDING_REQUESTS_PER_RECIPIENT} pending consent requests to one recipient, from all partners together; try again when one is answered or expires`, seconds, MAX_PENDING_REQUESTS_PER_RECIPIENT);
  }
  const expiries = [...Object.values(members), input.expiresAt].map((at) => Date.parse(at));
  const partner = tightest([minute, day]) as CounterState;
  return {
    writes: [takeWrite(minute), takeWrite(day), takeWrite(emails), setWrite(pending, { ...members, [input.requestId]: input.expiresAt }, Math.max(...expiries))],
    report: report(partner, true),
    reportUntaken: report(partner, false),
  };
}
