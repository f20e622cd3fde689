import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/**
 * The ID token check of the sign-in (DESIGN-NOTES, "Sign-in with an identity provider"): the
 * signature against the provider's keys (its JWKS), the issuer, the audience, the expiry and the
 * nonce. openid-client checks the claims of the token endpoint's answer too, but leaves the
 * signature to TLS; this check does not rely on TLS, so it holds on the local provider's plain
 * http as well, and it is the one tested with tokens made by hand.
 */

/** Why a token was refused; never the token itself. */
export type IdTokenProblem = 'signature' | 'issuer' | 'audience' | 'expired' | 'nonce' | 'claims';

export class IdTokenRejected extends Error {
  readonly problem: IdTokenProblem;
  constructor(problem: IdTokenProblem, detail: string) {
    super(`ID token refused (${problem}): ${detail}`);
    this.name = 'IdTokenRejected';
    this.problem = problem;
  }
}

export interface IdTokenExpectations {
  /**
   * The provider's issuer, from its discovery document. Entra's multi-tenant document says
   * `https://login.microsoftonline.com/{tenantid}/v2.0`: then the token's `iss` must be exactly
   * that with the token's own `tid` in place of `{tenantid}`.
   */
  issuer: string;
  /** Our client id: the token must be for us. */
  audience: string;
  /** The nonce of this sign-in, kept since its start. */
  nonce: string;
  /** The provider's signing keys (`createRemoteJWKSet` of its `jwks_uri`, cached; a local set in tests). */
  keys: JWTVerifyGetKey;
  /** @default now */
  now?: Date;
}

/** Signing algorithms accepted: Entra signs with RS256; never `none`, never an HMAC keyed by something public. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Entra's tenant ids are GUIDs; with a templated issuer, nothing else may be put into the issuer. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_TEMPLATE = '{tenantid}';

/** The issuer a token must name: the provider's, with the token's `tid` when the issuer is Entra's template. */
export function expectedIssuer(issuer: string, tid: unknown): string | undefined {
  if (!issuer.includes(TENANT_TEMPLATE)) return issuer;
  return typeof tid === 'string' && GUID.test(tid) ? issuer.replaceAll(TENANT_TEMPLATE, tid.toLowerCase()) : undefined;
}

/** Verifies an ID token; its claims, or `IdTokenRejected` saying which check failed. */
export async function verifyIdToken(idToken: string, expect: IdTokenExpectations): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, expect.keys, {
      audience: expect.audience,
      algorithms: ALGORITHMS,
      currentDate: expect.now,
      clockTolerance: 60,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new IdTokenRejected('expired', 'the token has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw new IdTokenRejected(error.claim === 'aud' ? 'audience' : 'claims', `claim ${error.claim}: ${error.reason}`);
    }
    if (error instanceof errors.JOSEError) throw new IdTokenRejected('signature', error.code);
    throw error;
  }
  // Several audiences: the token must have been issued to us (OpenID Connect Core 3.1.3.7).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expect.audience) {
    throw new IdTokenRejected('audience', 'several audiences and azp is not this client');
  }
  const issuer = expectedIssuer(expect.issuer, payload.tid);
  if (!issuer) throw new IdTokenRejected('issuer', 'no tenant id (tid) to check the issuer with');
  if (payload.iss !== issuer) throw new IdTokenRejected('issuer', 'the token is from another issuer');
  if (typeof payload.nonce !== 'string' || payload.nonce !== expect.nonce) throw new IdTokenRejected('nonce', 'the nonce is not the one of this sign-in');
  return payload;
}
