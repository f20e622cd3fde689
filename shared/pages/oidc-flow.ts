import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { getSecret } from '#shared/config/secrets.ts';
import { safeEqual } from '#shared/domain/tokens.ts';
import { plainLocalhost } from '#shared/http/session.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { SCOPES, type IdentityProvider } from '#shared/identity/provider.ts';
import * as oidc from 'openid-client';
import { redirect } from './layout.ts';

/**
 * A sign-in with the identity provider between its start and the provider's answer (R21), kept in
 * the browser that started it and nowhere else: what the answer is checked with (`state`, the
 * nonce, the PKCE code verifier), where to go next, and when it expires. An anonymous
 * `GET /signin/oidc` so writes nothing to the table.
 *
 * The cookie is `v1.<iv>.<ciphertext>.<tag>` (base64url), AES-256-GCM of the flow as JSON (Node's
 * crypto; jose's JWE would add to the pages bundle what this needs none of): encrypted, so the
 * browser cannot read the verifier, and authenticated, so nothing in it can be changed or made up.
 * Its key is derived from the session key with HKDF-SHA-256 for this purpose alone. It is cleared by the callback that uses it; an
 * answer used once cannot be used again here (its cookie is gone) nor with a copy of the cookie
 * (the provider takes an authorization code once).
 */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export const FLOW_MINUTES = 10;

/**
 * As the session cookie (shared/http/session.ts): served over https, `__Host-dc_oidc`: browsers
 * take that name only from this very host, `Secure`, `Path=/`, no `Domain`, so a sibling subdomain
 * cannot plant a flow of its own (login CSRF). On plain-http localhost, where no `__Host-` cookie
 * can be set, `dc_oidc` without `Secure`.
 */
export const flowCookieName = (kind: FlowKind = 'customer'): string => {
  const name = kind === 'partner' ? 'dc_partner_oidc' : 'dc_oidc';
  return plainLocalhost() ? name : `__Host-${name}`;
};

/**
 * Whose sign-in a flow is: a customer's (the pages) or a partner person's (the partner portal,
 * R32). Each has its own cookie and its own authenticated data, so neither callback opens the
 * other's flow.
 */
export type FlowKind = 'customer' | 'partner';

const attributes = (maxAge: number) => `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${plainLocalhost() ? '' : '; Secure'}`;

/** The key of flow cookies: HKDF-SHA-256 of the session key, for this use only. */
let derived: { from: string; key: Buffer } | undefined;
async function flowKey(): Promise<Buffer> {
  const sessionKey = await getSecret('sessionKey');
  if (derived?.from !== sessionKey) {
    derived = { from: sessionKey, key: Buffer.from(hkdfSync('sha256', sessionKey, 'device-consent', 'oidc-flow-cookie v1', 32)) };
  }
  return derived.key;
}

/** The version of the format, also bound into the encryption (additional authenticated data). */
const VERSION = 'v1';
const aadOf = (kind: FlowKind) => Buffer.from(kind === 'partner' ? `dc_partner_oidc ${VERSION}` : `dc_oidc ${VERSION}`);

/** A new flow, expiring `FLOW_MINUTES` after `now`. */
export const newFlow = (values: Omit<OidcFlow, 'expiresAt'>, now = Date.now()): OidcFlow => ({ ...values, expiresAt: Math.floor(now / 1000) + FLOW_MINUTES * 60 });

/** The sealed value of a flow (the cookie's value): a fresh 96-bit IV each time. */
export async function sealFlow(flow: OidcFlow, kind: FlowKind = 'customer'): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await flowKey(), iv).setAAD(aadOf(kind));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The `Set-Cookie` of a flow. */
export const flowCookie = async (flow: OidcFlow, kind: FlowKind = 'customer'): Promise<string> => `${flowCookieName(kind)}=${await sealFlow(flow, kind)}; ${attributes(FLOW_MINUTES * 60)}`;

/** The `Set-Cookie` that removes the flow cookie. */
export const clearedFlowCookie = (kind: FlowKind = 'customer'): string => `${flowCookieName(kind)}=; ${attributes(0)}`;

/** A sealed value's flow: none when it was changed, made with another key, or is past its expiry. */
export async function openFlow(sealed: string, now = Date.now(), kind: FlowKind = 'customer'): Promise<OidcFlow | undefined> {
  const [version, iv, ciphertext, tag, extra] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag || extra !== undefined) return undefined;
  let flow: Partial<OidcFlow>;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await flowKey(), Buffer.from(iv, 'base64url')).setAAD(aadOf(kind));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    flow = JSON.parse(Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')) as Partial<OidcFlow>;
  } catch {
    return undefined; // changed, made up, or sealed with another key: GCM's tag does not hold
  }
  const { state, nonce, codeVerifier, next, expiresAt } = flow;
  if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof expiresAt !== 'number') return undefined;
  if (expiresAt * 1000 <= now) return undefined;
  return { state, nonce, codeVerifier, expiresAt, ...(typeof next === 'string' ? { next } : {}) };
}

/**
 * The flows of the request's flow cookies that open (a browser sends every cookie of the name it
 * holds), and among them the one of this `state`, compared in constant time. Cookies of any other
 * name (a plain `dc_oidc` where the name is `__Host-dc_oidc`) are not looked at.
 */
export async function flowOf(event: APIGatewayProxyEventV2, state: string | undefined, now = Date.now(), kind: FlowKind = 'customer'): Promise<{ flow?: OidcFlow; anyOpened: boolean }> {
  const prefix = `${flowCookieName(kind)}=`;
  let anyOpened = false;
  for (const cookie of (event.cookies ?? []).flatMap((c) => c.split(/;\s*/))) {
    if (!cookie.startsWith(prefix) || cookie.length === prefix.length) continue;
    const flow = await openFlow(cookie.slice(prefix.length), now, kind);
    if (!flow) continue;
    anyOpened = true;
    if (state && safeEqual(flow.state, state)) return { flow, anyOpened };
  }
  return { anyOpened };
}

/** Entra signs a browser in once for every app; its account picker lets an admin choose another account (R9's cloud-native one). */
const isEntra = (issuer: string) => issuer.startsWith('https://login.microsoftonline.com/');

/**
 * Off to the provider's authorization endpoint (code flow, PKCE S256, `state`, `nonce`), with a
 * new flow of this kind sealed in this browser's cookie: the start of every sign-in with an
 * organization, the customers' (R21) and the partner portal's (R32), each with its redirect URI.
 */
export async function authorizationRedirect(idp: IdentityProvider, options: { redirectUri: string; next?: string; kind?: FlowKind }): Promise<HttpResult> {
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const flow = newFlow({ state, nonce, codeVerifier, ...(options.next ? { next: options.next } : {}) });
  const url = oidc.buildAuthorizationUrl(idp.config, {
    redirect_uri: options.redirectUri,
    response_type: 'code',
    response_mode: 'query',
    scope: SCOPES,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(isEntra(idp.issuer) ? { prompt: 'select_account' } : {}),
  });
  return redirect(url.href, [await flowCookie(flow, options.kind)]);
}
