import { App } from 'aws-cdk-lib';
import { addService, type FrontOptions } from '../service.ts';

/**
 * The CDK app, run by the cdk CLI as `node infra/bin/app.ts` (Node 24 strips the types).
 *
 * Context, all optional: `mailDomain` (default device-consent.example), `publicUrl` (default the
 * custom domain, else the HTTP API's endpoint), `domainName` with `certificateArn` (a custom
 * domain for the API and the pages, with its ACM certificate in the same region), `alarmEmail`
 * (subscribed to the alarm topic), `oidcClientId` (the Entra app registration of the organization
 * sign-in, R21) with optionally `oidcIssuer` (default Entra's multi-tenant issuer); the edge front
 * (CloudFront with AWS WAF, README "Deploy"): `edgeCertificateArn`, `originClientCertificateArn` and
 * `originTruststoreUri` together (optionally `originTruststoreVersion`), with `domainName`;
 * `canaryLinkId` (a partner's consent link for the canary to open); `monthlyBudgetUsd` (an AWS
 * Budgets cost budget, off by default). E.g. `npx cdk synth -c mailDomain=consent.contoso.example`.
 * Account and region come from CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION when the CLI knows them;
 * otherwise the stacks are environment-agnostic.
 */
const app = new App();

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** The front is on when any of its keys is given; a missing one is then named by addService. */
function frontOptions(): FrontOptions | undefined {
  const [edgeCertificateArn, originClientCertificateArn, originTruststoreUri] = ['edgeCertificateArn', 'originClientCertificateArn', 'originTruststoreUri'].map(context);
  if (!edgeCertificateArn && !originClientCertificateArn && !originTruststoreUri) return undefined;
  return {
    edgeCertificateArn: edgeCertificateArn ?? '',
    originClientCertificateArn: originClientCertificateArn ?? '',
    originTruststoreUri: originTruststoreUri ?? '',
    originTruststoreVersion: context('originTruststoreVersion'),
  };
}

function budget(): number | undefined {
  const value: unknown = app.node.tryGetContext('monthlyBudgetUsd');
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'number' ? value : Number(String(value).trim());
}

addService(app, {
  env: account || region ? { account, region } : undefined,
  mailDomain: context('mailDomain'),
  publicUrl: context('publicUrl'),
  domainName: context('domainName'),
  certificateArn: context('certificateArn'),
  alarmEmail: context('alarmEmail'),
  oidcClientId: context('oidcClientId'),
  oidcIssuer: context('oidcIssuer'),
  front: frontOptions(),
  canaryLinkId: context('canaryLinkId'),
  monthlyBudgetUsd: budget(),
});

// Fails (non-zero exit) when cdk-nag reports an error that is not acknowledged.
app.synth();
