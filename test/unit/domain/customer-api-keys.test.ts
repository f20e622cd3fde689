import { describe, expect, it } from 'vitest';
import { CUSTOMER_SCOPES, customerScopesProblems, keyOutlivedBy, scopeAllows } from '#shared/domain/customer-api-keys.ts';
import { formatApiKey, formatCustomerKey, parseApiKey, parseCustomerKey } from '#shared/domain/tokens.ts';
import { publicActor } from '#shared/domain/actor.ts';

const secret = 'A'.repeat(43);
const keyId = 'a'.repeat(24);

describe('customer API keys (R25)', () => {
  it('R25: scopes come from the catalogue, at least one, each once', () => {
    expect(customerScopesProblems(['devices:read', 'devices:release'])).toEqual([]);
    expect(customerScopesProblems([...CUSTOMER_SCOPES])).toEqual([]);
    expect(customerScopesProblems([])).toEqual([{ path: 'scopes', message: expect.stringContaining('at least one') }]);
    expect(customerScopesProblems(['devices:read', 'devices:write'])).toEqual([{ path: 'scopes', message: expect.stringContaining('"devices:write"') }]);
    expect(customerScopesProblems(['audit:read', 'audit:read'])).toEqual([{ path: 'scopes', message: 'each scope at most once' }]);
  });

  it('R25: a call outside its key\'s scopes is not allowed', () => {
    expect(scopeAllows(['devices:read'], 'devices:read')).toBe(true);
    expect(scopeAllows(['devices:read'], 'devices:release')).toBe(false);
  });

  it('R25: a customer key and a partner key never pass for each other', () => {
    const customer = formatCustomerKey(keyId, secret);
    const partner = formatApiKey(keyId, secret);
    expect(parseCustomerKey(customer)).toEqual({ keyId, secret });
    expect(parseApiKey(customer)).toBeUndefined();
    expect(parseCustomerKey(partner)).toBeUndefined();
    expect(parseCustomerKey(`${customer}x`)).toBeUndefined();
  });

  it('R25: a key made in a session an emailed link started does not outlive requireIdpSignIn', () => {
    expect(keyOutlivedBy('email', true)).toBe(true);
    expect(keyOutlivedBy('organization', true)).toBe(false);
    expect(keyOutlivedBy('email', false)).toBe(false);
  });
});

describe('actors as customers read them (R23)', () => {
  it('names a partner by the key it called with, never its source address', () => {
    expect(publicActor({ type: 'partner', id: 'p_1', keyId: 'k1' }, 'Contoso')).toEqual({ type: 'partner_key', id: 'k1', name: 'Contoso' });
    expect(publicActor({ type: 'user', id: 'u_1' })).toEqual({ type: 'customer_user', id: 'u_1' });
    expect(publicActor({ type: 'customer_key', id: 'k2' })).toEqual({ type: 'customer_key', id: 'k2' });
    expect(publicActor({ type: 'operator', id: 'operator' })).toEqual({ type: 'operator' });
    expect(publicActor({ type: 'system', id: 'batch-worker' })).toEqual({ type: 'system', id: 'batch-worker' });
  });
});
