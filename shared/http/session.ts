import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicUrl } from '../config/env.ts';
import { getSecrets } from '../config/secrets.ts';
import { forbidden } from '../domain/errors.ts';
import { safeEqual } from '../domain/tokens.ts';
import { getSession, SESSION_LIFETIME_MS, type Session } from '../table/sessions.ts';

const COOKIE = 'dc_session';

/** Cookies are `Secure` everywhere but plain-http localhost (API.md). */
const secureFlag = () => (/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(publicUrl()) ? '' : '; Secure');

async function sign(value: string): Promise<string> {
  const { sessionKey } = await getSecrets();
  return createHmac('sha256', sessionKey).update(value).digest('base64url');
}

/** The signed session cookie: the session id and its HMAC; the session itself is a table item. */
export async function sessionCookie(sessionId: string): Promise<string> {
  return `${COOKIE}=${sessionId}.${await sign(sessionId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_LIFETIME_MS / 1000}${secureFlag()}`;
}

export const clearedSessionCookie = () => `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureFlag()}`;

/** The session id of the request, if its cookie is present and its signature holds. */
export async function sessionIdOf(event: APIGatewayProxyEventV2): Promise<string | undefined> {
  const cookie = (event.cookies ?? []).find((c) => c.startsWith(`${COOKIE}=`));
  const value = cookie?.slice(COOKIE.length + 1) ?? '';
  const [sessionId, signature] = value.split('.');
  if (!sessionId || !signature) return undefined;
  return safeEqual(signature, await sign(sessionId)) ? sessionId : undefined;
}

export async function loadSession(event: APIGatewayProxyEventV2): Promise<{ sessionId: string; session: Session } | undefined> {
  const sessionId = await sessionIdOf(event);
  const session = sessionId ? await getSession(sessionId) : undefined;
  return sessionId && session ? { sessionId, session } : undefined;
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
