/**
 * R32: a partner's people and what each role may do in the partner portal. One pure table, read by
 * every portal page and form (`partnerRoleAllows`), so "who may do what" has one definition.
 */
export const PARTNER_ROLES = ['admin', 'submitter', 'viewer'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const PARTNER_ROLE_LABELS: Record<PartnerRole, string> = {
  admin: 'Admin: people, API keys, the webhook, and everything a submitter does',
  submitter: 'Submitter: consent requests, the consent link, device files and batches',
  viewer: 'Viewer: reads only',
};

/**
 * What a person may do in the portal (R32): `read` (every page of the partner's data), `submit`
 * (consent requests and links, device files, batches), `manage` (settings: people, API keys, the
 * webhook).
 */
export const PARTNER_ACTIONS = ['read', 'submit', 'manage'] as const;
export type PartnerAction = (typeof PARTNER_ACTIONS)[number];

const ALLOWED: Record<PartnerRole, readonly PartnerAction[]> = {
  admin: ['read', 'submit', 'manage'],
  submitter: ['read', 'submit'],
  viewer: ['read'],
};

/** R32: may a person of this role do this? */
export const partnerRoleAllows = (role: PartnerRole, action: PartnerAction): boolean => ALLOWED[role]?.includes(action) ?? false;

/** The roles that may do this (what `requirePartnerPerson` is asked for). */
export const rolesAllowedTo = (action: PartnerAction): PartnerRole[] => PARTNER_ROLES.filter((role) => partnerRoleAllows(role, action));

export const isPartnerRole = (value: unknown): value is PartnerRole => typeof value === 'string' && (PARTNER_ROLES as readonly string[]).includes(value);

/** A person of a partner (R32), as stored. */
export interface PartnerPersonRecord {
  userId: string;
  partnerId: string;
  email: string;
  displayName: string;
  role: PartnerRole;
  createdAt: string;
}

/** What the invitation form of settings → people says, as posted. */
export interface PersonFormInput {
  email: string;
  displayName: string;
  role: string;
}

/**
 * R32: the invitation form, checked: an address, a name of visible characters, one of the roles.
 * Answers the person to invite, or the first thing that is wrong, said for the page.
 */
export function readPersonForm(form: PersonFormInput): { ok: true; value: { email: string; displayName: string; role: PartnerRole } } | { ok: false; error: string } {
  const email = form.email.trim().toLowerCase();
  const displayName = form.displayName.trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254) return { ok: false, error: 'Enter the email address of the person to invite, such as alex@contoso.example.' };
  if (displayName.length === 0 || displayName.length > 200 || /[\p{Cc}\p{Cf}\p{Cs}]/u.test(displayName)) return { ok: false, error: 'Enter a display name of 1 to 200 visible characters.' };
  if (!isPartnerRole(form.role)) return { ok: false, error: 'Choose a role: Admin, Submitter or Viewer.' };
  return { ok: true, value: { email, displayName, role: form.role } };
}
