import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
