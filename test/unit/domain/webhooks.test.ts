import { describe, expect, it } from 'vitest';
import { isPrivateAddress, keptSecret, previousSecretValidUntil, redeliveryRefusal, rotatedSecret, signingSecretVersions, webhookUrlProblem } from '#shared/domain/webhooks.ts';

describe('webhook URLs', () => {
  it('in AWS: https to a public host name only', () => {
    expect(webhookUrlProblem('https://hooks.partner.example/device-consent', false)).toBeUndefined();
    for (const url of [
      'http://hooks.partner.example/',
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://10.1.2.3/',
      'https://localhost/',
      'https://localhost./',
      'https://foo.localhost./',
      'https://metadata.google.internal./',
      'https://intranet/',
      'https://user:pass@hooks.partner.example/',
      'not a url',
    ]) {
      expect(webhookUrlProblem(url, false), url).toBeDefined();
    }
  });

  it('locally: loopback only', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9000/hooks', true)).toBeUndefined();
    expect(webhookUrlProblem('http://localhost:9000/hooks', true)).toBeUndefined();
    expect(webhookUrlProblem('https://hooks.partner.example/', true)).toBeDefined();
    expect(webhookUrlProblem('http://192.168.1.10/', true)).toBeDefined();
  });

  it('names resolving to private, loopback or link-local addresses are caught', () => {
    for (const [address, family] of [['127.0.0.1', 4], ['10.0.0.8', 4], ['172.20.1.1', 4], ['192.168.0.1', 4], ['169.254.169.254', 4], ['::1', 6], ['fd00::1', 6], ['fe80::1', 6], ['::ffff:10.0.0.1', 6]] as const) {
      expect(isPrivateAddress(address, family), address).toBe(true);
    }
    expect(isPrivateAddress('93.184.216.34', 4)).toBe(false);
    expect(isPrivateAddress('2606:2800:220:1:248:1893:25c8:1946', 6)).toBe(false);
  });
});

describe('webhook secret rotation (issue 20): 24 hours of overlap', () => {
  const at = '2026-11-24T10:00:00.000Z';
  const rotated = rotatedSecret({ secretVersion: 3 }, at);

  it('a rotation makes the next version and keeps the current one as the previous', () => {
    expect(rotated).toEqual({ secretVersion: 4, previousSecretVersion: 3, secretRotatedAt: at });
    expect(previousSecretValidUntil(at)).toBe('2026-11-25T10:00:00.000Z');
  });

  it('both sign until 24 hours after the rotation, the new one first; from then on the new one only', () => {
    expect(signingSecretVersions({ secretVersion: 1 }, new Date(at))).toEqual([1]);
    expect(signingSecretVersions(rotated, new Date(at))).toEqual([4, 3]);
    expect(signingSecretVersions(rotated, new Date('2026-11-25T09:59:59.999Z'))).toEqual([4, 3]);
    expect(signingSecretVersions(rotated, new Date('2026-11-25T10:00:00.000Z'))).toEqual([4]);
  });

  it('a rotation during the overlap replaces the current secret; the one before stops at once', () => {
    const again = rotatedSecret(rotated, '2026-11-24T11:00:00.000Z');
    expect(signingSecretVersions(again, new Date('2026-11-24T11:00:00.000Z'))).toEqual([5, 4]);
  });

  it('a PUT keeps the secret, and the replaced one only while its overlap lasts', () => {
    expect(keptSecret(rotated, '2026-11-24T12:00:00.000Z')).toEqual(rotated);
    expect(keptSecret(rotated, '2026-11-25T10:00:00.000Z')).toEqual({ secretVersion: 4 });
    expect(keptSecret({ secretVersion: 1 }, at)).toEqual({ secretVersion: 1 });
  });
});

describe('redelivery (S4)', () => {
  const webhook = { events: ['consent.accepted' as const] };
  it('S4: a delivered or failed delivery of an event the webhook takes may be redelivered', () => {
    expect(redeliveryRefusal({ status: 'failed', type: 'consent.accepted' }, webhook)).toBeUndefined();
    expect(redeliveryRefusal({ status: 'delivered', type: 'consent.accepted' }, webhook)).toBeUndefined();
    expect(redeliveryRefusal({ status: 'failed', type: 'consent.accepted', redeliveredAs: 'msg_1' }, webhook)).toBeUndefined();
  });
  it('S4: a pending delivery is on its way (refused); so is one whose webhook is gone or no longer takes its event', () => {
    expect(redeliveryRefusal({ status: 'pending', type: 'consent.accepted' }, webhook)).toMatch(/still being delivered/);
    expect(redeliveryRefusal({ status: 'failed', type: 'consent.accepted' }, undefined)).toMatch(/No webhook/);
    expect(redeliveryRefusal({ status: 'failed', type: 'consent.declined' }, webhook)).toMatch(/consent.declined/);
  });
});
