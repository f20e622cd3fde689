import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOTS_IGNORED_BY, mailboxOf } from '#shared/domain/mailbox.ts';
import { coarseRetryAfterSeconds } from '#shared/domain/rate-limits.ts';

/**
 * API.md "Rate limits": the per-recipient limits count one mailbox however its address is spelled
 * (shared/domain/mailbox.ts), so writing to another spelling of the same person cannot dodge them.
 */
const localChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_-'.split(''));
const local = fc.string({ unit: localChar, minLength: 1, maxLength: 20 });
const tag = fc.string({ unit: fc.constantFrom(...'abcxyz019.-+_'.split('')), maxLength: 12 });
const otherDomain = fc.constantFrom('outlook.com', 'contoso.example', 'fabrikam.onmicrosoft.example', 'yahoo.com', 'icloud.com');
const dotsIgnoring = fc.constantFrom(...Object.keys(DOTS_IGNORED_BY));

/** Each character upper- or lower-cased as `flips` says. */
const recase = (text: string, flips: boolean[]) => [...text].map((c, i) => (flips[i % Math.max(1, flips.length)] ? c.toUpperCase() : c.toLowerCase())).join('');
/** Dots put between the characters of `text` where `at` says (several in a row too). */
const dotted = (text: string, at: number[]) => [...text].map((c, i) => `${'.'.repeat(at[i % Math.max(1, at.length)] ?? 0)}${c}`).join('');

describe('mailboxOf: one key per mailbox for the per-recipient limits', () => {
  it('any casing of an address, and any +tag, map to the key of the plain address (property)', () => {
    fc.assert(
      fc.property(local, fc.oneof(otherDomain, dotsIgnoring), tag, fc.array(fc.boolean(), { minLength: 1 }), fc.boolean(), (name, domain, t, flips, tagged) => {
        const spelled = recase(`${name}${tagged ? `+${t}` : ''}@${domain}`, flips);
        expect(mailboxOf(spelled)).toBe(mailboxOf(`${name}@${domain}`));
      }),
    );
  });

  it('for providers that ignore dots (gmail.com, googlemail.com), any dots and either domain map to one key (property)', () => {
    fc.assert(
      fc.property(local, dotsIgnoring, dotsIgnoring, fc.array(fc.integer({ min: 0, max: 2 })), tag, fc.array(fc.boolean(), { minLength: 1 }), (name, d1, d2, at, t, flips) => {
        const spelled = recase(`${dotted(name, at)}+${t}@${d2}`, flips);
        expect(mailboxOf(spelled)).toBe(mailboxOf(`${name}@${d1}`));
        expect(mailboxOf(spelled)).toBe(`${name}@gmail.com`);
      }),
    );
  });

  it('elsewhere dots are part of the address: a.b@ and ab@ stay two mailboxes', () => {
    for (const domain of ['outlook.com', 'contoso.example', 'yahoo.com']) {
      expect(mailboxOf(`a.b@${domain}`)).not.toBe(mailboxOf(`ab@${domain}`));
      expect(mailboxOf(`A.B+x@${domain.toUpperCase()}`)).toBe(`a.b@${domain}`);
    }
  });

  it('the examples of the issue: A.B+x@gmail.com and ab@gmail.com are one mailbox; the list is small and explicit', () => {
    expect(mailboxOf('A.B+x@gmail.com')).toBe(mailboxOf('ab@gmail.com'));
    expect(mailboxOf(' a.b+news@GoogleMail.com ')).toBe('ab@gmail.com');
    expect(Object.keys(DOTS_IGNORED_BY).sort()).toEqual(['gmail.com', 'googlemail.com']);
  });

  it('is stable (a key is its own key) and never makes two different plain addresses one (property)', () => {
    fc.assert(
      fc.property(local, local, fc.oneof(otherDomain, dotsIgnoring), (a, b, domain) => {
        const key = mailboxOf(`${a}@${domain}`);
        expect(mailboxOf(key)).toBe(key);
        if (a !== b) expect(mailboxOf(`${b}@${domain}`)).not.toBe(key);
      }),
    );
  });

  it('keeps a local part that is only a tag or only dots, rather than an empty one', () => {
    expect(mailboxOf('+x@contoso.example')).toBe('+x@contoso.example');
    expect(mailboxOf('...@gmail.com')).toBe('...@gmail.com');
  });
});

describe("a per-recipient 429's Retry-After: the next whole hour", () => {
  it('points at the next whole hour (UTC) to within a second, whenever in the hour it is asked, so every caller in that hour is sent to the same moment (property)', () => {
    const hour = 3_600_000;
    fc.assert(
      fc.property(fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), (now) => {
        const seconds = coarseRetryAfterSeconds(now);
        const nextHour = (Math.floor(now / hour) + 1) * hour;
        expect(seconds).toBeGreaterThanOrEqual(1);
        expect(seconds).toBeLessThanOrEqual(3600);
        const at = now + seconds * 1000;
        expect(at - nextHour).toBeGreaterThanOrEqual(0);
        expect(at - nextHour).toBeLessThan(1000);
      }),
    );
  });
});
