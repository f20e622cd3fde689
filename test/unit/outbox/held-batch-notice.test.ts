import { beforeAll, describe, expect, it } from 'vitest';
import { noticeEmail, type AdminNotice } from '#shared/domain/outbox-events.ts';
import { renderNoticeEmail } from '#shared/mail/notice-email.ts';
import { outboxItem } from '#shared/table/outbox.ts';

/**
 * R27, R28: a held batch's email is a notice to one global admin (an outbox item each, what it says
 * on the item), rendered by the notice mechanism with the held batch's content.
 */

beforeAll(() => {
  process.env.TABLE_NAME = 'unit-table';
});

const at = '2026-11-01T10:00:00.000Z';
const held = (reason: 'not_authorized' | 'approval_policy'): AdminNotice => ({ kind: 'held_batch', tenantId: 't_1', partnerId: 'p_1', batchId: 'b_1', reason, count: 1200, reference: 'PO-<4711>', until: '2026-12-01T10:00:00.000Z' });
const partner = { name: 'Contoso <Devices>', kind: 'indirect-reseller' as const };

describe("the held batch's email, a notice per admin (R27, R28)", () => {
  it('R27: one outbox item per admin, a notice item that keeps what it says', () => {
    const items = ['a@fabrikam.example', 'b@fabrikam.example'].map((to) => outboxItem(noticeEmail(to, held('not_authorized')), at).Put!.Item!);
    expect(items.map((item) => item.type)).toEqual(['noticeEmail', 'noticeEmail']);
    expect(items.map((item) => item.email)).toEqual(['a@fabrikam.example', 'b@fabrikam.example']);
    expect(new Set(items.map((item) => item.pk)).size).toBe(2);
    expect(items[0].notice).toEqual(held('not_authorized'));
  });

  it('R27: the partner, its kind and provider, the count, the reference, the deadline and the link to the batch page; partner text escaped in the HTML', () => {
    const mail = renderNoticeEmail({ to: 'a@fabrikam.example', notice: held('not_authorized'), partner, provider: { name: 'Big Provider' }, tenantName: 'Fabrikam', portalUrl: 'https://dc.example/portal' });
    expect(mail.subject).toBe('Contoso <Devices> asks you to approve 1,200 devices for your organization');
    expect(mail.text).toContain('Contoso <Devices> (Indirect CSP Reseller) wants to register 1,200 devices');
    expect(mail.text).toContain('Its indirect provider Big Provider would be authorized with it.');
    expect(mail.text).toContain('Its reference: PO-<4711>');
    expect(mail.text).toContain('https://dc.example/portal/batches/b_1');
    expect(mail.text).toContain('expires on 2026-12-01');
    expect(mail.html).toContain('Contoso &lt;Devices&gt;');
    expect(mail.html).not.toContain('<Devices>');
    expect(mail.html).toContain('href="https://dc.example/portal/batches/b_1"');
  });

  it("R28: a batch the approval policy held says so, and offers no block; nothing about authorizing the provider", () => {
    const mail = renderNoticeEmail({ to: 'a@fabrikam.example', notice: held('approval_policy'), partner, provider: { name: 'Big Provider' }, tenantName: 'Fabrikam', portalUrl: 'https://dc.example/portal' });
    expect(mail.text).toContain('Your approval policy for Contoso <Devices> holds its batches for your approval.');
    expect(mail.text).not.toContain('would be authorized');
    expect(mail.text).not.toContain('block');
    expect(mail.text).toContain('https://dc.example/portal/batches/b_1');
  });
});
