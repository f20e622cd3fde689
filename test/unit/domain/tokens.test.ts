import { describe, expect, it } from 'vitest';
import { newId } from '#shared/domain/ids.ts';
import { formatApiKey, newSecret, parseApiKey, safeEqual, sha256 } from '#shared/domain/tokens.ts';

const KEY_ID = '0123456789abcdef01234567';
const SECRET = 'Ab_-9'.repeat(8) + 'xyz'; // 43 base64url characters, with "_" and "-"

describe('API keys', () => {
  it('formatApiKey and parseApiKey round trip', () => {
    expect(SECRET).toHaveLength(43);
    const raw = formatApiKey(KEY_ID, SECRET);
    expect(raw).toBe(`dck_${KEY_ID}_${SECRET}`);
    expect(parseApiKey(raw)).toEqual({ keyId: KEY_ID, secret: SECRET });
  });

  it('round trips keys made the way the service makes them (newId hex, newSecret)', () => {
    for (let i = 0; i < 200; i++) {
      const keyId = newId('k').slice(2);
      const secret = newSecret();
      expect(parseApiKey(formatApiKey(keyId, secret))).toEqual({ keyId, secret });
    }
  });

  it('a secret starting with "_" does not confuse the split', () => {
    const secret = `_${SECRET.slice(1)}`;
    expect(parseApiKey(formatApiKey(KEY_ID, secret))).toEqual({ keyId: KEY_ID, secret });
  });

  it.each([
    ['empty', ''],
    ['prefix only', 'dck_'],
    ['wrong prefix', `dcx_${KEY_ID}_${SECRET}`],
    ['upper-case prefix', `DCK_${KEY_ID}_${SECRET}`],
    ['key id too short', `dck_${KEY_ID.slice(1)}_${SECRET}`],
    ['key id too long', `dck_${KEY_ID}0_${SECRET}`],
    ['key id not lower-case hex', `dck_${KEY_ID.toUpperCase().replace(/^0/, 'G')}_${SECRET}`],
    ['secret too short', `dck_${KEY_ID}_${SECRET.slice(1)}`],
    ['secret too long', `dck_${KEY_ID}_${SECRET}A`],
    ['secret in standard base64 (+ /)', `dck_${KEY_ID}_${SECRET.slice(0, 41)}+/`],
    ['secret with padding', `dck_${KEY_ID}_${SECRET.slice(0, 42)}=`],
    ['missing separator', `dck_${KEY_ID}${SECRET}`],
    ['leading space', ` dck_${KEY_ID}_${SECRET}`],
    ['trailing newline', `dck_${KEY_ID}_${SECRET}\n`],
    ['Bearer scheme included', `Bearer dck_${KEY_ID}_${SECRET}`],
    ['key id alone', `dck_${KEY_ID}`],
  ])('parseApiKey rejects a malformed key (%s)', (_name, raw) => {
    expect(parseApiKey(raw)).toBeUndefined();
  });

  it('newSecret gives 43 base64url characters, different every time', () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(a);
  });
});

describe('safeEqual', () => {
  it('is true for equal strings and false for different ones of the same length', () => {
    const h = sha256('secret');
    expect(safeEqual(h, sha256('secret'))).toBe(true);
    expect(safeEqual(h, sha256('Secret'))).toBe(false);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('is false, without throwing, for strings of different lengths', () => {
    expect(() => safeEqual('abc', 'abcd')).not.toThrow();
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
  });

  it('compares bytes, so different characters with the same UTF-16 length differ', () => {
    expect(safeEqual('é', 'e')).toBe(false);
    expect(safeEqual('é', 'é')).toBe(true);
  });
});
