import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { delegatedAdminState, wholeDaysLeft, type GrantedDelegatedAdmin } from '#shared/domain/consent.ts';
import { RateLimited } from '#shared/domain/errors.ts';
import { isTransientAwsError, problemResponse } from '#shared/http/problem.ts';
import { CreateConsentRequestBody, CreatePartnerBody, CreateTenantBody, CreateUserBody, RevokeBody } from '#shared/http/schemas.ts';
import { renderConsentEmail } from '#shared/mail/consent-email.ts';

const SESSION_KEY = 'k'.repeat(40);
beforeAll(async () => {
  Object.assign(process.env, { DEPLOYMENT: 'local', SESSION_KEY, PUBLIC_URL: 'http://localhost:3000' });
  (await import('#shared/config/secrets.ts')).resetSecretsCache();
});

describe('finding 2: over a limit is 429 rate_limited with Retry-After and the IETF RateLimit-Policy and RateLimit fields', () => {
  it('maps RateLimited to 429 with its headers, and no older X-RateLimit-* or RateLimit-Limit style field', () => {
    const report = {
      policies: [
        { id: 'partner-minute', limit: 60, windowSeconds: 60 },
        { id: 'partner-day', limit: 1000, windowSeconds: 86_400 },
      ],
      current: { id: 'partner-minute', remaining: 0, resetSeconds: 12.2 },
    };
    const res = problemResponse(new RateLimited('At most 60 consent requests per minute for this partner', 12.2, report));
    expect(res.statusCode).toBe(429);
    expect(JSON.parse(res.body as string)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(res.headers).toMatchObject({ 'retry-after': '13', 'ratelimit-policy': '"partner-minute";q=60;w=60, "partner-day";q=1000;w=86400', ratelimit: '"partner-minute";r=0;t=13' });
    expect(Object.keys(res.headers ?? {}).filter((h) => /^x-ratelimit|^ratelimit-(limit|remaining|reset)$/i.test(h))).toEqual([]);
  });

  it('writes a policy without a time window without `w`', () => {
    const res = problemResponse(new RateLimited('full', 3600, { policies: [{ id: 'recipient-pending', limit: 5 }], current: { id: 'recipient-pending', remaining: 0, resetSeconds: 3600 } }));
    expect(res.headers).toMatchObject({ 'retry-after': '3600', 'ratelimit-policy': '"recipient-pending";q=5', ratelimit: '"recipient-pending";r=0;t=3600' });
  });
});

describe('faults: throttling and unavailability are 503 unavailable with Retry-After, never 500 internal', () => {
  const aws = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 }, ...extra });
  it.each([
    aws('ProvisionedThroughputExceededException'),
    aws('ThrottlingException'),
    aws('RequestLimitExceeded'),
    aws('InternalServerError', { $metadata: { httpStatusCode: 500 } }),
    aws('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }] }),
    aws('TransactionCanceledException', { CancellationReasons: [{ Code: 'TransactionConflict' }] }),
    aws('SomethingNew', { $retryable: { throttling: false }, $metadata: { httpStatusCode: 503 } }),
  ])('$name is transient: 503 unavailable', (error) => {
    expect(isTransientAwsError(error)).toBe(true);
    const res = problemResponse(error);
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body as string)).toMatchObject({ code: 'unavailable' });
    expect(res.headers?.['retry-after']).toBe('1');
  });

  it('a validation error of ours, or a cancelled transaction for a failed condition, stays a bare 500', () => {
    for (const error of [aws('ValidationException'), aws('TransactionCanceledException', { CancellationReasons: [{ Code: 'ValidationError' }] }), new TypeError('x')]) {
      expect(isTransientAwsError(error)).toBe(false);
      const res = problemResponse(error);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('Exception');
    }
  });
});

describe('finding 4: text that spoofs is refused, naming the field', () => {
  const spoofs = ['Contoso\u202Eevil', 'A\u2066B\u2069', 'x\u200Ey', 'x\u200Fy', 'x\u061Cy', 'x\u200By', 'x\u0000y', 'x\u001By', 'a\nb', 'x\uD800y', 'x\uFEFFy'];
  it.each(spoofs)('%j in a partner, tenant or display name is 400 naming the field', (text) => {
    const partner = CreatePartnerBody.safeParse({ name: text, kind: 'direct-csp', contactEmail: 'a@b.example' });
    expect(partner.success).toBe(false);
    expect(partner.error?.issues[0].path).toEqual(['name']);
    expect(CreateTenantBody.safeParse({ name: text, initialDomain: 'c.example' }).error?.issues[0].path).toEqual(['name']);
    expect(CreateUserBody.safeParse({ email: 'a@b.example', displayName: text, roles: [] }).error?.issues[0].path).toEqual(['displayName']);
  });

  it('a consent message or a reason may break lines, nothing else invisible', () => {
    expect(CreateConsentRequestBody.safeParse({ recipientEmail: 'a@b.example', message: 'Hello,\r\n\tas agreed.' }).success).toBe(true);
    for (const text of spoofs.filter((s) => s !== 'a\nb')) {
      expect(CreateConsentRequestBody.safeParse({ recipientEmail: 'a@b.example', message: text }).error?.issues[0].path).toEqual(['message']);
      expect(RevokeBody.safeParse({ reason: text }).success).toBe(false);
    }
  });

  it('ordinary names of every script stay valid', () => {
    for (const name of ['Contoso Ltd.', 'Société Générale', 'שלום', 'مرحبا', '株式会社', 'Ünïcødé – “quotes” 😀']) {
      expect(CreatePartnerBody.safeParse({ name, kind: 'oem', contactEmail: 'a@b.example' }).success).toBe(true);
    }
  });

  it('an email subject is one plain line even for a name stored before', () => {
    const mail = renderConsentEmail({
      partner: { name: 'Contoso\u202E\u2066 evil', kind: 'direct-csp' },
      request: { recipientEmail: 'a@b.example', expiresAt: '2027-01-01T00:00:00.000Z' },
      link: 'http://localhost/consent/x',
    });
    expect(mail.subject).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('finding 5: with two session cookies, the one whose signature holds decides', () => {
  const sign = (id: string) => `${id}.${createHmac('sha256', SESSION_KEY).update(id).digest('base64url')}`;
  const event = (cookies: string[]) => ({ cookies }) as unknown as APIGatewayProxyEventV2;

  it('a planted cookie first does not keep anyone signed out', async () => {
    const { sessionIdsOf, sessionIdOf } = await import('#shared/http/session.ts');
    expect(await sessionIdOf(event(['dc_session=planted.AAAA', `dc_session=${sign('real')}`]))).toBe('real');
    expect(await sessionIdsOf(event([`dc_session=${sign('a')}`, 'other=1', `dc_session=${sign('b')}`, 'dc_session=x.y.z']))).toEqual(['a', 'b']);
    expect(await sessionIdOf(event(['dc_session=forged.sig']))).toBeUndefined();
  });

  it('the cookie is __Host- prefixed (Secure, Path=/, no Domain) off plain-http localhost', async () => {
    const { sessionCookie, sessionCookieName, sessionIdOf } = await import('#shared/http/session.ts');
    expect(sessionCookieName()).toBe('dc_session');
    process.env.PUBLIC_URL = 'https://consent.example';
    try {
      expect(sessionCookieName()).toBe('__Host-dc_session');
      const cookie = await sessionCookie('s1', 28800);
      expect(cookie).toMatch(/^__Host-dc_session=s1\.[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
      expect(cookie).not.toMatch(/Domain=/i);
      // A plain `dc_session` (which a sibling subdomain could set) is not even looked at.
      expect(await sessionIdOf(event([`dc_session=${sign('planted')}`, `__Host-dc_session=${sign('mine')}`]))).toBe('mine');
    } finally {
      process.env.PUBLIC_URL = 'http://localhost:3000';
    }
  });
});

describe('finding 7: what the check recorded wins; warnings tell the truth', () => {
  const dap: GrantedDelegatedAdmin = { roles: ['GlobalReader'], durationDays: 60, grantedAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-03-02T00:00:00.000Z' };
  it('R13, S3: roles the check expired are expired whatever the reader\'s clock', () => {
    expect(delegatedAdminState(dap, '2026-01-15T00:00:00.000Z')).toBe('active');
    expect(delegatedAdminState(dap, '2026-02-01T00:00:00.000Z')).toBe('expiring');
    expect(delegatedAdminState({ ...dap, expiredAt: '2026-03-02T00:00:00.000Z' }, '2026-02-01T00:00:00.000Z')).toBe('expired');
    expect(delegatedAdminState({ ...dap, expiredAt: '2026-03-02T00:00:00.000Z', removedAt: '2026-02-01T00:00:00.000Z' }, '2026-02-01T00:00:00.000Z')).toBe('removed');
  });
  it('S3: daysLeft is the whole days left from now', () => {
    expect(wholeDaysLeft(dap.expiresAt, '2026-01-31T00:00:00.000Z')).toBe(30);
    expect(wholeDaysLeft(dap.expiresAt, '2026-02-22T00:00:00.000Z')).toBe(8);
    expect(wholeDaysLeft(dap.expiresAt, '2026-02-21T23:00:00.000Z')).toBe(8);
    expect(wholeDaysLeft(dap.expiresAt, '2026-03-03T00:00:00.000Z')).toBe(0);
  });
});
