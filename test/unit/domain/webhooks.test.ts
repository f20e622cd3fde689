import { describe, expect, it } from 'vitest';
import { isPrivateAddress, webhookUrlProblem } from '#shared/domain/webhooks.ts';

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
