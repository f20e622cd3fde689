import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicUrl } from '#shared/config/env.ts';
import { getSecret } from '#shared/config/secrets.ts';
import { forbidden } from '#shared/domain/errors.ts';
import { safeEqual } from '#shared/domain/tokens.ts';
import { getSession, SESSION_LIFETIME_MS, type Session } from '#shared/table/sessions.ts';

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

/** Cookies are `Secure` everywhere but plain-http localhost (API.md). */
const secureFlag = () => (plainLocalhost() ? '' : '; Secure');

async function sign(value: string): Promise<string> {
  const sessionKey = await getSecret('sessionKey');
  return createHmac('sha256', sessionKey).update(value).digest('base64url');
}

/** The signed session cookie: the session id and its HMAC; the session itself is a table item. */
export async function sessionCookie(sessionId: string): Promise<string> {
  return `${sessionCookieName()}=${sessionId}.${await sign(sessionId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_LIFETIME_MS / 1000}${secureFlag()}`;
}

export const clearedSessionCookie = () => `${sessionCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureFlag()}`;

/**
 * The session ids of the request whose signature holds, in the order the browser sent them. A
 * browser sends every cookie of that name it holds (one planted for a parent domain or another
 * path included), so the first one is not necessarily ours: each is checked, and those that do not
 * verify are ignored rather than deciding.
 */
export async function sessionIdsOf(event: APIGatewayProxyEventV2): Promise<string[]> {
  const prefix = `${sessionCookieName()}=`;
  const ids: string[] = [];
  for (const cookie of (event.cookies ?? []).flatMap((c) => c.split(/;\s*/))) {
    if (!cookie.startsWith(prefix)) continue;
    const [sessionId, signature, extra] = cookie.slice(prefix.length).split('.');
    if (!sessionId || !signature || extra !== undefined) continue;
    if (safeEqual(signature, await sign(sessionId))) ids.push(sessionId);
  }
  return ids;
}

/** The session id of the request: the first of its session cookies whose signature holds. */
export async function sessionIdOf(event: APIGatewayProxyEventV2): Promise<string | undefined> {
  return (await sessionIdsOf(event))[0];
}

/** The request's session: the first session cookie whose signature holds and whose session is live. */
export async function loadSession(event: APIGatewayProxyEventV2): Promise<{ sessionId: string; session: Session } | undefined> {
  for (const sessionId of await sessionIdsOf(event)) {
    const session = await getSession(sessionId);
    if (session) return { sessionId, session };
  }
  return undefined;
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
export function checkFormPost(event: APIGatewayProxyEventV2, session: Session, csrf: string | undefined): void {
  checkSameSite(event);
  if (!csrf || !safeEqual(csrf, session.csrf)) throw forbidden('This form has expired; reload the page and try again');
}
