import { beforeAll, describe, expect, it } from 'vitest';

/**
 * R21 sign-in: the flow cookie's seal (shared/pages/oidc-flow.ts), form by form: what opens and
 * what does not. The integration tier drives the same cookie through the real callback.
 */
beforeAll(async () => {
  Object.assign(process.env, { DEPLOYMENT: 'local', SESSION_KEY: 'k'.repeat(40), PUBLIC_URL: 'http://localhost:3000' });
  (await import('#shared/config/secrets.ts')).resetSecretsCache();
});

const flow = { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43), next: '/portal' };

describe('R21: the OIDC flow cookie', () => {
  it('R21: a sealed flow opens to itself until its expiry, and not at or after it', async () => {
    const { newFlow, openFlow, sealFlow, FLOW_MINUTES } = await import('#shared/pages/oidc-flow.ts');
    const now = Date.parse('2026-12-03T12:00:00.000Z');
    const sealed = await sealFlow(newFlow(flow, now));
    expect(await openFlow(sealed, now)).toEqual({ ...flow, expiresAt: now / 1000 + FLOW_MINUTES * 60 });
    expect(await openFlow(sealed, now + FLOW_MINUTES * 60_000 - 1)).toBeDefined();
    expect(await openFlow(sealed, now + FLOW_MINUTES * 60_000)).toBeUndefined();
    // A fresh IV each time: the same flow never seals to the same value.
    expect(await sealFlow(newFlow(flow, now))).not.toBe(sealed);
  });

  it('R21: a changed, truncated, re-versioned or foreign-key value does not open', async () => {
    const { newFlow, openFlow, sealFlow } = await import('#shared/pages/oidc-flow.ts');
    const sealed = await sealFlow(newFlow(flow));
    const [version, iv, ciphertext, tag] = sealed.split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[bytes.length - 1] ^= 1;
      return bytes.toString('base64url');
    };
    for (const bad of [
      [version, flip(iv), ciphertext, tag],
      [version, iv, flip(ciphertext), tag],
      [version, iv, ciphertext, flip(tag)],
      [version, iv, ciphertext],
      ['v2', iv, ciphertext, tag],
      [version, iv, ciphertext, tag, 'x'],
      [version, iv, Buffer.from(JSON.stringify(flow)).toString('base64url'), tag],
    ]) {
      expect(await openFlow(bad.join('.'))).toBeUndefined();
    }
    expect(await openFlow('')).toBeUndefined();
    // Sealed under another session key: does not open here.
    process.env.SESSION_KEY = 'o'.repeat(40);
    (await import('#shared/config/secrets.ts')).resetSecretsCache();
    expect(await openFlow(sealed)).toBeUndefined();
    process.env.SESSION_KEY = 'k'.repeat(40);
    (await import('#shared/config/secrets.ts')).resetSecretsCache();
    expect(await openFlow(sealed)).toBeDefined();
  });

  it('R21: the cookie is __Host-dc_oidc with Secure and Path=/ over https; dc_oidc without Secure on plain-http localhost', async () => {
    const { clearedFlowCookie, flowCookie, flowCookieName, newFlow } = await import('#shared/pages/oidc-flow.ts');
    expect(flowCookieName()).toBe('dc_oidc');
    expect(await flowCookie(newFlow(flow))).toMatch(/^dc_oidc=v1\.[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    process.env.PUBLIC_URL = 'https://consent.example';
    try {
      expect(await flowCookie(newFlow(flow))).toMatch(/^__Host-dc_oidc=v1\.[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
      expect(clearedFlowCookie()).toBe('__Host-dc_oidc=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure');
    } finally {
      process.env.PUBLIC_URL = 'http://localhost:3000';
    }
  });
});
