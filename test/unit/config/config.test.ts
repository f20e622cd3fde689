import { describe, expect, it } from 'vitest';
import { configProblems } from '../../../shared/config/config.ts';
import { LOCAL_SECRET_VARIABLES, secretProblems } from '../../../shared/config/secrets.ts';

const good = { cursorKey: 'c'.repeat(32), sessionKey: 's'.repeat(32), webhookKey: 'w'.repeat(32) };

describe('configuration is checked at start, one line per problem naming the variable', () => {
  it('a short or missing secret names its variable and what it must be', () => {
    expect(secretProblems({ ...good, opsToken: 'short' }, (f) => LOCAL_SECRET_VARIABLES[f])).toEqual(['OPS_TOKEN is too short: it must be at least 32 characters (it has 5)']);
    expect(secretProblems({ ...good }, (f) => `field ${f} of the secret SECRET_ARN`)).toEqual([
      'field opsToken of the secret SECRET_ARN is not set: it must be a secret of at least 32 characters',
    ]);
    expect(secretProblems({ ...good, opsToken: 'o'.repeat(32) }, (f) => f)).toEqual([]);
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
