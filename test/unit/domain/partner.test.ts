import { describe, expect, it } from 'vitest';
import { checkPartnerShape, isEligibleForConsent, PARTNER_KIND_LABELS, PARTNER_KINDS, type Partner } from '#shared/domain/partner.ts';

describe('checkPartnerShape', () => {
  it('accepts the well-formed shape of every kind', () => {
    expect(checkPartnerShape({ kind: 'direct-csp' })).toEqual([]);
    expect(checkPartnerShape({ kind: 'indirect-provider' })).toEqual([]);
    expect(checkPartnerShape({ kind: 'indirect-reseller', providerId: 'p_1' })).toEqual([]);
    expect(checkPartnerShape({ kind: 'oem' })).toEqual([]);
    expect(checkPartnerShape({ kind: 'oem', directApiEligible: true })).toEqual([]);
    expect(checkPartnerShape({ kind: 'oem', directApiEligible: false })).toEqual([]);
  });

  it('an indirect reseller must name exactly one provider', () => {
    expect(checkPartnerShape({ kind: 'indirect-reseller' })).toEqual([{ path: 'providerId', message: expect.any(String) }]);
    expect(checkPartnerShape({ kind: 'indirect-reseller', providerId: '' })).toEqual([{ path: 'providerId', message: expect.any(String) }]);
  });

  it.each(['direct-csp', 'indirect-provider', 'oem'] as const)('a %s names no provider', (kind) => {
    expect(checkPartnerShape({ kind, providerId: 'p_1' }).map((e) => e.path)).toEqual(['providerId']);
  });

  it.each(['direct-csp', 'indirect-provider', 'indirect-reseller'] as const)('R9: only an OEM has directApiEligible (not a %s)', (kind) => {
    const input = { kind, directApiEligible: false, ...(kind === 'indirect-reseller' ? { providerId: 'p_1' } : {}) };
    expect(checkPartnerShape(input).map((e) => e.path)).toEqual(['directApiEligible']);
  });

  it('reports every problem at once', () => {
    expect(checkPartnerShape({ kind: 'indirect-provider', providerId: 'p_1', directApiEligible: true }).map((e) => e.path)).toEqual(['providerId', 'directApiEligible']);
  });
});

describe('isEligibleForConsent (R9)', () => {
  const p = (kind: Partner['kind'], directApiEligible?: boolean) => ({ kind, directApiEligible }) as Partner;

  it('R9: an OEM is eligible only when directApiEligible is exactly true', () => {
    expect(isEligibleForConsent(p('oem', true))).toBe(true);
    expect(isEligibleForConsent(p('oem', false))).toBe(false);
    expect(isEligibleForConsent(p('oem'))).toBe(false);
  });

  it('R9: eligibility concerns only OEMs', () => {
    expect(isEligibleForConsent(p('direct-csp'))).toBe(true);
    expect(isEligibleForConsent(p('indirect-reseller'))).toBe(true);
  });

  it('every kind has a label', () => {
    expect(PARTNER_KINDS.map((k) => PARTNER_KIND_LABELS[k])).toEqual(['Direct CSP', 'Indirect CSP Provider', 'Indirect CSP Reseller', 'OEM']);
  });
});
