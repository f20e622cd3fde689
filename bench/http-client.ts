/**
 * What the request-count rows use to drive the service as its users do, over HTTP: the operator
 * API, the partner API, and a cookie-keeping page client with the email sign-in through the local
 * SES's `GET /store`. The same steps as test/support/api.ts and pages.ts, which read their URLs
 * from vitest's `inject` and so cannot be imported outside a vitest run; the page client itself is
 * the tests' own (test/support/page-client.ts).
 */
import { PageClient } from '../dev/page-client.ts';

export { csrfOf, PageClient } from '../dev/page-client.ts';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class Api {
  readonly url: string;
  readonly sesUrl: string;
  readonly opsToken: string;
  constructor(url: string, sesUrl: string, opsToken: string) {
    this.url = url;
    this.sesUrl = sesUrl;
    this.opsToken = opsToken;
  }

  async call<T = any>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    const parsed = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  /** A call that must answer `expected` (or any 2xx), else the bench stops naming it. */
  async expect<T = any>(expected: number | '2xx', method: string, path: string, options: Parameters<Api['call']>[2] = {}): Promise<Answer<T>> {
    const answer = await this.call<T>(method, path, options);
    const ok = expected === '2xx' ? answer.status >= 200 && answer.status < 300 : answer.status === expected;
    if (!ok) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text.slice(0, 400)}`);
    return answer;
  }

  ops = <T = any>(method: string, path: string, body?: unknown) => this.expect<T>('2xx', method, path, { token: this.opsToken, body });
  partner = <T = any>(apiKey: string, method: string, path: string, body?: unknown) => this.expect<T>('2xx', method, path, { token: apiKey, body });

  async createPartner(name: string, kind = 'direct-csp', providerId?: string) {
    const { body } = await this.ops('POST', '/ops/partners', { name, kind, contactEmail: `ops@${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`, ...(providerId ? { providerId } : {}) });
    return body as { partner: { id: string; name: string; kind: string }; apiKey: string };
  }

  async createTenant(label: string) {
    const { body } = await this.ops('POST', '/ops/tenants', { name: `Bench ${label}`, initialDomain: `${label}.onmicrosoft.example` });
    return body.tenant as { id: string; name: string; initialDomain: string; domains: string[] };
  }

  async createUser(tenantId: string, email: string, roles: string[] = ['GlobalAdministrator']) {
    const { body } = await this.ops('POST', `/ops/tenants/${tenantId}/users`, { email, displayName: 'Bench Admin', roles });
    return body.user as { id: string; email: string; tenantId: string };
  }

  /** The mail the local SES holds for one recipient, oldest first. */
  async mailTo(recipient: string): Promise<{ subject: string; body: { text: string } }[]> {
    const res = await fetch(`${this.sesUrl}/store`);
    const { emails } = (await res.json()) as { emails: { subject: string; body: { text: string }; destination: { to: string[] } }[] };
    return emails.filter((e) => e.destination.to.some((to) => to.toLowerCase() === recipient.toLowerCase()));
  }

  /** Mail leaves through the table's stream after the answer: wait (up to 30 s) for it. */
  async waitForMail(recipient: string, count: number) {
    const end = Date.now() + 30_000;
    for (;;) {
      const mails = await this.mailTo(recipient);
      if (mails.length >= count) return mails;
      if (Date.now() > end) throw new Error(`expected ${count} email(s) for ${recipient}, found ${mails.length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Signs a user in through the email sign-in, as a browser would: the form, the emailed link, its button. */
  async signIn(email: string): Promise<PageClient> {
    const client = new PageClient(this.url);
    const before = (await this.mailTo(email)).length;
    await client.post('/signin', { email });
    const mails = await this.waitForMail(email, before + 1);
    const link = /(https?:\/\/\S+\/signin\/verify\S*)/.exec(mails.at(-1)!.body.text)?.[1];
    if (!link) throw new Error(`no sign-in link in the mail to ${email}`);
    const shown = await client.get(link);
    const token = /name="token" value="([^"]+)"/.exec(shown.html)?.[1];
    if (shown.status !== 200 || !token) throw new Error(`sign-in link for ${email} answered ${shown.status}`);
    const done = await client.post('/signin/verify', { token });
    if (done.status !== 303 || !client.cookies.size) throw new Error(`sign-in of ${email} failed: ${done.status}`);
    return client;
  }
}
