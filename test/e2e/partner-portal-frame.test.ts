import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, click, h1, open, seriousViolations } from '../support/browser.ts';
import { createPartner, stack, unique } from '../support/api.ts';
import { createPartnerPerson, partnerLinksIn, waitForPartnerMail } from '../support/partner-portal.ts';

/**
 * R32: the partner portal's frame in Chromium (pages that need no JavaScript; axe runs with it): a person signs in by the emailed
 * link (its confirm page, its button), the navigation, settings → people (an invitation by clicks),
 * a viewer's 403 page; every page fits a 360-pixel-wide screen (no horizontal scrolling), with a
 * screenshot of each under `.artifacts/e2e/partner-360/` (gitignored), and axe finds nothing serious.
 */

const { newPage } = browserForFile({ javaScriptEnabled: false });
const origin = () => stack().env.PUBLIC_URL;
const ARTIFACTS = join(process.cwd(), '.artifacts', 'e2e', 'partner-360');

/** A person of the partner, signed in as a browser does: the invitation's link, then its button. */
async function signInByLink(page: Page, partnerId: string, role: 'admin' | 'viewer', email = `${unique('p')}@contoso-devices-international.example`) {
  expect((await createPartnerPerson(stack(), partnerId, { email, displayName: `Alexandra Wilber-Montgomery ${role}`, role })).status).toBe(201);
  const [mail] = await waitForPartnerMail(stack(), email);
  await open(page, partnerLinksIn(mail.body.text)[0]);
  expect(await h1(page)).toBe('Sign in');
  return { email, confirm: async () => click(page, 'main form button[type=submit]') };
}

describe('the partner portal frame on a 360-pixel-wide phone (R32)', () => {
  it('R32: sign-in, dashboard, settings with its people and an invitation by clicks, and a viewer\'s 403 page fit 360 px, axe finds nothing serious', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { partner } = await createPartner('indirect-provider', { name: `Contoso Devices International Holdings ${unique()}` });
    // axe runs in the page: JavaScript on for the scans (the pages use none).
    const page = await newPage({ javaScriptEnabled: true });
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow: Record<string, number> = {};
    const violations: Record<string, string[]> = {};
    const check = async (name: string, expectedH1: RegExp) => {
      expect(await h1(page), name).toMatch(expectedH1);
      const width = (await page.evaluate('document.scrollingElement.scrollWidth')) as number;
      if (width > 360) overflow[name] = width;
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      const found = await seriousViolations(page);
      if (found.length) violations[name] = found;
    };

    await open(page, `${origin()}/partner/signin`);
    await check('signin', /^Sign in to the partner portal$/);
    const admin = await signInByLink(page, partner.id, 'admin');
    await check('signin-confirm', /^Sign in$/);
    const signedIn = await admin.confirm();
    expect(signedIn.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/partner');
    await check('dashboard', /^Dashboard$/);
    expect(await page.locator('nav.portal a[aria-current=page]').innerText()).toBe('Dashboard');

    await click(page, 'nav.portal a[href="/partner/settings"]');
    await check('settings', /^Settings$/);
    const invitee = `${unique('new')}@contoso-devices-international.example`;
    await page.fill('#invite-email', invitee);
    await page.fill('#invite-name', 'Sam Submitter');
    await page.selectOption('#invite-role', 'viewer');
    await click(page, '#people form[action="/partner/settings/people"] button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/partner/settings');
    expect(await page.locator('#people').innerText()).toContain(invitee);
    await check('settings-invited', /^Settings$/);
    // A refused invitation (the same address again): the page says what is wrong.
    await page.fill('#invite-email', invitee);
    await page.fill('#invite-name', 'Sam again');
    await click(page, '#people form[action="/partner/settings/people"] button[type=submit]');
    expect(await page.locator('#people-error').innerText()).toContain('already a person of this partner');
    await check('settings-refused', /^Settings$/);

    // A viewer: no Settings in the navigation; the page itself is a 403 page.
    const viewerPage = await newPage({ javaScriptEnabled: true });
    await viewerPage.setViewportSize({ width: 360, height: 740 });
    const viewer = await signInByLink(viewerPage, partner.id, 'viewer');
    await viewer.confirm();
    expect(await viewerPage.locator('nav.portal a[href="/partner/settings"]').count()).toBe(0);
    const refused = await open(viewerPage, `${origin()}/partner/settings`);
    expect(refused.status()).toBe(403);
    expect(await h1(viewerPage)).toBe("Your role can't do this");
    expect(await seriousViolations(viewerPage)).toEqual([]);

    // Sign out: back to the sign-in page, saying so.
    await click(page, 'header form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/partner/signin');
    expect(await page.locator('#signed-out').innerText()).toContain('signed out');
    await check('signed-out', /^Sign in to the partner portal$/);

    expect(overflow).toEqual({});
    expect(violations).toEqual({});
    // Eight axe scans and two sign-ins by email on a shared 2-core machine: a budget, not a timing.
  }, 120_000);
});
