import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedIssuer, IdTokenRejected, verifyIdToken, type IdTokenExpectations } from '#shared/identity/id-token.ts';

/**
 * R21: the ID token check of the sign-in with an identity provider, with tokens made here by
 * `jose`: signed by the provider's key or by another, for us or for another client, from the
 * provider or from another issuer, in time or expired, with this sign-in's nonce or another.
 */

const ENTRA = 'https://login.microsoftonline.com/{tenantid}/v2.0';
const LOCAL = 'http://127.0.0.1:8010';
const TID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const CLIENT = 'device-consent';
const NONCE = 'nonce-of-this-sign-in';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let providerKey: PrivateKey;
let otherKey: PrivateKey;
let keys: IdTokenExpectations['keys'];

beforeAll(async () => {
  const provider = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  providerKey = provider.privateKey;
  otherKey = other.privateKey;
  const jwk: JWK = { ...(await exportJWK(provider.publicKey)), kid: 'provider-key', alg: 'RS256', use: 'sig' };
  keys = createLocalJWKSet({ keys: [jwk] });
});

async function token(claims: Record<string, unknown>, options: { key?: PrivateKey; kid?: string; expiresIn?: string | number; issuedAt?: number } = {}) {
  return new SignJWT({ aud: CLIENT, nonce: NONCE, tid: TID, oid: 'oid-1', preferred_username: 'admin@contoso.onmicrosoft.com', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'provider-key' })
    .setSubject('sub-1')
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(options.key ?? providerKey);
}

const expectations = (over: Partial<IdTokenExpectations> = {}): IdTokenExpectations => ({ issuer: ENTRA, audience: CLIENT, nonce: NONCE, keys, ...over });

async function refusal(idToken: string, over: Partial<IdTokenExpectations> = {}): Promise<string> {
  try {
    await verifyIdToken(idToken, expectations(over));
  } catch (error) {
    if (error instanceof IdTokenRejected) return error.problem;
    throw error;
  }
  return 'accepted';
}

describe('verifyIdToken (R21)', () => {
  it('R21: accepts a token of the provider, for this client, from the Entra issuer of its own tid, in time, with this nonce', async () => {
    const claims = await verifyIdToken(await token({ iss: `https://login.microsoftonline.com/${TID}/v2.0` }), expectations());
    expect(claims.tid).toBe(TID);
    expect(claims.preferred_username).toBe('admin@contoso.onmicrosoft.com');
  });

  it('R21: accepts the local provider fixed issuer', async () => {
    expect(await refusal(await token({ iss: LOCAL, tid: 't_0123' }), { issuer: LOCAL })).toBe('accepted');
  });

  it('R21: refuses a token signed with another key, even under the provider key id', async () => {
    expect(await refusal(await token({ iss: `https://login.microsoftonline.com/${TID}/v2.0` }, { key: otherKey }))).toBe('signature');
    expect(await refusal(await token({ iss: `https://login.microsoftonline.com/${TID}/v2.0` }, { key: otherKey, kid: 'unknown' }))).toBe('signature');
  });

  it('R21: refuses an unsigned token (alg none) and a token altered after signing', async () => {
    const good = await token({ iss: `https://login.microsoftonline.com/${TID}/v2.0` });
    const [header, payload, signature] = good.split('.');
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    expect(await refusal(`${b64({ alg: 'none' })}.${payload}.`)).toBe('signature');
    expect(await refusal(`${header}.${b64({ ...claims, wids: ['62e90394-69f5-4237-9190-012177145e10'] })}.${signature}`)).toBe('signature');
  });

  it('R21: refuses a token for another audience (another client), and one with several audiences whose azp is not us', async () => {
    const iss = `https://login.microsoftonline.com/${TID}/v2.0`;
    expect(await refusal(await token({ iss, aud: 'another-client' }))).toBe('audience');
    expect(await refusal(await token({ iss, aud: ['another-client', CLIENT], azp: 'another-client' }))).toBe('audience');
    expect(await refusal(await token({ iss, aud: ['another-client', CLIENT], azp: CLIENT }))).toBe('accepted');
  });

  it("R21: refuses a token from another issuer: another tenant's issuer than its tid, another provider, the template itself", async () => {
    const otherTid = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    expect(await refusal(await token({ iss: `https://login.microsoftonline.com/${otherTid}/v2.0` }))).toBe('issuer');
    expect(await refusal(await token({ iss: 'https://evil.example/v2.0' }))).toBe('issuer');
    expect(await refusal(await token({ iss: ENTRA }))).toBe('issuer');
    expect(await refusal(await token({ iss: 'http://127.0.0.1:9999' }), { issuer: LOCAL })).toBe('issuer');
  });

  it('R21: with a templated issuer, a tid that is not a GUID (or none) never makes an issuer', async () => {
    expect(await refusal(await token({ iss: 'https://login.microsoftonline.com/x/v2.0', tid: 'x' }))).toBe('issuer');
    expect(await refusal(await token({ iss: `https://login.microsoftonline.com/${TID}/v2.0`, tid: undefined }))).toBe('issuer');
    expect(expectedIssuer(ENTRA, `${TID}/../evil`)).toBeUndefined();
    expect(expectedIssuer(ENTRA, TID.toUpperCase())).toBe(`https://login.microsoftonline.com/${TID}/v2.0`);
    expect(expectedIssuer(LOCAL, undefined)).toBe(LOCAL);
  });

  it('R21: refuses an expired token, and one with another nonce (a replayed or foreign token)', async () => {
    const iss = `https://login.microsoftonline.com/${TID}/v2.0`;
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    expect(await refusal(await token({ iss }, { issuedAt: hourAgo - 600, expiresIn: hourAgo }))).toBe('expired');
    expect(await refusal(await token({ iss, nonce: 'another-nonce' }))).toBe('nonce');
    expect(await refusal(await token({ iss, nonce: undefined }))).toBe('nonce');
  });
});
