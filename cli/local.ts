import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { UsageError } from './client.ts';

/**
 * A partner's webhook endpoint for trying things out: listens on 127.0.0.1 only, verifies each
 * delivery's Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature) with
 * the secret, answers 204 to a verified one and 401 to anything else, and prints each.
 */
export async function listen(port: number, secret: () => string | undefined, options: { json: boolean; count?: number }) {
  let verified = 0;
  let rejected = 0;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = secret();
      let event: { type?: string; timestamp?: string; data?: unknown } | undefined;
      try {
        if (!key) throw new Error('no secret yet');
        event = new Webhook(key).verify(body, req.headers as Record<string, string>) as typeof event;
      } catch (error) {
        rejected++;
        res.writeHead(401).end();
        console.error(`rejected a delivery: ${(error as Error).message}`);
        return;
      }
      verified++;
      res.writeHead(204).end();
      if (options.json) console.log(JSON.stringify({ id: req.headers['webhook-id'], ...event }));
      else console.log(`${event?.timestamp ?? ''} ${event?.type ?? '?'} (verified) ${JSON.stringify(event?.data)}`);
      if (options.count && verified >= options.count) server.close(() => finish());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(error.code === 'EADDRINUSE' ? `port ${port} is busy: choose another with --port` : error.message)));
    server.listen({ port, host: '127.0.0.1' }, () => resolve());
  });
  const stop = () => server.close(() => finish());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { done, rejected: () => rejected, close: () => new Promise<void>((r) => server.close(() => r())) };
}

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
