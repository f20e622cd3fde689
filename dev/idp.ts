import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type KoaContext } from 'oidc-provider';
import { DIRECTORY_ROLES, normalizeDomain, normalizeEmail, type DirectoryRole } from '#shared/domain/directory.ts';
import { widsOfRoles } from '#shared/domain/identity.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { getTenant, getUserByEmail } from '#shared/table/directory.ts';
import { readBody } from './request-body.ts';

/**
 * The local OpenID Provider of `npm start` and the tests (API.md, "Running locally"): panva's
 * oidc-provider, a real, certified provider, standing in for Microsoft Entra ID. It signs in the
 * users of the local directory (the operator API's tenants and users) and issues Entra-shaped ID
 * tokens: `tid` (the tenant's `idpTenantId`, or its id), `oid`, `preferred_username`, `name` and
 * `wids` (the Entra role template ids of the user's directory roles, plus the default user role's).
 *
 * Its login page is one form: the user's email (`login`) and a button; nothing else is asked.
 * Organizations the service's directory does not know yet (R21: their first global administrator
 * registers them by signing in) are added with `POST /accounts` (JSON `{email, tid, name?, oid?,
 * roles?, organization?: {displayName?, initialDomain?, domains?}}`; without `roles` the token
 * carries no `wids`, as from an app registration that does not ask for it). The `email` is only
 * the username (`preferred_username`), which proves nothing: an account may name any domain, as a
 * guest or a changed username can at Entra.
 *
 * Like Microsoft Graph's `GET /v1.0/organization` (read with the sign-in's access token, scope
 * `User.Read`), `GET /v1.0/organization` answers the signed-in user's organization and the domains
 * the provider has verified for it: for a tenant of the service's directory, its initial domain and
 * domains; for an organization added here, the `organization` given with its first account (by
 * default only an initial domain: the username's when it has the `*.onmicrosoft.example` form, else
 * one made of the `tid`). It binds to 127.0.0.1 only and never runs in AWS.
 */

export interface LocalIdpOptions {
  port: number;
  /** The service's PUBLIC_URL: the client's redirect URIs are `<publicUrl>/signin/oidc/callback` and `<publicUrl>/partner/signin/oidc/callback`. */
  publicUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface LocalIdp {
  /** `http://127.0.0.1:<port>`, also its issuer. */
  issuer: string;
  stop(): Promise<void>;
}

/** A user the provider knows besides the service's directory (an organization not registered there). */
interface OutsideAccount {
  email: string;
  tid: string;
  oid: string;
  name: string;
  /** Absent: the token carries no `wids` at all. */
  roles?: DirectoryRole[];
}

/** An organization the provider knows besides the service's directory, with the domains it has verified for it. */
interface OutsideOrganization {
  displayName: string;
  initialDomain: string;
  domains: string[];
}

/** Microsoft Graph's `organization` resource, the part the service reads (R21). */
interface GraphOrganization {
  id: string;
  displayName: string;
  verifiedDomains: { name: string; isInitial: boolean; isDefault: boolean; type: 'Managed'; capabilities: string }[];
}

/** The form of an initial domain at the local provider (as `*.onmicrosoft.com` at Entra). */
export const LOCAL_INITIAL_DOMAIN_SUFFIX = 'onmicrosoft.example';

interface AccountClaims {
  tid: string;
  oid: string;
  preferred_username: string;
  name: string;
  wids?: string[];
  /** The tenant of the service's directory the user belongs to (not a claim). */
  directoryTenantId?: string;
}

/**
 * oidc-provider's storage, in memory (the provider's sessions, codes and grants live as long as the
 * process, like its signing key): consumed codes stay consumed, so a code is never redeemed twice.
 */
class MemoryAdapter {
  private static stores = new Map<string, Map<string, { payload: Record<string, unknown>; expiresAt?: number }>>();
  private readonly store: Map<string, { payload: Record<string, unknown>; expiresAt?: number }>;
  constructor(name: string) {
    this.store = MemoryAdapter.stores.get(name) ?? new Map();
    MemoryAdapter.stores.set(name, this.store);
  }
  async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
    this.store.set(id, { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
  }
  async find(id: string): Promise<Record<string, unknown> | undefined> {
    const entry = this.store.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.store.delete(id);
      return undefined;
    }
    return entry.payload;
  }
  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    for (const [id, entry] of this.store) if (entry.payload.uid === uid) return this.find(id);
    return undefined;
  }
  async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
    for (const [id, entry] of this.store) if (entry.payload.userCode === userCode) return this.find(id);
    return undefined;
  }
  async consume(id: string): Promise<void> {
    const entry = this.store.get(id);
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string): Promise<void> {
    this.store.delete(id);
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(id);
  }
}

const PAGE_CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f3f2f1;color:#1b1b1b}
main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:4px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin:.5rem 0}input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box;border:1px solid #6b6b6b}
button{font:inherit;margin-top:1rem;padding:.5rem 1.2rem;background:#0b5cad;color:#fff;border:0;border-radius:2px;cursor:pointer}
.error{background:#fdecea;border-left:4px solid #a4262c;padding:.5rem .75rem}.muted{color:#545454;font-size:.9rem}`;

export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const publicOrigin = new URL(options.publicUrl).origin;
  const outside = new Map<string, OutsideAccount>();
  /** Organizations added here, by `tid` (lower case). */
  const organizations = new Map<string, OutsideOrganization>();

  /** R21: the organization of a `tid` as the provider lists it (Graph's shape): the directory's tenants first. */
  async function organizationOf(tid: string, directoryTenantId: string | undefined): Promise<GraphOrganization | undefined> {
    const verified = (initial: string, domains: string[]) =>
      [...new Set([initial, ...domains])].map((name) => ({ name, isInitial: name === initial, isDefault: name === initial, type: 'Managed' as const, capabilities: 'None' }));
    const tenant = directoryTenantId ? await getTenant(directoryTenantId) : undefined;
    if (tenant) return { id: tid, displayName: tenant.name, verifiedDomains: verified(tenant.initialDomain, tenant.domains) };
    const org = organizations.get(tid.toLowerCase());
    return org ? { id: tid, displayName: org.displayName, verifiedDomains: verified(org.initialDomain, org.domains) } : undefined;
  }

  /** The claims of a user: the directory's users first, then the organizations it does not know. */
  async function accountClaims(email: string): Promise<AccountClaims | undefined> {
    const user = await getUserByEmail(email);
    const tenant = user ? await getTenant(user.tenantId) : undefined;
    if (user && tenant) {
      return { tid: tenant.idpTenantId ?? tenant.id, oid: user.id, preferred_username: user.email, name: user.displayName, wids: widsOfRoles(user.roles), directoryTenantId: tenant.id };
    }
    const account = outside.get(normalizeEmail(email));
    if (!account) return undefined;
    return { tid: account.tid, oid: account.oid, preferred_username: account.email, name: account.name, ...(account.roles ? { wids: widsOfRoles(account.roles) } : {}) };
  }

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        // The customer pages' redirect URI and the partner portal's (R32): one client for both.
        redirect_uris: [`${options.publicUrl.replace(/\/$/, '')}/signin/oidc/callback`, `${options.publicUrl.replace(/\/$/, '')}/partner/signin/oidc/callback`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingKey] },
    adapter: MemoryAdapter,
    // Seconds; the sign-in session at the provider lasts as long as one here (8 hours).
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Entra puts these in the ID token of the code flow; so does this provider.
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'tid', 'oid', 'wids', 'ver'], profile: ['name', 'preferred_username'] },
    // Graph's delegated permission to read the organization (R21): granted with the sign-in, as the service asks for it.
    scopes: ['openid', 'offline_access', 'User.Read'],
    findAccount: async (_ctx: unknown, id: string) => {
      const claims = await accountClaims(id);
      if (!claims) return undefined;
      const { directoryTenantId: _tenant, ...tokenClaims } = claims;
      return { accountId: id, claims: () => ({ sub: claims.oid, ver: '2.0', ...tokenClaims }) };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    // The service is this provider's only client, a first-party one: no consent screen.
    loadExistingGrant: async (ctx: KoaContext) => {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid profile User.Read');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('local identity provider:', error));
  const oidcCallback = provider.callback();

  const sendPage = (res: ServerResponse, status: number, title: string, body: SafeHtml) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      // The login form's post ends in a redirect to the service's callback: form-action must allow it.
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${publicOrigin}; frame-ancestors 'none'; base-uri 'none'`,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(
      html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} - local identity provider</title><style>${PAGE_CSS}</style></head>
<body><main>${body}</main></body></html>`.value,
    );
  };

  const loginPage = (uid: string, error?: string, login = '') =>
    html`<h1>Sign in to your organization</h1>
<p class="muted">Local identity provider (it stands in for Microsoft Entra ID).</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="login">Email</label>
<input id="login" name="login" type="email" autocomplete="username" required value="${login}" autofocus>
<button type="submit">Sign in</button>
</form>`;

  const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => new URLSearchParams(await readBody(req));

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET' && path === `/interaction/${details.uid}`) {
      if (details.prompt.name === 'login') return sendPage(res, 200, 'Sign in', loginPage(details.uid));
      // Anything else (consent) is granted: loadExistingGrant made the grant already.
      return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
    }
    if (req.method === 'POST' && path === `/interaction/${details.uid}/login`) {
      const login = normalizeEmail((await readForm(req)).get('login') ?? '');
      if (!login || !(await accountClaims(login))) {
        return sendPage(res, 401, 'Sign in', loginPage(details.uid, 'No account with this email in any organization this provider knows.', login));
      }
      return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    }
    res.writeHead(404).end();
  }

  async function addAccount(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<OutsideAccount> & { roles?: string[]; organization?: Partial<OutsideOrganization> };
    const email = normalizeEmail(String(body.email ?? ''));
    const roles = body.roles?.filter((r): r is DirectoryRole => (DIRECTORY_ROLES as readonly string[]).includes(r));
    if (!/^[^@\s]+@[^@\s]+$/.test(email) || typeof body.tid !== 'string' || !body.tid) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'give email and tid' }));
      return;
    }
    const account: OutsideAccount = { email, tid: body.tid, oid: body.oid ?? randomUUID(), name: body.name ?? email, ...(roles ? { roles } : {}) };
    outside.set(email, account);
    // The organization: as given, else (its first account) only an initial domain.
    const known = organizations.get(body.tid.toLowerCase());
    if (body.organization || !known) {
      const emailDomain = email.split('@')[1];
      const initialDomain =
        body.organization?.initialDomain ?? known?.initialDomain ?? (emailDomain.endsWith(`.${LOCAL_INITIAL_DOMAIN_SUFFIX}`) ? emailDomain : `${body.tid.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63)}.${LOCAL_INITIAL_DOMAIN_SUFFIX}`);
      organizations.set(body.tid.toLowerCase(), {
        displayName: body.organization?.displayName ?? known?.displayName ?? initialDomain,
        initialDomain: normalizeDomain(initialDomain),
        domains: (body.organization?.domains ?? known?.domains ?? []).map((d) => normalizeDomain(String(d))),
      });
    }
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ account }));
  }

  /** Graph's `GET /v1.0/organization`: the organization of the access token's user, with its verified domains. */
  async function graphOrganization(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const graphError = (status: number, code: string, message: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message } }));
    };
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ? await provider.AccessToken.find(bearer) : undefined;
    if (!token?.accountId) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty, invalid or expired.');
    if (!String(token.scope ?? '').split(' ').includes('User.Read')) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const claims = await accountClaims(token.accountId);
    const organization = claims ? await organizationOf(claims.tid, claims.directoryTenantId) : undefined;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ '@odata.context': `${issuer}/v1.0/$metadata#organization`, value: organization ? [organization] : [] }));
  }

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    void (async () => {
      try {
        if (path.startsWith('/interaction/')) return await interaction(req, res, path);
        if (path === '/accounts' && req.method === 'POST') return await addAccount(req, res);
        if (path === '/v1.0/organization' && req.method === 'GET') return await graphOrganization(req, res);
        oidcCallback(req, res);
      } catch (error) {
        console.error('local identity provider:', error);
        if (!res.headersSent) sendPage(res, 400, 'Sign-in failed', html`<h1>Sign-in failed</h1><p>${(error as Error).message}</p>`);
        else res.end();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: '127.0.0.1' }, () => resolve());
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
