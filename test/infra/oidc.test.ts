import type { CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { ENTRA_ORGANIZATIONS_ISSUER } from '../../infra/service.ts';
import { functionLogicalId, iamStatements, referencedId, resourcesOfType, synthService } from './synth.ts';

/**
 * R21 in AWS: the organization sign-in (Entra ID, multi-tenant) is set by CDK context: the client
 * id and the issuer reach the pages function; the client secret is a Secrets Manager secret of its
 * own, in the stateful stack, that the pages function alone may read.
 */
describe('sign-in with the identity provider (R21), infrastructure', () => {
  const envOf = (synth: ReturnType<typeof synthService>, name: FunctionName) => {
    const fn = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function')[functionLogicalId(synth, name)];
    return (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
  };

  it('R21, R32: with oidcClientId, the pages and the partner portal get the Entra multi-tenant issuer, the client id and the secret ARN (one client); no other function does', () => {
    const synth = synthService({ oidcClientId: '11111111-2222-3333-4444-555555555555' });
    expect(ENTRA_ORGANIZATIONS_ISSUER).toBe('https://login.microsoftonline.com/organizations/v2.0');
    for (const name of ['pages', 'partner-portal'] as const) {
      const env = envOf(synth, name);
      expect(env.OIDC_ISSUER, name).toBe(ENTRA_ORGANIZATIONS_ISSUER);
      expect(env.OIDC_CLIENT_ID, name).toBe('11111111-2222-3333-4444-555555555555');
      expect(JSON.stringify(env.OIDC_SECRET_ARN), name).toContain('OidcClientSecret');
      expect(JSON.stringify(env), name).not.toMatch(/OIDC_CLIENT_SECRET/);
    }
    const others = (Object.keys(synth.stateless.functions) as FunctionName[]).filter((name) => name !== 'pages' && name !== 'partner-portal');
    expect(others).toContain('customer-api');
    for (const other of others) {
      expect(Object.keys(envOf(synth, other)).filter((variable) => variable.startsWith('OIDC_')), other).toEqual([]);
    }

    // The client secret lives in the stateful stack, apart from the service's own secrets.
    const secrets = resourcesOfType(synth.statefulTemplate, 'AWS::SecretsManager::Secret');
    expect(Object.keys(secrets).filter((id) => id.startsWith('OidcClientSecret'))).toHaveLength(1);

    // Only the roles of the pages and the partner portal may read it.
    const pagesRole = synth.stateless.getLogicalId(synth.stateless.functions.pages.role.node.defaultChild as CfnElement);
    const portalRole = synth.stateless.getLogicalId(synth.stateless.functions['partner-portal'].role.node.defaultChild as CfnElement);
    const policies = resourcesOfType(synth.statelessTemplate, 'AWS::IAM::Policy');
    const readers = iamStatements(synth.statelessTemplate)
      .filter(({ statement }) => JSON.stringify(statement.Resource).includes('OidcClientSecret'))
      .flatMap(({ owner }) => (policies[owner]?.Properties?.Roles as unknown[] | undefined)?.map(referencedId) ?? [owner]);
    expect(readers.length).toBeGreaterThan(0);
    expect(new Set(readers)).toEqual(new Set([pagesRole, portalRole]));
  });

  it('R21: oidcIssuer can name another provider; without oidcClientId no function is given one', () => {
    const other = synthService({ oidcClientId: 'app', oidcIssuer: 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0' });
    expect(envOf(other, 'pages').OIDC_ISSUER).toBe('https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0');
    const none = synthService();
    expect(envOf(none, 'pages').OIDC_ISSUER).toBeUndefined();
    expect(envOf(none, 'pages').OIDC_SECRET_ARN).toBeUndefined();
    expect(() => synthService({ oidcClientId: 'app', oidcIssuer: 'http://login.example' })).toThrow(/oidcIssuer/);
  });
});
