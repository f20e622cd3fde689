import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { stack } from './api.ts';

/**
 * The one browser launcher of the e2e tier. A system Chromium (Debian's `/usr/bin/chromium`) is
 * used when one is installed; otherwise the Chromium that `@sparticuz/chromium` ships inside
 * node_modules (unpacked on first use), so a fresh machine needs nothing beyond `npm ci`.
 */
const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** STACK.md #11: what Chromium needs to run headless here. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  if (existsSync(SYSTEM_CHROMIUM)) return chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  // Not `packaged.args`: they are for AWS Lambda (`--single-process`, `--disable-web-security`,
  // `--disable-site-isolation-trials`...) and would change what the pages' security tests see.
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** The response chain of a navigation, first request first (so a 303 with its Set-Cookie is included). */
export async function chainOf(response: Response): Promise<Response[]> {
  const chain: Response[] = [response];
  let request = response.request().redirectedFrom();
  while (request) {
    const earlier = await request.response();
    if (earlier) chain.unshift(earlier);
    request = request.redirectedFrom();
  }
  return chain;
}

/** Axe findings that must not exist: impact serious or critical. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} [${n.failureSummary?.replace(/\s+/g, ' ')}]`).join('; ')}`);
}

/**
 * One browser for a test file (launched before its tests, closed after them with every context it
 * opened) and `newPage`: a page of a fresh profile, no cookies. axe needs a page of a context of
 * its own (STACK.md #10). `javaScriptEnabled` defaults to the file's choice.
 */
export function browserForFile(defaults: { javaScriptEnabled: boolean }): { newPage: (options?: { javaScriptEnabled?: boolean }) => Promise<Page> } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
  });
  return {
    newPage: async (options = {}) => {
      const context = await browser!.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? defaults.javaScriptEnabled });
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** Opens a URL and answers its final response. */
export async function open(page: Page, url: string): Promise<Response> {
  const res = await page.goto(url, { waitUntil: 'load' });
  if (!res) throw new Error(`no response for ${url}`);
  return res;
}

/** Clicks and answers the final response of the navigation it starts (after redirects). */
export async function click(page: Page, selector: string): Promise<Response> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400)),
    page.click(selector),
  ]);
  await page.waitForLoadState('load');
  return res;
}

/** The page's heading. */
export const h1 = (page: Page) => page.locator('h1').innerText();

/**
 * Signs a user in through the organization's identity provider (the local one) as a browser does,
 * then opens `path` (and checks it is where the browser ended).
 */
export async function signInAt(page: Page, email: string, path: string): Promise<Response> {
  const origin = stack().env.PUBLIC_URL;
  await open(page, `${origin}/signin/oidc?next=${encodeURIComponent('/portal')}`);
  await page.fill('input[name=login]', email);
  const signedIn = await click(page, 'main form button[type=submit]');
  expect(signedIn.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/portal');
  if (path === '/portal') return signedIn;
  const res = await open(page, `${origin}${path}`);
  expect(new URL(page.url()).pathname).toBe(path);
  return res;
}
