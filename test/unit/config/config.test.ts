import { describe, expect, it } from 'vitest';
import { configProblems } from '#shared/config/config.ts';
import { FUNCTION_SECRETS, LOCAL_SECRET_VARIABLES, secretArnVariable, secretProblems } from '#shared/config/secrets.ts';

const good = { cursorKey: 'c'.repeat(32), sessionKey: 's'.repeat(32), webhookKey: 'w'.repeat(32) };
const hash = 'a'.repeat(64);

describe('configuration is checked at start, one line per problem naming the variable', () => {
  it('a short or missing secret names its variable and what it must be', () => {
    expect(secretProblems({ ...good, opsTokenHash: hash, cursorKey: 'short' }, (f) => LOCAL_SECRET_VARIABLES[f])).toEqual(['CURSOR_KEY is too short: it must be at least 32 characters (it has 5)']);
    expect(secretProblems({ ...good }, (f) => `the secret ${secretArnVariable(f)}`)).toEqual([
      'the secret OPS_TOKEN_SHA256_SECRET_ARN is not set: it must be the SHA-256 of the operator token, 64 hex digits (store the hash, never the token)',
    ]);
    expect(secretProblems({ ...good, opsTokenHash: hash }, (f) => f)).toEqual([]);
    expect(secretProblems({ cursorKey: 'c'.repeat(32) }, (f) => f, ['cursorKey'])).toEqual([]);
  });

  it('the operator token is stored as its SHA-256, never as itself: a token where its hash belongs is refused', () => {
    expect(secretProblems({ ...good, opsTokenHash: `ops_${'x'.repeat(40)}` }, (f) => LOCAL_SECRET_VARIABLES[f])).toEqual([
      'OPS_TOKEN_SHA256 is not valid: it must be the SHA-256 of the operator token, 64 hex digits (store the hash, never the token)',
    ]);
  });

  it('least privilege: only the authorizer reads the operator token hash; the pages read the session key and, for the portal\'s lists, the cursor key', () => {
    const readers = (name: string) => Object.entries(FUNCTION_SECRETS).filter(([, names]) => (names as readonly string[]).includes(name)).map(([fn]) => fn);
    expect(readers('opsTokenHash')).toEqual(['authorizer']);
    expect(FUNCTION_SECRETS.pages).toEqual(['sessionKey', 'cursorKey']);
    expect(FUNCTION_SECRETS['customer-api']).toEqual(['cursorKey']);
    expect(FUNCTION_SECRETS['ses-events']).toEqual([]);
  });

  it('a missing or malformed variable names itself; locally the engine endpoints are needed too', () => {
    expect(configProblems(['TABLE_NAME', 'PUBLIC_URL'], { TABLE_NAME: 'device-consent', PUBLIC_URL: 'https://consent.example' })).toEqual([]);
    expect(configProblems(['TABLE_NAME'], {})).toEqual(['TABLE_NAME is not set: it must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)']);
    expect(configProblems(['PUBLIC_URL'], { PUBLIC_URL: 'consent.example' })).toEqual(['PUBLIC_URL is not valid: it must be an absolute http(s) URL, the base of the links in emails']);
    expect(configProblems(['TABLE_NAME', 'MAIL_FROM'], { DEPLOYMENT: 'local', TABLE_NAME: 'device-consent', MAIL_FROM: 'a@b.example' })).toEqual([
      'DYNAMODB_ENDPOINT is not set: it must be the http URL of DynamoDB Local',
      'SES_ENDPOINT is not set: it must be the http URL of the local SES',
    ]);
  });
});
