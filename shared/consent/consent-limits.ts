import { effectiveStatus } from '#shared/domain/consent.ts';
import { RateLimited } from '#shared/domain/errors.ts';
import { mailboxOf } from '#shared/domain/mailbox.ts';
import {
  coarseRetryAfterSeconds,
  LIMITS,
  limitPolicyOf,
  MAX_PENDING_REQUESTS_PER_RECIPIENT,
  RECIPIENT_PENDING_POLICY,
  tightest,
  type LimitPolicy,
  type LimitReport,
} from '#shared/domain/rate-limits.ts';
import { getItems } from '#shared/table/batch.ts';
import { getConsentRequests } from '#shared/table/consent-requests.ts';
import { setRead, setWrite, takeWrite, windowRead, type CounterState } from '#shared/table/rate-limit.ts';
import type { Write } from '#shared/table/transact.ts';

export type { LimitReport } from '#shared/domain/rate-limits.ts';

export interface ConsentRequestLimits {
  /** Transaction items that take this request from every limit; they fail if another caller counted meanwhile. */
  writes: Write[];
  /** The partner's own tightest limit once this request is counted (never the recipient's: that would tell a partner about others' requests). */
  report: LimitReport;
  /** The same limit as it stands without this request (an idempotent replay takes nothing). */
  reportUntaken: LimitReport;
}

/** The caller's own policies, named in every answer's RateLimit-Policy field (the same on every answer). */
const PARTNER_POLICIES: LimitPolicy[] = [limitPolicyOf(LIMITS.consentRequestsPerMinute), limitPolicyOf(LIMITS.consentRequestsPerDay)];

const report = (state: CounterState, taken: boolean): LimitReport => ({
  policies: PARTNER_POLICIES,
  current: {
    id: state.policy.id,
    remaining: taken ? state.remaining : Math.max(0, Math.floor(state.policy.limit - state.estimate)),
    resetSeconds: state.resetSeconds,
  },
});

/** The partner's own limit refused: its true time to wait (it tells the partner only of its own calls). */
const refuseForPartner = (state: CounterState) =>
  new RateLimited(`At most ${state.policy.limit} ${state.policy.name}; try again in ${state.retryAfterSeconds} s`, state.retryAfterSeconds, {
    policies: PARTNER_POLICIES,
    current: { id: state.policy.id, remaining: 0, resetSeconds: state.retryAfterSeconds },
  });

/**
 * A recipient's limit, shared by all partners, refused: only the next whole hour, so the answer
 * tells nothing of when other partners wrote to that person (coarseRetryAfterSeconds). The
 * RateLimit field names the refusing policy with nothing left and the same coarse time.
 */
function refuseForRecipient(policy: LimitPolicy, detail: string, nowMs: number, own: LimitReport): RateLimited {
  const seconds = coarseRetryAfterSeconds(nowMs);
  const at = new Date(nowMs + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return new RateLimited(`${detail}; try again after ${at}`, seconds, { policies: [...PARTNER_POLICIES, policy], current: { id: policy.id, remaining: 0, resetSeconds: seconds } }, own);
}

/**
 * The limits of API.md on `POST /v1/consent-requests`: per partner, 60 a minute and 1,000 a day;
 * per recipient mailbox (shared/domain/mailbox.ts), from all partners together, 10 emails a day
 * and 5 pending requests.
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
  // One mailbox however it is spelled (case, +tag, dots where the provider ignores them), so a
  // limit cannot be dodged by writing to another spelling of the same person.
  const recipient = mailboxOf(input.recipientEmail);
  // Every counter in one read (BatchGetItem).
  const { minute, day, emails, pending } = await getItems({
    minute: windowRead(`consent-requests:minute:${input.partnerId}`, LIMITS.consentRequestsPerMinute, nowMs),
    day: windowRead(`consent-requests:day:${input.partnerId}`, LIMITS.consentRequestsPerDay, nowMs),
    emails: windowRead(`consent-emails:day:${recipient}`, LIMITS.recipientEmailsPerDay, nowMs),
    pending: setRead(`pending-requests:${recipient}`),
  });
  for (const state of [minute, day]) if (!state.allowed) throw refuseForPartner(state);
  const partner = tightest([minute, day]) as CounterState;
  if (!emails.allowed) throw refuseForRecipient(limitPolicyOf(emails.policy), `At most ${emails.policy.limit} ${emails.policy.name}, from all partners together`, nowMs, report(partner, false));

  const now = new Date(nowMs).toISOString();
  let members = Object.fromEntries(Object.entries(pending.members).filter(([id, expiresAt]) => expiresAt > now && id !== input.requestId));
  if (Object.keys(members).length >= MAX_PENDING_REQUESTS_PER_RECIPIENT) {
    const requests = await getConsentRequests(Object.keys(members));
    members = Object.fromEntries(requests.flatMap((r) => (effectiveStatus(r, now) === 'pending' ? [[r.id, r.expiresAt]] : [])));
  }
  if (Object.keys(members).length >= MAX_PENDING_REQUESTS_PER_RECIPIENT) {
    // A place frees when a request is answered, cancelled or expires; when the oldest expires
    // would date another partner's request, so the answer says only the next whole hour.
    throw refuseForRecipient(limitPolicyOf(RECIPIENT_PENDING_POLICY), `At most ${MAX_PENDING_REQUESTS_PER_RECIPIENT} pending consent requests to one recipient, from all partners together, until one is answered or expires`, nowMs, report(partner, false));
  }
  const expiries = [...Object.values(members), input.expiresAt].map((at) => Date.parse(at));
  return {
    writes: [takeWrite(minute), takeWrite(day), takeWrite(emails), setWrite(pending, { ...members, [input.requestId]: input.expiresAt }, Math.max(...expiries))],
    report: report(partner, true),
    reportUntaken: report(partner, false),
  };
}
