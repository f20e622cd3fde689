import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conflict, notFound, unauthorized, validationFailed } from '#shared/domain/errors.ts';
import { formatPath, ProblemError, problemResponse, zodFieldErrors } from '#shared/http/problem.ts';

const bodyOf = (result: ReturnType<typeof problemResponse>) => JSON.parse(result.body as string);

describe('problemResponse', () => {
  it('answers a ProblemError with its status and code as application/problem+json', () => {
    const result = problemResponse(conflict('Only a pending request can be cancelled'));
    expect(result.statusCode).toBe(409);
    expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json(;|$)/);
    expect(bodyOf(result)).toEqual({ type: 'about:blank', status: 409, code: 'conflict', title: 'Conflict', detail: 'Only a pending request can be cancelled' });
  });

  it('keeps the security headers and adds the headers of the problem (401 WWW-Authenticate)', () => {
    const result = problemResponse(unauthorized());
    expect(result.statusCode).toBe(401);
    expect(bodyOf(result).code).toBe('unauthorized');
    expect(result.headers).toMatchObject({ 'www-authenticate': 'Bearer', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  });

  it('R19: not_found is a 404 problem', () => {
    const result = problemResponse(notFound('Consent request'));
    expect([result.statusCode, bodyOf(result).code, bodyOf(result).detail]).toEqual([404, 'not_found', 'Consent request not found']);
  });

  it('includes the field errors of a validation problem', () => {
    const result = problemResponse(validationFailed([{ path: 'recipientEmail', message: 'must be an email' }]));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toMatchObject({ code: 'validation_failed', detail: 'recipientEmail: must be an email', errors: [{ path: 'recipientEmail', message: 'must be an email' }] });
  });

  it('answers a ZodError as 400 validation_failed with API.md paths like devices[3].serialNumber', () => {
    const schema = z.object({ tenantId: z.string(), devices: z.array(z.object({ serialNumber: z.string().max(64).optional() })) });
    const parsed = schema.safeParse({ tenantId: 't', devices: [{}, {}, {}, { serialNumber: 'x'.repeat(65) }] });
    expect(parsed.success).toBe(false);
    const result = problemResponse(parsed.error);
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    const body = bodyOf(result);
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual([{ path: 'devices[3].serialNumber', message: expect.any(String) }]);
    expect(body.detail).toMatch(/^devices\[3\]\.serialNumber: /);
  });

  it('answers a thrown ZodError (schema.parse) the same way, listing every issue', () => {
    const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }) });
    let thrown: unknown;
    try {
      schema.parse({ a: 1, b: { c: 'x' } });
    } catch (error) {
      thrown = error;
    }
    const body = bodyOf(problemResponse(thrown));
    expect(body.status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(['a', 'b.c']);
  });

  it.each([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.12:8000 table=device-consent-secret')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'pk')")],
    ['a thrown string', 'raw failure with password=hunter2'],
    ['undefined', undefined],
  ])('answers %s as 500 internal without its message or stack', (_name, error) => {
    const result = problemResponse(error);
    expect(result.statusCode).toBe(500);
    expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    const body = bodyOf(result);
    expect(body).toMatchObject({ status: 500, code: 'internal' });
    expect(body).not.toHaveProperty('errors');
    const text = result.body as string;
    if (error instanceof Error) {
      expect(text).not.toContain(error.message);
      expect(text).not.toContain(error.name === 'Error' ? 'ECONNREFUSED' : 'pk');
      const frame = error.stack?.split('\n')[1]?.trim();
      expect(frame).toBeTruthy();
      expect(text).not.toContain(frame!);
    } else if (typeof error === 'string') {
      expect(text).not.toContain('hunter2');
    }
    expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    expect(text).not.toContain('.ts');
  });

  it('a ProblemError of any status keeps its status and code', () => {
    const result = problemResponse(new ProblemError(503, 'unavailable', 'Unavailable', 'try later'));
    expect(result.statusCode).toBe(503);
    expect(bodyOf(result).code).toBe('unavailable');
  });
});

describe('formatPath', () => {
  it('writes paths as API.md does', () => {
    expect(formatPath(['devices', 3, 'serialNumber'])).toBe('devices[3].serialNumber');
    expect(formatPath(['delegatedAdmin', 'roles', 0])).toBe('delegatedAdmin.roles[0]');
    expect(formatPath(['a', 'b', 'c'])).toBe('a.b.c');
    expect(formatPath(['tenants', 0, 1])).toBe('tenants[0][1]');
  });

  it('handles a top-level array index and the empty path', () => {
    expect(formatPath([2, 'x'])).toBe('[2].x');
    expect(formatPath([])).toBe('');
  });

  it('zodFieldErrors prefixes paths, and gives the prefix alone for a root issue', () => {
    const root = z.string().safeParse(1);
    expect(zodFieldErrors(root.error!, 'query')).toEqual([{ path: 'query', message: expect.any(String) }]);
    const nested = z.object({ limit: z.number() }).safeParse({ limit: 'x' });
    expect(zodFieldErrors(nested.error!, 'query')).toEqual([{ path: 'query.limit', message: expect.any(String) }]);
    expect(zodFieldErrors(nested.error!)).toEqual([{ path: 'limit', message: expect.any(String) }]);
  });
});
