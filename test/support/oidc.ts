import { stack } from './api.ts';
import { PageClient, type PageResponse } from './pages.ts';

/**
 * Sign-in with the organization's identity provider, driven over HTTP as a browser without
 * JavaScript would: the service's pages through a `PageClient` (its cookies), the local OpenID
 * Provider (dev/idp.ts) with a cookie jar of its own, every redirect followed by hand. Nothing
 * mocks the protocol: the provider is the real one `npm start` runs.
 */

/** The local provider's issuer (also its base URL). */
export const idpUrl = (): string => stack().env.OIDC_ISSUER;

/**
 * Adds a user of an organization the service's directory does not know (R21: its first global
 * administrator registers it). Without `roles` the provider's token carries no `wids`. With
 * `organization`, the provider lists those verified domains for the organization (its
 * `GET /v1.0/organization`, as Microsoft Graph's); otherwise only an initial domain.
 */
export async function addProviderAccount(account: {
  email: string;
  tid: string;
  name?: string;
  oid?: string;
  roles?: string[];
  organization?: { displayName?: string; initialDomain?: string; domains?: string[] };
}): Promise<void> {
  const res = await fetch(`${idpUrl()}/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
  if (res.status !== 201) throw new Error(`addProviderAccount failed: ${res.status} ${await res.text()}`);
}

/** A cookie jar for the provider's own session and interaction cookies. */
class ProviderBrowser {
  private cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value && !/max-age=0|expires=thu, 01 jan 1970/i.test(set)) this.cookies.set(pair.slice(0, at), value);
      else this.cookies.delete(pair.slice(0, at));
    }
    return res;
  }
}

const providers = new WeakMap<PageClient, ProviderBrowser>();

/** The provider side of one "browser" (one per PageClient), so its provider session is kept like a browser's. */
const providerOf = (client: PageClient): ProviderBrowser => {
  let browser = providers.get(client);
  if (!browser) providers.set(client, (browser = new ProviderBrowser()));
  return browser;
};

export interface Authorization {
  /** `/signin/oidc`'s answer: the redirect to the provider, with the flow cookie. */
  start: PageResponse;
  /** The redirect URI with the provider's answer (`code`, `state`, `iss`), not yet visited. */
  callbackUrl: string;
  /** The provider's login page as it was shown (HTML). */
  loginPage: string;
}

/**
 * Starts the sign-in at `/signin/oidc?next=` (or the partner portal's, `startPath`), signs in at the provider's login page with `email`
 * (its one field), and stops at the provider's redirect to our callback: the caller visits it.
 */
export async function authorizeAtProvider(client: PageClient, email: string, next?: string, startPath = '/signin/oidc'): Promise<Authorization> {
  const start = await client.get(`${startPath}${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  if (start.status !== 303 || !start.location) throw new Error(`${startPath} answered ${start.status}: ${start.html.slice(0, 300)}`);
  const provider = providerOf(client);
  let url = start.location;
  let loginPage = '';
  for (let hop = 0; hop < 10; hop++) {
    if (!url.startsWith(idpUrl())) return { start, callbackUrl: url, loginPage };
    const res = await provider.request(url);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const page = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (res.status !== 200 || !action) throw new Error(`the provider answered ${res.status}: ${page.slice(0, 500)}`);
    loginPage = page;
    const posted = await provider.request(new URL(action, url).href, { method: 'POST', form: { login: email } });
    const after = posted.headers.get('location');
    if (!after) throw new Error(`the provider refused ${email}: ${posted.status} ${(await posted.text()).slice(0, 500)}`);
    url = new URL(after, url).href;
  }
  throw new Error('too many redirects at the provider');
}

/** The whole sign-in: authorize at the provider, then the callback; answers the callback's response. */
export async function signInWithOrganization(email: string, options: { client?: PageClient; next?: string } = {}): Promise<{ client: PageClient; callback: PageResponse; callbackUrl: string }> {
  const client = options.client ?? new PageClient();
  const { callbackUrl } = await authorizeAtProvider(client, email, options.next);
  const callback = await client.get(callbackUrl);
  return { client, callback, callbackUrl };
}
