import { describe, expect, it } from 'vitest';
import { takeFromWindow } from '#shared/table/rate-limit.ts';
import { asPartner, createPartner, createTenant, createUser, problem, unique } from '../support/api.ts';
import { mailTo, outboxSettled, PageClient } from '../support/pages.ts';
import { rateLimitFields } from '../support/ratelimit-fields.ts';

/** API.md "Rate limits" (issue 13, finding 2). */
const ask = (apiKey: string, recipientEmail: string, headers: Record<string, string> = {}) => asPartner(apiKey, 'POST', '/v1/consent-requests', { recipientEmail }, headers);

const HOUR_MS = 3_600_000;

/** Waits for the next hour when this one is nearly over, so two answers in a test fall in one hour. */
async function notAtTheEndOfAnHour(): Promise<void> {
  const left = HOUR_MS - (Date.now() % HOUR_MS);
  if (left < 60_000) await new Promise((r) => setTimeout(r, left + 50));
}

/** The RateLimit field's one item, read strictly (test/support/ratelimit-fields.ts). */
const current = (res: { headers: Headers }) => {
  const { limits } = rateLimitFields(res.headers);
  expect(limits).toHaveLength(1);
  return { name: limits[0].name, r: limits[0].params.r as number, t: limits[0].params.t as number };
};

/** Fields of the older drafts and of the X- convention, which the current draft replaces. */
const OLD_STYLE = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/** Waits for a fresh minute when the current one is nearly over, so a burst stays in one fixed window. */
async function startOfAMinute(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

describe('rate limits', () => {
  it('API.md Rate limits: 60 consent requests a minute per partner, then 429 rate_limited with Retry-After; every answer carries the IETF RateLimit-Policy and RateLimit fields, well-formed', async () => {
    const partner = await createPartner('direct-csp');
    await startOfAMinute();
    const key = unique();
    const first = await ask(partner.apiKey, `first-${unique()}@limits.example`, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    // The caller's own two policies, the same on every answer; the tightest of them in RateLimit.
    expect(first.headers.get('ratelimit-policy')).toBe('"partner-minute";q=60;w=60, "partner-day";q=1000;w=86400');
    expect(rateLimitFields(first.headers).policies.map((p) => [p.name, p.params.q, p.params.w])).toEqual([
      ['partner-minute', 60, 60],
      ['partner-day', 1000, 86_400],
    ]);
    const firstLimit = current(first);
    expect(firstLimit).toMatchObject({ name: 'partner-minute', r: 59 });
    expect(firstLimit.t).toBeGreaterThan(0);
    expect(firstLimit.t).toBeLessThanOrEqual(60);
    for (const name of OLD_STYLE) expect(first.headers.has(name), name).toBe(false);
    for (let i = 1; i < 60; i++) {
      const res = await ask(partner.apiKey, `r${i}-${unique()}@limits.example`);
      expect(res.status).toBe(201);
      expect(current(res)).toMatchObject({ name: 'partner-minute', r: 59 - i });
    }
    const over = await ask(partner.apiKey, `over-${unique()}@limits.example`);
    expect(problem(over)).toMatchObject({ status: 429, code: 'rate_limited', contentType: 'application/problem+json; charset=utf-8' });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(over.headers.get('ratelimit-policy')).toBe(first.headers.get('ratelimit-policy'));
    // Refused by its own limit: nothing left of it, and more in exactly the Retry-After.
    expect(current(over)).toEqual({ name: 'partner-minute', r: 0, t: retryAfter });
    for (const name of OLD_STYLE) expect(over.headers.has(name), name).toBe(false);
    // Over the limit nothing was created; a retry of a request already made is still answered (R20).
    const listed = await asPartner(partner.apiKey, 'GET', '/v1/consent-requests?limit=100');
    expect(listed.body.items).toHaveLength(60);
    const replay = await ask(partner.apiKey, first.body.consentRequest.recipientEmail, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // Another partner is not limited by this one.
    expect((await ask((await createPartner('direct-csp')).apiKey, `other-${unique()}@limits.example`)).status).toBe(201);
  });

  it("API.md Rate limits: one recipient, from all partners together: 5 pending requests, then 10 emails a day; each partner's answers report only its own limits", async () => {
    await notAtTheEndOfAnHour();
    const recipient = `busy-${unique()}@limits.example`;
    const partners = await Promise.all(Array.from({ length: 3 }, () => createPartner('direct-csp')));
    const sent: { apiKey: string; id: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const p = partners[i % 3];
      const res = await ask(p.apiKey, recipient);
      expect(res.status).toBe(201);
      // A partner's answer reports its own limit, never the recipient's (which would tell it about others' requests).
      expect(current(res).name).toBe('partner-minute');
      expect(rateLimitFields(res.headers).policies.map((policy) => policy.name)).toEqual(['partner-minute', 'partner-day']);
      sent.push({ apiKey: p.apiKey, id: res.body.consentRequest.id });
    }
    const sixth = await ask(partners[2].apiKey, recipient);
    expect(problem(sixth)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(sixth.body.detail).toMatch(/pending/);
    const pendingRetry = Number(sixth.headers.get('retry-after'));
    // The refusing policy is named with nothing left, and the same coarse time as Retry-After.
    expect(current(sixth)).toEqual({ name: 'recipient-pending', r: 0, t: pendingRetry });
    expect(rateLimitFields(sixth.headers).policies.find((p) => p.name === 'recipient-pending')?.params).toEqual({ q: 5 });
    // A request that is no longer pending frees its place.
    for (let emails = 5; emails < 10; emails++) {
      const done = sent.shift()!;
      expect((await asPartner(done.apiKey, 'DELETE', `/v1/consent-requests/${done.id}`)).status).toBe(200);
      const res = await ask(partners[emails % 3].apiKey, recipient);
      expect(res.status).toBe(201);
      sent.push({ apiKey: partners[emails % 3].apiKey, id: res.body.consentRequest.id });
    }
    // Ten emails today: an eleventh is refused even with a place free.
    const done = sent.shift()!;
    expect((await asPartner(done.apiKey, 'DELETE', `/v1/consent-requests/${done.id}`)).status).toBe(200);
    const eleventh = await ask(partners[0].apiKey, recipient);
    expect(problem(eleventh)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(eleventh.body.detail).toMatch(/per day to this recipient/);
    expect(current(eleventh)).toMatchObject({ name: 'recipient-day', r: 0 });
    expect(rateLimitFields(eleventh.headers).policies.find((p) => p.name === 'recipient-day')?.params).toEqual({ q: 10, w: 86_400 });
    // The address is compared as the service stores it (case-insensitively).
    expect((await ask(partners[1].apiKey, recipient.toUpperCase())).status).toBe(429);
  });

  it('API.md Rate limits: one mailbox however it is spelled: a second partner writing to A.B+x@gmail.com after the first filled ab@gmail.com hits the limit; Retry-After is the next whole hour, the same for both partners', async () => {
    await notAtTheEndOfAnHour();
    const startedAt = Date.now();
    const name = unique('ab').toLowerCase();
    const [first, second] = await Promise.all([createPartner('direct-csp'), createPartner('direct-csp')]);
    for (let i = 0; i < 5; i++) expect((await ask(first.apiKey, `${name}@gmail.com`)).status).toBe(201);
    // The same mailbox: upper case, dots Gmail ignores, a +tag, and Gmail's other domain.
    const spelled = `${name.slice(0, 1).toUpperCase()}.${name.slice(1, 2).toUpperCase()}${name.slice(2)}+x@gmail.com`;
    expect(spelled).toMatch(/^A\.B.*\+x@gmail\.com$/);
    const refusals = [];
    for (const [apiKey, address] of [
      [second.apiKey, spelled],
      [first.apiKey, `${name}+again@GoogleMail.com`],
      [second.apiKey, `${name.split('').join('.')}@googlemail.com`],
    ]) {
      const res = await ask(apiKey, address);
      const answeredAt = Date.now();
      expect(problem(res), address).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(res.body.detail).toMatch(/pending consent requests to one recipient/);
      const seconds = Number(res.headers.get('retry-after'));
      expect(current(res)).toEqual({ name: 'recipient-pending', r: 0, t: seconds });
      refusals.push({ seconds, at: answeredAt + seconds * 1000 });
    }
    // Every refusal points at the next whole hour (to within the second Retry-After rounds to, and
    // the time the answer took to arrive): the same moment for both partners, whenever each asked,
    // so it dates nobody's request.
    const nextHour = (Math.floor(startedAt / HOUR_MS) + 1) * HOUR_MS;
    for (const r of refusals) {
      expect(Math.abs(r.at - nextHour)).toBeLessThan(2_000);
      expect(r.seconds).toBeLessThanOrEqual(3600);
    }
    // Another mailbox at the same provider is not limited (dots matter only for the letters they separate).
    expect((await ask(second.apiKey, `${name}z@gmail.com`)).status).toBe(201);
  });

  it('sign-in emails: 5 per address per 15 minutes; the sixth answers the same page and sends nothing', async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const pages = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const res = await new PageClient().post('/signin', { email: user.email });
      expect(res.status).toBe(200);
      pages.add(res.html);
    }
    expect(pages.size).toBe(1);
    await outboxSettled();
    expect(await mailTo(user.email)).toHaveLength(5);
  });

  it('counters are sliding windows taken by conditional writes: of 20 callers at once on a limit of 5, exactly 5 pass', async () => {
    const policy = { id: 'test', name: 'test', limit: 5, windowMs: 60_000 };
    const counter = `test:${unique()}`;
    const now = Math.floor(Date.now() / 60_000) * 60_000 + 1000;
    const results = await Promise.all(Array.from({ length: 20 }, () => takeFromWindow(counter, policy, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    // The next window still carries most of this one (sliding): 15 s into it, 5 * 0.75 = 3.75 still count, so one more fits.
    const later = await takeFromWindow(counter, policy, now - 1000 + 75_000);
    expect(later.allowed).toBe(true);
    expect((await takeFromWindow(counter, policy, now - 1000 + 75_000)).allowed).toBe(false);
  });
});
