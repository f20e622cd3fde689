import { type FieldError } from './errors.ts';

export const PARTNER_KINDS = ['direct-csp', 'indirect-provider', 'indirect-reseller', 'oem'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  'direct-csp': 'Direct CSP',
  'indirect-provider': 'Indirect CSP Provider',
  'indirect-reseller': 'Indirect CSP Reseller',
  oem: 'OEM',
};

export type PartnerStatus = 'active' | 'suspended';

export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  contactEmail: string;
  status: PartnerStatus;
  providerId?: string;
  directApiEligible?: boolean;
  /** R32: the partner's organization at the identity provider (`tid`), set by operators: its people may sign in to the portal through it. */
  idpTenantId?: string;
  createdAt: string;
}

export interface NewPartnerInput {
  kind: PartnerKind;
  providerId?: string;
  directApiEligible?: boolean;
}

/**
 * The shape rules of a partner that need no I/O: an indirect reseller names exactly one provider,
 * nobody else names one, and only an OEM has `directApiEligible` (R9). Whether the named provider
 * exists and is an indirect provider is checked by the write itself (a condition in the transaction).
 */
export function checkPartnerShape(input: NewPartnerInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.kind === 'indirect-reseller' && !input.providerId) {
    errors.push({ path: 'providerId', message: 'an indirect reseller must name its indirect provider' });
  }
  if (input.kind !== 'indirect-reseller' && input.providerId !== undefined) {
    errors.push({ path: 'providerId', message: 'only an indirect reseller names a provider' });
  }
  if (input.kind !== 'oem' && input.directApiEligible !== undefined) {
    errors.push({ path: 'directApiEligible', message: 'only an OEM can be made eligible for direct API consent' });
  }
  return errors;
}

/** R9: an OEM obtains consent only while operators have made it `directApiEligible`. */
export const isEligibleForConsent = (partner: Partner): boolean =>
  partner.kind !== 'oem' || partner.directApiEligible === true;

/**
 * R32: does an identity provider's sign-in (its `tid`) sign into this partner's portal? Only when
 * operators registered that organization for the partner; the person is then matched by email.
 */
export const organizationSignsIntoPartner = (partner: Pick<Partner, 'idpTenantId' | 'status'>, tid: string): boolean =>
  partner.status === 'active' && partner.idpTenantId !== undefined && partner.idpTenantId.toLowerCase() === tid.toLowerCase();
