import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { db, tableName } from '#shared/table/client.ts';
import { asPartner, createPartner, createTenant, createUser, ops } from '../support/api.ts';
import { csrfOf, mailTo, outboxSettled, signIn } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

/**
 * R31, S7 (and S3): the delegated admin lifecycle, each step with the scheduled check run "as of"
 * the right day (locally `now` may be chosen), and twice where a repeat must change nothing.
 */
const DAY = 24 * 3600 * 1000;
const at = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();
const runCheck = async (now: string) => {
  const res = await ops('POST', '/ops/jobs/consent-status-check', { now });
  expect(res.status).toBe(200);
  return res.body;
};
/** Two runs at once, as two schedules might. */
const runTwice = (now: string) => Promise.all([runCheck(now), runCheck(now)]);

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

const EVENTS = ['delegated_admin.expiring', 'delegated_admin.expired', 'delegated_admin.extended'];

/** A partner (webhook on loopback) whose roles a tenant with two global admins and a helpdesk user accepted. */
async function grantedRoles(delegatedAdmin: { roles: string[]; durationDays: number; autoExtend?: boolean }) {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const partner = await createPartner('direct-csp');
  expect((await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: EVENTS })).status).toBe(200);
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const admin2 = await createUser(tenant.id, `admin2@${tenant.initialDomain}`);
  const helpdesk = await createUser(tenant.id, `helpdesk@${tenant.initialDomain}`, []);
  const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin });
  const client = await signIn(admin.email);
  const page = await client.get(`/consent/${body.consentRequest.id}`);
  expect((await client.post(`/consent/${body.consentRequest.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' })).html).toContain('Authorization is complete');
  const customer = async () => (await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer;
  const expiresAt = (await customer()).relationship.delegatedAdmin.expiresAt as string;
  const data = (type: string) => receiver.events(type).map((r) => JSON.parse(r.body).data);
  /** The S7 notices a person received (the consent email, also to the first admin, is not one). */
  const notices = async (email: string) => (await mailTo(email)).filter((m) => m.subject.includes('admin roles'));
  /** S3, S7: where the relationship waits on the sparse due index (the check reads only what is due). */
  const due = async () => {
    const item = (await db().send(new GetCommand({ TableName: tableName(), Key: { pk: `PARTNER#${partner.partner.id}`, sk: `REL#${tenant.id}` } }))).Item!;
    return item.dueKind ? [item.dueKind, item.dueAt] : undefined;
  };
  return { partner, receiver, due, tenant, admin, admin2, helpdesk, client, customer, expiresAt, data, notices };
}

describe('S7: warnings before the end of delegated admin roles', () => {
  it('S7, S3: the partner is warned at 30, 7 and 1 days with the true daysLeft, once each even with two runs; the global admins are emailed at 30 and 7 only; then the roles expire (no autoExtend)', async () => {
    const g = await grantedRoles({ roles: ['IntuneAdministrator'], durationDays: 90 });
    expect((await g.customer()).relationship.delegatedAdmin).toMatchObject({ status: 'active', autoExtend: false });
    // The grant waits on the due index for its next notice only: the check's cost follows what is due.
    expect(await g.due()).toEqual(['dap', at(g.expiresAt, -30)]);

    await runTwice(at(g.expiresAt, -31));
    await outboxSettled();
    expect(g.data('delegated_admin.expiring')).toEqual([]);

    await runTwice(at(g.expiresAt, -30));
    await runCheck(at(g.expiresAt, -29.5));
    await outboxSettled();
    expect(g.data('delegated_admin.expiring').map((d) => d.daysLeft)).toEqual([30]);
    expect(await g.due()).toEqual(['dap', at(g.expiresAt, -7)]);
    expect(g.data('delegated_admin.expiring')[0]).toMatchObject({ tenantId: g.tenant.id, partnerId: g.partner.partner.id, delegatedAdmin: { roles: ['IntuneAdministrator'], expiresAt: g.expiresAt, autoExtend: false }, actor: { type: 'system', id: 'consent-status-check' } });
    for (const who of [g.admin, g.admin2]) {
      const mails = await g.notices(who.email);
      expect(mails.map((m) => m.subject)).toEqual([`${g.partner.partner.name}'s admin roles in ${g.tenant.name} end in 30 days`]);
      expect(mails[0].body.text).toContain('Intune Administrator');
      expect(mails[0].body.text).toContain('must ask for your consent again');
      expect(mails[0].body.text).toMatch(/\/portal$/m);
    }

    await runTwice(at(g.expiresAt, -7));
    await outboxSettled();
    expect(g.data('delegated_admin.expiring').map((d) => d.daysLeft)).toEqual([30, 7]);
    expect(await g.due()).toEqual(['dap', at(g.expiresAt, -1)]);

    await runTwice(at(g.expiresAt, -1));
    await outboxSettled();
    expect(g.data('delegated_admin.expiring').map((d) => d.daysLeft)).toEqual([30, 7, 1]);
    expect(await g.due()).toEqual(['dap', g.expiresAt]);
    // The admins: at 30 and 7 only; a user without the role: never.
    for (const who of [g.admin, g.admin2]) expect((await g.notices(who.email)).map((m) => m.subject.replace(/.* end in /, ''))).toEqual(['30 days', '7 days']);
    expect(await g.notices(g.helpdesk.email)).toEqual([]);

    await runTwice(g.expiresAt);
    await runCheck(at(g.expiresAt, 1));
    await outboxSettled();
    expect(g.data('delegated_admin.expired')).toEqual([{ tenantId: g.tenant.id, partnerId: g.partner.partner.id, delegatedAdmin: { roles: ['IntuneAdministrator'], expiresAt: g.expiresAt }, actor: { type: 'system', id: 'consent-status-check' } }]);
    expect(g.data('delegated_admin.extended')).toEqual([]);
    expect(await g.due()).toBeUndefined();
    expect((await g.customer()).relationship.delegatedAdmin).toMatchObject({ status: 'expired', expiresAt: g.expiresAt });
    // Nothing more after the end, however often the check runs.
    await runCheck(at(g.expiresAt, 200));
    await outboxSettled();
    expect(g.receiver.events()).toHaveLength(4);
    const audit = (await ops('GET', `/ops/audit?tenantId=${g.tenant.id}`)).body.items as { action: string; details?: { adminsNotified?: number } }[];
    expect(audit.filter((e) => e.action === 'delegated_admin.expiring').map((e) => e.details?.adminsNotified)).toEqual([undefined, 2, 2]);
    expect(audit.filter((e) => e.action === 'delegated_admin.expired')).toHaveLength(1);
  });

  it('S7: a check that runs late sends only the latest warning due, with the days truly left', async () => {
    const g = await grantedRoles({ roles: ['GlobalReader'], durationDays: 90 });
    await runTwice(at(g.expiresAt, -6.5));
    await outboxSettled();
    expect(g.data('delegated_admin.expiring').map((d) => d.daysLeft)).toEqual([6]);
    expect((await g.notices(g.admin.email)).map((m) => m.subject.replace(/.* end in /, ''))).toEqual(['6 days']);
  });
});

describe('R31, S7: auto-extension', () => {
  it('R31, S7: an auto-extended grant is extended by 180 days at its end (once, even with two runs), raises delegated_admin.extended, reads `extended`, and its new period warns again', async () => {
    const g = await grantedRoles({ roles: ['GlobalReader', 'IntuneAdministrator'], durationDays: 60, autoExtend: true });
    await runCheck(at(g.expiresAt, -7));
    await outboxSettled();
    expect(g.data('delegated_admin.expiring')[0]).toMatchObject({ daysLeft: 7, delegatedAdmin: { autoExtend: true } });
    expect((await g.notices(g.admin.email))[0].body.text).toContain('extended automatically by 180 days');

    await runTwice(g.expiresAt);
    await runCheck(at(g.expiresAt, 0.5));
    await outboxSettled();
    const extendedTo = at(g.expiresAt, 180);
    expect(g.data('delegated_admin.extended')).toEqual([
      {
        tenantId: g.tenant.id,
        partnerId: g.partner.partner.id,
        delegatedAdmin: { roles: ['GlobalReader', 'IntuneAdministrator'], expiresAt: extendedTo, previousExpiresAt: g.expiresAt, extendedByDays: 180 },
        actor: { type: 'system', id: 'consent-status-check' },
      },
    ]);
    expect(g.data('delegated_admin.expired')).toEqual([]);
    expect((await g.customer()).relationship.delegatedAdmin).toMatchObject({ status: 'extended', expiresAt: extendedTo, extendedAt: g.expiresAt, autoExtend: true });
    expect(await g.due()).toEqual(['dap', at(extendedTo, -30)]);
    const audit = (await ops('GET', `/ops/audit?tenantId=${g.tenant.id}`)).body.items as { action: string; actor: { type: string } }[];
    expect(audit.filter((e) => e.action === 'delegated_admin.extended')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ type: 'system' }) })]);

    // The new period: warned again at 30 days before its end.
    await runTwice(at(extendedTo, -30));
    await outboxSettled();
    expect(g.data('delegated_admin.expiring').map((d) => [d.daysLeft, d.delegatedAdmin.expiresAt])).toEqual([
      [7, g.expiresAt],
      [30, extendedTo],
    ]);
  });

  it('R31, S7: turning autoExtend off in the portal stops the extension: the roles expire at their end', async () => {
    const g = await grantedRoles({ roles: ['GlobalReader'], durationDays: 40, autoExtend: true });
    await runCheck(at(g.expiresAt, -30));
    const portal = await g.client.get('/portal');
    const off = await g.client.post(`/portal/relationships/${g.partner.partner.id}/auto-extend`, { csrf: csrfOf(portal.html), autoExtend: 'off' });
    expect(off.status).toBe(303);
    expect((await g.customer()).relationship.delegatedAdmin).toMatchObject({ autoExtend: false });
    await runCheck(at(g.expiresAt, -7));
    await runTwice(g.expiresAt);
    await outboxSettled();
    expect(g.data('delegated_admin.expiring').map((d) => [d.daysLeft, d.delegatedAdmin.autoExtend])).toEqual([
      [30, true],
      [7, false],
    ]);
    expect((await g.notices(g.admin.email)).at(-1)!.body.text).toContain('must ask for your consent again');
    expect(g.data('delegated_admin.extended')).toEqual([]);
    expect(g.data('delegated_admin.expired')).toHaveLength(1);
    expect((await g.customer()).relationship.delegatedAdmin).toMatchObject({ status: 'expired', expiresAt: g.expiresAt, autoExtend: false });
  });
});
