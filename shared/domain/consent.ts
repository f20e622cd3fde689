import { DELEGATED_ADMIN_ROLES, isCloudNative, isGlobalAdministrator, tenantDomains, type DelegatedAdminRole, type Tenant, type User } from './directory.ts';
import { forbidden, partnerNotEligible, validationFailed } from './errors.ts';
import { isEligibleForConsent, type Partner } from './partner.ts';
import type { SuppressionReason } from './suppression.ts';

/** Consent request ids: `cr_` and 96 random bits in hex (shared/domain/ids.ts). */
export const REQUEST_ID_PATTERN = 'cr_[0-9a-f]{24}';
export const isRequestId = (value: string): boolean => new RegExp(`^${REQUEST_ID_PATTERN}$`).test(value);

/** R5: a consent request can be accepted for 90 days after it is sent. */
export const REQUEST_LIFETIME_DAYS = 90;
export const DAY_MS = 24 * 60 * 60 * 1000;

export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

export type ConsentRequestStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';

export interface DelegatedAdminRequest {
  roles: DelegatedAdminRole[];
  durationDays: number;
  /** R31: extend the grant by AUTO_EXTEND_DAYS at each end, until the customer turns it off. */
  autoExtend?: boolean;
}

export interface ConsentRequest {
  id: string;
  partnerId: string;
  /**
   * A reseller's provider (R7), kept from the partner when the request is made (a partner's
   * provider never changes), so the consent page reads it with the partner. Never answered.
   */
  providerId?: string;
  status: ConsentRequestStatus;
  recipientEmail: string;
  tenantDomain?: string;
  tenantId?: string;
  delegatedAdmin?: DelegatedAdminRequest;
  message?: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string;
  declinedAt?: string;
  cancelledAt?: string;
  email: EmailState;
  /** S2: the one reminder, 3 days before expiry. */
  reminder?: EmailState;
}

export interface EmailState {
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  /**
   * The recipient's address is suppressed (it bounced for good or complained before), so this
   * email was not sent (`failed`, no attempt), or it bounced when sent (`failed` after its attempt).
   */
  suppressed?: SuppressionReason;
}

/** S2: the reminder goes out this long before a pending request expires. */
export const REMINDER_BEFORE_EXPIRY_DAYS = 3;

/** A pending request past its expiry is expired, whether or not the scheduled check has run yet (R5, S1). */
export const effectiveStatus = (request: Pick<ConsentRequest, 'status' | 'expiresAt'>, now: string): ConsentRequestStatus =>
  request.status === 'pending' && request.expiresAt <= now ? 'expired' : request.status;

/**
 * Who may ask for consent, and what: an indirect provider never asks (R8); an OEM only while
 * eligible (R9) and never with delegated admin roles (R9); roles come only from the catalogue (R4),
 * which the request schema enforces.
 */
export function checkMayRequestConsent(partner: Partner, delegatedAdmin: DelegatedAdminRequest | undefined): void {
  if (partner.kind === 'indirect-provider') {
    throw forbidden('An indirect provider does not request consent; it is authorized through its resellers (R8)');
  }
  if (!isEligibleForConsent(partner)) throw partnerNotEligible();
  if (partner.kind === 'oem' && delegatedAdmin) {
    throw validationFailed([{ path: 'delegatedAdmin', message: 'an OEM consent never carries delegated admin roles' }]);
  }
}

/** The consent link exists for CSPs that accept customers directly, and for eligible OEMs (R9). */
export function checkMayHaveConsentLink(partner: Partner): void {
  if (partner.kind === 'indirect-provider') throw forbidden('An indirect provider has no consent link (R8)');
  if (!isEligibleForConsent(partner)) throw partnerNotEligible('This OEM is not enabled for direct API consent, so it has no consent link');
}

export type AcceptRefusal =
  | 'not_global_admin'
  | 'not_cloud_native'
  | 'wrong_tenant'
  | 'partner_not_eligible'
  | 'partner_unavailable'
  | 'expired'
  | 'cancelled'
  | 'declined'
  | 'accepted';

/**
 * Why this user may not accept this consent now, or `undefined` when they may. Order matters: the
 * request's own state first (it is the same for everyone), then who the user is (R1, R5, R9).
 * `recipientTenantId` is the tenant of the request's recipient when the recipient is a known user
 * (the caller looks it up): then only an admin of that tenant may accept (R5).
 */
export function acceptRefusal(input: {
  partner: Partner;
  user: Pick<User, 'roles' | 'email'>;
  tenant: Pick<Tenant, 'initialDomain' | 'domains'> & { id?: string };
  request?: Pick<ConsentRequest, 'status' | 'expiresAt' | 'tenantDomain'>;
  recipientTenantId?: string;
  now: string;
}): AcceptRefusal | undefined {
  const { partner, user, tenant, request, recipientTenantId, now } = input;
  if (request) {
    const status = effectiveStatus(request, now);
    if (status !== 'pending') return status;
  }
  if (partner.status !== 'active') return 'partner_unavailable';
  if (!isEligibleForConsent(partner) || partner.kind === 'indirect-provider') return 'partner_not_eligible';
  if (!isGlobalAdministrator(user)) return 'not_global_admin';
  if (request?.tenantDomain && !tenantDomains(tenant).includes(request.tenantDomain.toLowerCase())) return 'wrong_tenant';
  if (request && recipientTenantId !== undefined && recipientTenantId !== tenant.id) return 'wrong_tenant';
  if (partner.kind === 'oem' && !isCloudNative(user, tenant)) return 'not_cloud_native';
  return undefined;
}

export interface GrantedDelegatedAdmin {
  roles: DelegatedAdminRole[];
  durationDays: number;
  grantedAt: string;
  expiresAt: string;
  removedAt?: string;
  /** R31: extended by AUTO_EXTEND_DAYS at each end while true; the customer may turn it off. */
  autoExtend?: boolean;
  /** When the customer turned `autoExtend` off. */
  autoExtendOffAt?: string;
  /** R31: the last extension (S7), and how many there were. */
  extendedAt?: string;
  extensions?: number;
  /** S7: when the partner was warned, once each per period (an extension starts a new period). */
  warned30At?: string;
  warned7At?: string;
  warned1At?: string;
  /** S3: when the check recorded the end (and told the partner). */
  expiredAt?: string;
}

/** R31: an auto-extended grant is extended by this many days at a time. */
export const AUTO_EXTEND_DAYS = 180 as const;
/** R31: roles with this many days or fewer left are `expiring`. */
export const EXPIRING_WITHIN_DAYS = 30;

/**
 * S7: the notices before and at the end of a grant: the partner is warned by webhook 30, 7 and 1
 * days before (the tenant's global admins by email at 30 and 7), then told of the end, which for
 * an auto-extended grant is its extension.
 */
const NOTICES = [
  { flag: 'warned30At', daysBefore: 30, emailAdmins: true },
  { flag: 'warned7At', daysBefore: 7, emailAdmins: true },
  { flag: 'warned1At', daysBefore: 1, emailAdmins: false },
  { flag: 'expiredAt', daysBefore: 0, emailAdmins: false },
] as const;
export type NoticeFlag = (typeof NOTICES)[number]['flag'];
export type NoticeEvent = 'delegated_admin.expiring' | 'delegated_admin.expired' | 'delegated_admin.extended';

export interface NoticePlan {
  /**
   * The notice to send now, if one is due: the latest due one (older ones due at once are skipped,
   * so a late run never warns twice). At the end, `extended` for an auto-extended grant.
   */
  send?: { flag: NoticeFlag; event: NoticeEvent; daysBefore: number; emailAdmins: boolean };
  /** Every notice this run settles (the one sent and those it makes moot). */
  settle: NoticeFlag[];
  /** When the next notice is due, if any. */
  nextAt?: string;
}

/**
 * S3, S7: the partner is warned 30, 7 and 1 days before its roles end, once each, and told when
 * they end (R13), or, when the grant is auto-extended (R31), that they were extended. A warning
 * whose time had already passed when the roles were granted (or last extended) is never sent.
 */
export function planDelegatedAdminNotices(dap: GrantedDelegatedAdmin, now: string): NoticePlan {
  if (dap.removedAt || dap.expiredAt) return { settle: [] };
  const periodStart = dap.extendedAt ?? dap.grantedAt;
  const pending = NOTICES.map((n) => ({ ...n, at: addDays(dap.expiresAt, -n.daysBefore) })).filter(
    (n) => !dap[n.flag] && (n.daysBefore === 0 || n.at > periodStart),
  );
  const due = pending.filter((n) => n.at <= now);
  const later = pending.filter((n) => n.at > now);
  const latest = due.at(-1);
  const event: NoticeEvent | undefined = !latest ? undefined : latest.daysBefore > 0 ? 'delegated_admin.expiring' : dap.autoExtend ? 'delegated_admin.extended' : 'delegated_admin.expired';
  return {
    ...(latest ? { send: { flag: latest.flag, event: event!, daysBefore: latest.daysBefore, emailAdmins: latest.emailAdmins } } : {}),
    settle: due.map((n) => n.flag),
    ...(later[0] ? { nextAt: later[0].at } : {}),
  };
}

/**
 * R31, S7: an auto-extended grant at its end: AUTO_EXTEND_DAYS more from its end (again, should a
 * whole period have passed unseen), a new period whose warnings are to come.
 */
export function extendDelegatedAdmin(dap: GrantedDelegatedAdmin, now: string): GrantedDelegatedAdmin {
  let expiresAt = addDays(dap.expiresAt, AUTO_EXTEND_DAYS);
  while (expiresAt <= now) expiresAt = addDays(expiresAt, AUTO_EXTEND_DAYS);
  const { warned30At: _30, warned7At: _7, warned1At: _1, ...rest } = dap;
  return { ...rest, expiresAt, extendedAt: now, extensions: (dap.extensions ?? 0) + 1 };
}

export const grantDelegatedAdmin = (request: DelegatedAdminRequest, now: string): GrantedDelegatedAdmin => ({
  roles: request.roles,
  durationDays: request.durationDays,
  grantedAt: now,
  expiresAt: addDays(now, request.durationDays),
  ...(request.autoExtend ? { autoExtend: true } : {}),
});

/** R31: the status of delegated admin roles, as the API answers it and every page shows it. */
export type DelegatedAdminStatus = 'active' | 'expiring' | 'expired' | 'extended' | 'removed';

/**
 * R10, R13, R31: the one status of delegated admin roles. Removed roles and roles past their end
 * grant nothing; roles the scheduled check has expired (S3, `expiredAt` recorded,
 * `delegated_admin.expired` sent) are expired whatever the clock of the reader says: what was
 * recorded and announced wins. An auto-extended grant does not lapse at its end: the check extends
 * it then (until it has, it shows as `expiring`). Otherwise `expiring` with EXPIRING_WITHIN_DAYS
 * or fewer left, `extended` once extended, else `active`.
 */
export function delegatedAdminState(dap: GrantedDelegatedAdmin, now: string): DelegatedAdminStatus {
  if (dap.removedAt) return 'removed';
  if (dap.expiredAt || (dap.expiresAt <= now && !dap.autoExtend)) return 'expired';
  if (dap.expiresAt <= addDays(now, EXPIRING_WITHIN_DAYS)) return 'expiring';
  return dap.extendedAt ? 'extended' : 'active';
}

/** R13: do these roles grant anything now (`active`, `expiring` or `extended`)? */
export const delegatedAdminGrants = (dap: GrantedDelegatedAdmin, now: string): boolean => {
  const state = delegatedAdminState(dap, now);
  return state !== 'removed' && state !== 'expired';
};

/** S3: the whole days truly left until roles end, as of `now` (a late warning says so, never "30"). */
export const wholeDaysLeft = (expiresAt: string, now: string): number => Math.max(0, Math.floor((Date.parse(expiresAt) - Date.parse(now)) / DAY_MS));
