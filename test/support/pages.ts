import { createTenant, createUser, stack } from './api.ts';
import { csrfOf, PageClient as BaseClient, type PageResponse } from '../../dev/page-client.ts';

/** The mail the local SES holds for one recipient, oldest first. */
export async function mailTo(recipient: string): Promise<{ subject: string; body: { text: string; html?: string }; destination: { to: string[] } }[]> {
  const res = await fetch(`${stack().sesUrl}/store`);
  const { emails } = (await res.json()) as { emails: { subject: string; body: { text: string; html?: string }; destination: { to: string[] } }[] };
  return emails.filter((e) => e.destination.to.some((to) => to.toLowerCase() === recipient.toLowerCase()));
}

/**
 * The mail for one recipient once at least `count` have arrived: mail leaves through the table's
 * stream after the answer, so a test waits for it (up to 60 s: the stream may be busy with another file's outbox) instead of expecting it at once.
 */
export async function waitForMail(recipient: string, count = 1, timeoutMs = 60_000): Promise<Awaited<ReturnType<typeof mailTo>>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailTo(recipient);
    if (mails.length >= count) return mails;
    if (Date.now() > end) throw new Error(`expected ${count} email(s) for ${recipient}, found ${mails.length}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first link in an email's text that starts with the service's public URL. */
export function linkIn(text: string): string {
  const match = /(https?:\/\/\S+\/(?:consent|signin\/verify)\S*)/.exec(text);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[1];
}

/** The test run's page client: the customer pages of the shared stack (test/support/page-client.ts). */
export class PageClient extends BaseClient {
  constructor() {
    super(() => stack().apiUrl);
  }
}

export { csrfOf, type PageResponse };

/** Signs a user in through the real email sign-in flow and returns their client. */
export async function signIn(email: string): Promise<PageClient> {
  const client = new PageClient();
  const before = (await mailTo(email)).length;
  await client.post('/signin', { email });
  const mails = await waitForMail(email, before + 1);
  const res = await useSignInLink(client, linkIn(mails.at(-1)!.body.text));
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return client;
}

/** Opens a sign-in link (a page that signs nobody in) and presses its Sign in button. */
export async function useSignInLink(client: PageClient, link: string): Promise<PageResponse> {
  const shown = await client.get(link);
  if (shown.status !== 200) return shown;
  const token = /name="token" value="([^"]+)"/.exec(shown.html)?.[1] ?? '';
  return client.post('/signin/verify', { token });
}

/** A tenant's global admin accepts `partnerApiKey`'s reusable link: the partner is then authorized. */
export async function acceptThroughLink(adminEmail: string, partnerApiKey: string): Promise<void> {
  const res = await fetch(`${stack().apiUrl}/v1/consent-link`, { headers: { authorization: `Bearer ${partnerApiKey}` } });
  const { url } = (await res.json()) as { url: string };
  const client = await signIn(adminEmail);
  const page = await client.get(url);
  const done = await client.post(new URL(url).pathname, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
  if (!done.html.includes('Authorization is complete')) throw new Error(`acceptance failed: ${done.status}`);
}

/**
 * Waits until every email and webhook committed before this call has been worked by the stream
 * consumer: it works the stream's records in order, so once a sign-in email asked for now has
 * arrived, everything queued before it has been sent (or found nothing to send). A test asserts
 * that something was *not* sent only after this.
 */
export async function outboxSettled(): Promise<void> {
  const tenant = await createTenant();
  const user = await createUser(tenant.id, `barrier@${tenant.initialDomain}`, []);
  await new PageClient().post('/signin', { email: user.email });
  // Behind everything queued before it: after a batch of thousands of devices, hundreds of webhook
  // deliveries, which a loaded 2-core machine works for longer than one email's 15 s.
  await waitForMail(user.email, 1, 120_000);
}
