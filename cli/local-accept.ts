import { UsageError } from './client.ts';

interface Mail {
  destination: { to: string[] };
  subject: string;
  body: { text: string };
  at: number;
}

/**
 * The customer's side, on this machine only: takes the newest consent email to `email` from the
 * local SES inbox, opens its link (which signs its recipient in), and presses Accept with the
 * confirmation, as a browser without JavaScript would.
 */
export async function acceptLocally(options: { baseUrl: string; sesUrl: string; email: string; decline: boolean }) {
  const store = await fetch(`${options.sesUrl.replace(/\/$/, '')}/store`).catch(() => {
    throw new UsageError(`cannot reach the local SES at ${options.sesUrl} (is npm start running?)`);
  });
  const { emails } = (await store.json()) as { emails: Mail[] };
  const mails = emails.filter((m) => m.destination.to.some((to) => to.toLowerCase() === options.email.toLowerCase()) && /\/consent\/\S+/.test(m.body.text));
  const mail = mails.at(-1);
  if (!mail) throw new UsageError(`no consent email to ${options.email} in the local SES inbox yet`);
  const link = /(https?:\/\/\S+\/consent\/[^\s"<>]+)/.exec(mail.body.text)![1];
  // Links carry PUBLIC_URL; the pages are served by the base URL given to the CLI.
  const url = (path: string) => new URL(new URL(path, options.baseUrl).pathname, options.baseUrl).toString();
  const cookies = new Map<string, string>();
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const signedIn = await fetch(url(link), { redirect: 'manual' });
  remember(signedIn);
  const pagePath = signedIn.headers.get('location') ?? new URL(link).pathname;
  const page = await fetch(url(pagePath), { headers: { cookie: cookie() }, redirect: 'manual' });
  remember(page);
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!html.includes('consent-form') || !csrf) {
    const why = /<h1[^>]*>([^<]+)<\/h1>/.exec(html)?.[1] ?? `status ${page.status}`;
    throw new UsageError(`the consent page offers no form to ${options.email}: ${why.trim()}`);
  }
  const form = new URLSearchParams({ csrf, ...(options.decline ? {} : { confirm: 'yes' }), action: options.decline ? 'decline' : 'accept' });
  const answer = await fetch(url(pagePath), { method: 'POST', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
  const done = await answer.text();
  const heading = /<h1[^>]*>([^<]+)<\/h1>/.exec(done)?.[1]?.trim() ?? `status ${answer.status}`;
  const accepted = done.includes('Authorization is complete');
  if (!options.decline && !accepted) throw new UsageError(`the consent was not accepted: ${heading}`);
  return { accepted, email: options.email, page: pagePath, message: `${options.email}: ${heading}` };
}
