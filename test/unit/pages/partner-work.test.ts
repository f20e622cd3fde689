import { describe, expect, it } from 'vitest';
import type { Customer } from '#shared/domain/relationship.ts';
import { consentBodyOfForm } from '#shared/pages/partner-consent-form.ts';
import { consentRequestForm, consentRequestPage, customersPage, dashboardPage, webhookSection, type ConsentRequestView, type DeliveryView } from '#shared/pages/partner-work-views.ts';

/**
 * R32 without the table: the partner portal's consent form read as the API's body (the API's own
 * schema decides), and the views of the dashboard, customers, a request and the webhook section.
 */

describe('the consent request form as the API body (R4, R32)', () => {
  it('R4: DAP-free unless the box is ticked: roles, duration and auto-extension only then', () => {
    expect(consentBodyOfForm({ recipientEmail: 'admin@contoso.example', tenantDomain: ' contoso.example ', message: '  Hi  ' })).toEqual({
      ok: true,
      body: { recipientEmail: 'admin@contoso.example', tenantDomain: 'contoso.example', message: 'Hi' },
    });
    expect(consentBodyOfForm({ recipientEmail: 'admin@contoso.example', delegatedAdmin: 'yes', roles: ['GlobalReader'], durationDays: '30', autoExtend: 'yes' })).toEqual({
      ok: true,
      body: { recipientEmail: 'admin@contoso.example', delegatedAdmin: { roles: ['GlobalReader'], durationDays: 30, autoExtend: true } },
    });
  });

  it('R4: roles without the box, a role outside the catalogue, GlobalAdministrator, 0 or 731 days, no role: refused with what is wrong in the form\'s words', () => {
    const refused = (form: Parameters<typeof consentBodyOfForm>[0]) => {
      const read = consentBodyOfForm(form);
      expect(read.ok, JSON.stringify(form)).toBe(false);
      return read.ok ? [] : read.errors;
    };
    expect(refused({ recipientEmail: 'a@c.example', roles: ['GlobalReader'] })[0]).toContain('tick');
    expect(refused({ recipientEmail: 'a@c.example', delegatedAdmin: 'yes', roles: ['GlobalAdministrator'], durationDays: '30' })[0]).toMatch(/^Roles: /);
    expect(refused({ recipientEmail: 'a@c.example', delegatedAdmin: 'yes', roles: ['GlobalReader'], durationDays: '0' })[0]).toMatch(/^Days: /);
    expect(refused({ recipientEmail: 'a@c.example', delegatedAdmin: 'yes', roles: ['GlobalReader'], durationDays: '731' })[0]).toMatch(/^Days: /);
    expect(refused({ recipientEmail: 'a@c.example', delegatedAdmin: 'yes', roles: ['GlobalReader'], durationDays: 'ten' })[0]).toMatch(/^Days: /);
    expect(refused({ recipientEmail: 'a@c.example', delegatedAdmin: 'yes', durationDays: '30' })[0]).toMatch(/^Roles: /);
    expect(refused({ recipientEmail: 'not an address' })[0]).toMatch(/^Recipient's email: /);
  });
});

const customer = (extra: Partial<Customer['relationship']> = {}): Customer => ({
  tenantId: 't_1',
  name: 'Fabrikam <b>',
  domains: ['fabrikam.example'],
  relationship: { status: 'active', grantedAt: '2026-11-01T10:00:00.000Z', approvalPolicy: { mode: 'automatic' }, ...extra },
});

const request: ConsentRequestView = {
  id: 'cr_1',
  status: 'pending',
  recipientEmail: 'admin@fabrikam.example',
  delegatedAdmin: { roles: [{ name: 'IntuneAdministrator', displayName: 'Intune Administrator' }], durationDays: 60, autoExtend: true },
  consentUrl: 'http://localhost:3000/consent/cr_1',
  createdAt: '2026-11-01T10:00:00.000Z',
  expiresAt: '2027-01-30T10:00:00.000Z',
  email: { status: 'sent', attempts: 1 },
};

describe('the portal views (R8, R9, R31, R32)', () => {
  it('R8: a provider\'s customers name the reseller, with no admin roles; names are escaped', () => {
    const html = customersPage({ kind: 'indirect-provider', customers: [customer({ via: { resellerId: 'p_res' } })], nextCursor: null }).value;
    expect(html).toContain('id="provider-note"');
    expect(html).toContain('through reseller p_res');
    expect(html).toContain('none through a reseller');
    expect(html).toContain('Fabrikam &lt;b&gt;');
  });

  it('R31: a customer\'s roles show their status and expiry, or DAP-free', () => {
    const withRoles = customer({ delegatedAdmin: { roles: [{ name: 'GlobalReader', templateId: 'x', displayName: 'Global Reader' }], expiresAt: '2027-01-01T00:00:00.000Z', status: 'active', autoExtend: false } });
    expect(customersPage({ kind: 'direct-csp', customers: [withRoles], nextCursor: null }).value).toContain('Global Reader<br><span class="muted">active, until 2027-01-01');
    expect(customersPage({ kind: 'direct-csp', customers: [customer()], nextCursor: 'c' }).value).toContain('none (DAP-free)');
  });

  it('R4, R9: the form\'s delegated admin box is unticked by default; an OEM\'s form has no roles at all', () => {
    const csp = consentRequestForm({ kind: 'direct-csp', csrf: 'c', once: 'o' }).value;
    expect(csp).toContain('name="delegatedAdmin" value="yes">');
    expect(csp).toContain('value="IntuneAdministrator"');
    expect(csp).not.toContain('GlobalAdministrator');
    expect(csp).toContain('name="once" value="o"');
    const oem = consentRequestForm({ kind: 'oem', csrf: 'c', once: 'o' }).value;
    expect(oem).not.toContain('name="roles"');
    expect(oem).toContain('id="oem-no-roles"');
  });

  it('R32: a request\'s page shows its status, roles by display name and its email\'s state', () => {
    const html = consentRequestPage(request, { justSent: true }).value;
    expect(html).toContain('id="request-status">Pending');
    expect(html).toContain('Intune Administrator for 60 days, extended automatically');
    expect(html).toContain('id="email-status">Sent');
    expect(html).toContain('id="sent"');
  });

  it('R32: the dashboard offers actions by role and lists the four things API.md names', () => {
    const input = { displayName: 'Robin', customers: [customer()], moreCustomers: false, pending: [request], morePending: false, batches: [], failedDeliveries: [] };
    const viewer = dashboardPage({ ...input, canSubmit: false, canManage: false }).value;
    expect(viewer).not.toContain('href="/partner/consent-requests/new">Request consent');
    expect(viewer).not.toContain('/partner/settings#webhook');
    const admin = dashboardPage({ ...input, canSubmit: true, canManage: true }).value;
    expect(admin).toContain('href="/partner/consent-requests/new">Request consent');
    for (const id of ['customers-title', 'pending-title', 'batches-title', 'deliveries-title']) expect(admin).toContain(`id="${id}"`);
  });

  it('S4: a delivered or failed delivery has a redeliver button; a pending or already redelivered one has none', () => {
    const d = (id: string, status: DeliveryView['status'], extra: Partial<DeliveryView> = {}): DeliveryView => ({ id, type: 'consent.accepted', url: 'http://127.0.0.1:9/', status, attempts: 1, createdAt: '2026-11-01T10:00:00.000Z', ...extra });
    const html = webhookSection({ webhook: { url: 'http://127.0.0.1:9/', events: ['consent.accepted'] }, deliveries: [d('a', 'failed'), d('b', 'delivered'), d('c', 'pending'), d('e', 'failed', { redeliveredAs: 'b' })], csrf: 'c', once: 'o' }).value;
    for (const id of ['a', 'b']) expect(html).toContain(`/partner/settings/webhook/deliveries/${id}/redeliver`);
    for (const id of ['c', 'e']) expect(html).not.toContain(`/partner/settings/webhook/deliveries/${id}/redeliver`);
    expect(html).toContain('id="rotate-secret"');
  });
});
