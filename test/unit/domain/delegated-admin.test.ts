import { describe, expect, it } from 'vitest';
import {
  addDays,
  AUTO_EXTEND_DAYS,
  delegatedAdminGrants,
  delegatedAdminState,
  extendDelegatedAdmin,
  grantDelegatedAdmin,
  planDelegatedAdminNotices,
  type GrantedDelegatedAdmin,
} from '#shared/domain/consent.ts';
import { DELEGATED_ADMIN_ROLES, ROLE_TEMPLATE_IDS, roleRef } from '#shared/domain/directory.ts';
import { customerMayTurnOffAutoExtend, type Relationship } from '#shared/domain/relationship.ts';
import { DelegatedAdmin } from '#shared/http/schemas.ts';

const NOW = '2026-11-24T10:00:00.000Z';
const grant = (days: number, autoExtend = false): GrantedDelegatedAdmin => grantDelegatedAdmin({ roles: ['IntuneAdministrator'], durationDays: days, autoExtend }, NOW);
/** The time `days` before the grant's end. */
const before = (dap: GrantedDelegatedAdmin, days: number) => addDays(dap.expiresAt, -days);
/** Applies a plan's settled flags, as the check's write does. */
const settled = (dap: GrantedDelegatedAdmin, at: string): GrantedDelegatedAdmin => ({ ...dap, ...Object.fromEntries(planDelegatedAdminNotices(dap, at).settle.map((f) => [f, at])) });

describe('R31: delegated admin roles carry their Entra role template ids', () => {
  it("R31: each of the catalogue's eight roles is answered as {name, templateId, displayName}, with Microsoft's template id", () => {
    expect(DELEGATED_ADMIN_ROLES).toHaveLength(8);
    expect(roleRef('IntuneAdministrator')).toEqual({ name: 'IntuneAdministrator', templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5', displayName: 'Intune Administrator' });
    expect(Object.fromEntries(DELEGATED_ADMIN_ROLES.map((r) => [r, roleRef(r).templateId]))).toEqual({
      CloudDeviceAdministrator: '7698a772-787b-4ac8-901f-60d6b08affd2',
      IntuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
      HelpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
      GlobalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
      DirectoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
      ServiceSupportAdministrator: 'f023fd81-a637-4b56-95fd-791ac0226033',
      LicenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
      UserAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
    });
    expect(ROLE_TEMPLATE_IDS.GlobalAdministrator).toBe('62e90394-69f5-4237-9190-012177145e10');
    expect(roleRef('ServiceSupportAdministrator').displayName).toBe('Service Support Administrator');
  });

  it('R31: a request takes autoExtend as a boolean only', () => {
    expect(DelegatedAdmin.safeParse({ roles: ['GlobalReader'], durationDays: 90, autoExtend: true }).success).toBe(true);
    expect(DelegatedAdmin.safeParse({ roles: ['GlobalReader'], durationDays: 90 }).success).toBe(true);
    for (const autoExtend of ['true', 1, null, {}]) expect(DelegatedAdmin.safeParse({ roles: ['GlobalReader'], durationDays: 90, autoExtend }).success).toBe(false);
  });
});

describe('R31: the status of delegated admin roles', () => {
  it('R31: active, expiring with 30 days or fewer left, expired at the end, removed', () => {
    const dap = grant(90);
    expect(delegatedAdminState(dap, NOW)).toBe('active');
    expect(delegatedAdminState(dap, addDays(before(dap, 30), -0.001))).toBe('active');
    expect(delegatedAdminState(dap, before(dap, 30))).toBe('expiring');
    expect(delegatedAdminState(dap, dap.expiresAt)).toBe('expired');
    expect(delegatedAdminState({ ...dap, removedAt: NOW }, NOW)).toBe('removed');
    expect(delegatedAdminGrants(dap, before(dap, 1))).toBe(true);
    expect(delegatedAdminGrants(dap, dap.expiresAt)).toBe(false);
  });

  it('R31: an auto-extended grant does not lapse at its end before the check extends it; once extended it is `extended`', () => {
    const dap = grant(90, true);
    expect(delegatedAdminState(dap, dap.expiresAt)).toBe('expiring');
    expect(delegatedAdminGrants(dap, addDays(dap.expiresAt, 0.01))).toBe(true);
    const extended = extendDelegatedAdmin(dap, dap.expiresAt);
    expect(extended.expiresAt).toBe(addDays(dap.expiresAt, AUTO_EXTEND_DAYS));
    expect(delegatedAdminState(extended, dap.expiresAt)).toBe('extended');
    expect(delegatedAdminState(extended, before(extended, 30))).toBe('expiring');
    // Turned off, it ends at its end like any other (R13).
    expect(delegatedAdminState({ ...extended, autoExtend: false }, extended.expiresAt)).toBe('expired');
  });

  it('R31: the customer may turn auto-extension off only while it is on and the roles grant', () => {
    const rel = (delegatedAdmin: GrantedDelegatedAdmin): Pick<Relationship, 'status' | 'delegatedAdmin'> => ({ status: 'active', delegatedAdmin });
    expect(customerMayTurnOffAutoExtend(rel(grant(90, true)), NOW)).toBe(true);
    expect(customerMayTurnOffAutoExtend(rel(grant(90)), NOW)).toBe(false);
    expect(customerMayTurnOffAutoExtend(rel({ ...grant(90, true), removedAt: NOW }), NOW)).toBe(false);
    expect(customerMayTurnOffAutoExtend({ status: 'terminated', delegatedAdmin: grant(90, true) }, NOW)).toBe(false);
  });
});

describe('S7: warnings at 30, 7 and 1 days, then the end', () => {
  it('S7: the warnings come at 30, 7 and 1 days before, once each; the admins are emailed at 30 and 7 only', () => {
    let dap = grant(90);
    expect(planDelegatedAdminNotices(dap, NOW)).toEqual({ settle: [], nextAt: before(dap, 30) });
    const seen: [string, number, boolean][] = [];
    for (const days of [30, 7, 1, 0]) {
      const at = before(dap, days);
      const plan = planDelegatedAdminNotices(dap, at);
      seen.push([plan.send!.event, plan.send!.daysBefore, plan.send!.emailAdmins]);
      dap = settled(dap, at);
      // Run again at the same time: nothing more to send.
      expect(planDelegatedAdminNotices(dap, at).send).toBeUndefined();
    }
    expect(seen).toEqual([
      ['delegated_admin.expiring', 30, true],
      ['delegated_admin.expiring', 7, true],
      ['delegated_admin.expiring', 1, false],
      ['delegated_admin.expired', 0, false],
    ]);
    expect(planDelegatedAdminNotices(dap, addDays(dap.expiresAt, 1))).toEqual({ settle: [] });
  });

  it('S7: a late run sends only the latest warning due and settles the earlier ones', () => {
    const dap = grant(90);
    const plan = planDelegatedAdminNotices(dap, before(dap, 5));
    expect(plan.send).toMatchObject({ flag: 'warned7At', daysBefore: 7 });
    expect(plan.settle).toEqual(['warned30At', 'warned7At']);
    expect(plan.nextAt).toBe(before(dap, 1));
  });

  it('S7: a warning whose time had passed when the roles were granted is never sent', () => {
    const dap = grant(5);
    expect(planDelegatedAdminNotices(dap, NOW)).toEqual({ settle: [], nextAt: before(dap, 1) });
  });

  it('R31, S7: at the end an auto-extended grant is extended (not expired), and its new period has its own warnings', () => {
    const dap = settled(settled(settled(grant(90, true), before(grant(90, true), 30)), before(grant(90, true), 7)), before(grant(90, true), 1));
    const plan = planDelegatedAdminNotices(dap, dap.expiresAt);
    expect(plan.send).toMatchObject({ event: 'delegated_admin.extended', daysBefore: 0 });
    const extended = extendDelegatedAdmin(dap, dap.expiresAt);
    expect(extended).toMatchObject({ extendedAt: dap.expiresAt, extensions: 1, autoExtend: true });
    expect(extended).not.toHaveProperty('warned30At');
    expect(planDelegatedAdminNotices(extended, dap.expiresAt)).toEqual({ settle: [], nextAt: before(extended, 30) });
    expect(planDelegatedAdminNotices(extended, before(extended, 30)).send).toMatchObject({ event: 'delegated_admin.expiring', daysBefore: 30 });
  });

  it('R31: an extension counts from the end, whole periods at a time, however late the check', () => {
    const dap = grant(90, true);
    expect(extendDelegatedAdmin(dap, addDays(dap.expiresAt, 0.5)).expiresAt).toBe(addDays(dap.expiresAt, 180));
    expect(extendDelegatedAdmin(dap, addDays(dap.expiresAt, 200)).expiresAt).toBe(addDays(dap.expiresAt, 360));
  });
});
