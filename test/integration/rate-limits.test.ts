import { describe, expect, it } from 'vitest';
import { takeFromWindow } from '#shared/table/rate-limit.ts';
import { asPartner, createPartner, createTenant, createUser, problem, unique } from '../support/api.ts';
import { mailTo, outboxSettled, PageClient } from '../support/pages.ts';

/** API.md "Rate limits" (issue 13, finding 2). */
const ask = (apiKey: string, recipientEmail: string, headers: Record<string, string> = {}) => asPartner(apiKey, 'POST', '/v1/consent-requests', { recipientEmail }, headers);

/** Waits for a fresh minute when the current one is nearly over, so a burst stays in one fixed window. */
async function startOfAMinute(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

describe('rate limits', () => {
  it('consent requests: 60 a minute per partner, then 429 rate_limited with Retry-After; every answer carries RateLimit-*', async () => {
    const partner = await createPartner('direct-csp');
    await startOfAMinute();
    const key = unique();
    const first = await ask(partner.apiKey, `first-${unique()}@limits.example`, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-limit')).toBe('60');
    expect(first.headers.get('ratelimit-remaining')).toBe('59');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    for (let i = 1; i < 60; i++) {
      const res = await ask(partner.apiKey, `r${i}-${unique()}@limits.example`);
      expect(res.status).toBe(201);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(59 - i));
    }
    const over = await ask(partner.apiKey, `over-${unique()}@limits.example`);
    expect(problem(over)).toMatchObject({ status: 429, code: 'rate_limited', contentType: 'application/problem+json; charset=utf-8' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(120);
    expect(over.headers.get('ratelimit-limit')).toBe('60');
    expect(over.headers.get('ratelimit-remaining')).toBe('0');
    // Over the limit nothing was created; a retry of a request already made is still answered (R20).
    const listed = await asPartner(partner.apiKey, 'GET', '/v1/consent-requests?limit=100');
    expect(listed.body.items).toHaveLength(60);
    const replay = await ask(partner.apiKey, first.body.consentRequest.recipientEmail, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // Another partner is not limited by this one.
    expect((await ask((await createPartner('direct-csp')).apiKey, `other-${unique()}@limits.example`)).status).toBe(201);
  });

  it('one recipient, from all partners together: 5 pending requests, then 10 emails a day', async () => {
    const recipient = `busy-${unique()}@limits.example`;
    const partners = await Promise.all(Array.from({ length: 3 }, () => createPartner('direct-csp')));
    const sent: { apiKey: string; id: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const p = partners[i % 3];
      const res = await ask(p.apiKey, recipient);
      expect(res.status).toBe(201);
      // A partner's answer reports its own limit, never the recipient's (which would tell it about others' requests).
      expect(res.headers.get('ratelimit-limit')).toBe('60');
      sent.push({ apiKey: p.apiKey, id: res.body.consentRequest.id });
    }
    const sixth = await ask(partners[2].apiKey, recipient);
    expect(problem(sixth)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(sixth.body.detail).toMatch(/pending/);
    expect(sixth.headers.get('ratelimit-limit')).toBe('5');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
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
    expect(eleventh.headers.get('ratelimit-limit')).toBe('10');
    // The address is compared as the service stores it (case-insensitively).
    expect((await ask(partners[1].apiKey, recipient.toUpperCase())).status).toBe(429);
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
    const policy = { name: 'test', limit: 5, windowMs: 60_000 };
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
