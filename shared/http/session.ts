import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicUrl } from '#shared/config/env.ts';
import { getSecret } from '#shared/config/secrets.ts';
import { forbidden } from '#shared/domain/errors.ts';
import { safeEqual } from '#shared/domain/tokens.ts';

/** Plain-http localhost (`npm start`, tests), where a cookie cannot be `Secure`. */
/** The service runs on plain-http localhost: cookies drop `Secure` and the `__Host-`/`__Secure-` prefixes. */
export const plainLocalhost = () => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(publicUrl());

/**
 * The session cookie's name. Served over https (AWS), `__Host-dc_session`: browsers accept that
 * name only from this very host, `Secure`, with `Path=/` and no `Domain`, so a sibling subdomain or
 * a plain-http page cannot plant one. On plain-http localhost, where no `__Host-` cookie can be
 * set, `dc_session`.
 */
export const sessionCookieName = (): string => (plainLocalhost() ? 'dc_session' : '__Host-dc_session');

/**
 * R32: a partner person's session cookie, a name of its own (`__Host-dc_partner_session`, or
 * `dc_partner_session` on plain-http localhost), signed for its kind: a customer session cookie
 * is never read as a partner's, nor the other way round.
 */
export const partnerSessionCookieName = (): string => (plainLocalhost() ? 'dc_partner_session' : '__Host-dc_partner_session');

/** The two kinds of browser session: a customer's (the pages) and a partner person's (the partner portal, R32). */
export type SessionKind = 'customer' | 'partner';
const cookieNameOf = (kind: SessionKind) => (kind === 'partner' ? partnerSessionCookieName() : sessionCookieName());

/** Cookies are `Secure` everywhere but plain-http localhost (API.md). */
const secureFlag = () => (plainLocalhost() ? '' : '; Secure');

async function sign(value: string, kind: SessionKind = 'customer'): Promise<string> {
  const sessionKey = await getSecret('sessionKey');
  return createHmac('sha256', sessionKey).update(kind === 'partner' ? `partner-session\n${value}` : value).digest('base64url');
}

/** The signed session cookie: the session id and its HMAC; the session itself is a table item. */
export async function sessionCookie(sessionId: string, maxAgeSeconds: number): Promise<string> {
  return `${sessionCookieName()}=${sessionId}.${await sign(sessionId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secureFlag()}`;
}

export const clearedSessionCookie = () => `${sessionCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureFlag()}`;

/** A partner person's signed session cookie (R32), for `maxAgeSeconds`. */
export async function partnerSessionCookie(sessionId: string, maxAgeSeconds: number): Promise<string> {
  return `${partnerSessionCookieName()}=${sessionId}.${await sign(sessionId, 'partner')}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secureFlag()}`;
}

export const clearedPartnerSessionCookie = () => `${partnerSessionCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureFlag()}`;

/**
 * The session ids of the request whose signature holds, in the order the browser sent them. A
 * browser sends every cookie of that name it holds (one planted for a parent domain or another
 * path included), so the first one is not necessarily ours: each is checked, and those that do not
 * verify are ignored rather than deciding.
 */
export async function sessionIdsOf(event: APIGatewayProxyEventV2, kind: SessionKind = 'customer'): Promise<string[]> {
  const prefix = `${cookieNameOf(kind)}=`;
  const ids: string[] = [];
  for (const cookie of (event.cookies ?? []).flatMap((c) => c.split(/;\s*/))) {
    if (!cookie.startsWith(prefix)) continue;
    const [sessionId, signature, extra] = cookie.slice(prefix.length).split('.');
    if (!sessionId || !signature || extra !== undefined) continue;
    if (safeEqual(signature, await sign(sessionId, kind))) ids.push(sessionId);
  }
  return ids;
}

/** The session id of the request: the first of its session cookies whose signature holds. */
export async function sessionIdOf(event: APIGatewayProxyEventV2, kind: SessionKind = 'customer'): Promise<string | undefined> {
  return (await sessionIdsOf(event, kind))[0];
}

/**
 * A form post must come from our own pages. Under `Referrer-Policy: no-referrer` browsers send
 * `Origin: null` even for same-site posts, so "null" tells nothing; `Sec-Fetch-Site` then says
 * whether the post came from another site.
 */
export function checkSameSite(event: APIGatewayProxyEventV2): void {
  const origin = event.headers?.origin;
  const site = event.headers?.['sec-fetch-site'];
  if (site && site !== 'same-origin') throw forbidden('This form was posted from another site');
  if (origin && origin !== 'null' && origin !== new URL(publicUrl()).origin) throw forbidden('This form was posted from another site');
}

/**
 * CSRF defence for every form post: the synchronizer token of the session, compared in constant
 * time, and the `Origin` header when the browser sends one (SameSite=Lax alone is not enough).
 */
export function checkFormPost(event: APIGatewayProxyEventV2, session: { csrf: string }, csrf: string | undefined): void {
  checkSameSite(event);
  if (!csrf || !safeEqual(csrf, session.csrf)) throw forbidden('This form has expired; reload the page and try again');
}
