import { type App, type Environment, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EdgeStack } from './stacks/edge-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

export const DEFAULT_MAIL_DOMAIN = 'device-consent.example';

export interface ServiceOptions {
  /** @default env-agnostic: account and region resolved at deployment */
  readonly env?: Environment;
  /** @default DEFAULT_MAIL_DOMAIN */
  readonly mailDomain?: string;
  /** @default `https://<domainName>` with a custom domain, else the HTTP API's endpoint */
  readonly publicUrl?: string;
  /** A custom domain for the API and the pages; needs `certificateArn`. @default none */
  readonly domainName?: string;
  /** The ACM certificate of `domainName`, in the stacks' region. @default none */
  readonly certificateArn?: string;
  /** An email address subscribed to the alarm topic. @default none */
  readonly alarmEmail?: string;
  /** R21: the client (application) id of the multi-tenant app registration in Entra ID. @default none: no organization sign-in */
  readonly oidcClientId?: string;
  /** R21: the identity provider's issuer to discover. @default ENTRA_ORGANIZATIONS_ISSUER */
  readonly oidcIssuer?: string;
  /**
   * The edge front: CloudFront with AWS WAF in front of the custom domain (which it needs), in a
   * stack of its own in us-east-1. Needs the stacks' region known (`env.region`). @default no front
   */
  readonly front?: FrontOptions;
  /** A partner's reusable consent link id for the canary to open. @default a link that does not exist */
  readonly canaryLinkId?: string;
  /** A monthly cost budget in USD (AWS Budgets), notifying the alarm topic. @default none */
  readonly monthlyBudgetUsd?: number;
  /** Run the cdk-nag AwsSolutions checks at synthesis. @default true */
  readonly nag?: boolean;
}

export interface FrontOptions {
  /** The ACM certificate of `domainName` in us-east-1 (CloudFront's). */
  readonly edgeCertificateArn: string;
  /** The client certificate CloudFront presents to the API (ACM, us-east-1, imported; EKU TLS client authentication). */
  readonly originClientCertificateArn: string;
  /** `s3://<bucket>/<key>`: the PEM bundle of the CA that issued that client certificate, the API domain's mutual TLS truststore. */
  readonly originTruststoreUri: string;
  /** The truststore object's version, for a versioned bucket. @default the latest */
  readonly originTruststoreVersion?: string;
}

export interface Service {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  /** The front (CloudFront and AWS WAF, us-east-1), when configured. */
  readonly edge?: EdgeStack;
}

/** Where CloudFront reads its certificates and its web ACL must be made. */
export const EDGE_REGION = 'us-east-1';

/** Entra ID, any organization's accounts (multi-tenant); its discovery document's issuer is the `{tenantid}` template. */
export const ENTRA_ORGANIZATIONS_ISSUER = 'https://login.microsoftonline.com/organizations/v2.0';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const EDGE_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/;

/**
 * Adds the service to an app: the stateful stack (table, mail identity, secret), the stateless
 * stack (functions, HTTP API, schedules, stream consumer, alarms, canary, deployments) that
 * receives them, with `front` the edge stack (CloudFront and AWS WAF, us-east-1), and registers the
 * cdk-nag AwsSolutions checks. Findings are acknowledged where they arise, at the narrowest construct, each with its
 * reason; any other error finding fails the synthesis.
 */
export function addService(app: App, options: ServiceOptions = {}): Service {
  const mailDomain = options.mailDomain ?? DEFAULT_MAIL_DOMAIN;
  if (!DOMAIN.test(mailDomain)) throw new Error(`mailDomain "${mailDomain}" is not a domain name`);
  if (options.publicUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(options.publicUrl)) {
    throw new Error(`publicUrl "${options.publicUrl}" is not an http(s) URL`);
  }
  if ((options.domainName === undefined) !== (options.certificateArn === undefined)) {
    throw new Error('domainName and certificateArn go together: give both for a custom domain, or neither');
  }
  if (options.domainName !== undefined && !DOMAIN.test(options.domainName)) throw new Error(`domainName "${options.domainName}" is not a domain name`);
  if (options.certificateArn !== undefined && !CERTIFICATE_ARN.test(options.certificateArn)) {
    throw new Error(`certificateArn "${options.certificateArn}" is not the ARN of an ACM certificate`);
  }
  if (options.alarmEmail !== undefined && !EMAIL.test(options.alarmEmail)) throw new Error(`alarmEmail "${options.alarmEmail}" is not an email address`);
  if (options.oidcClientId !== undefined && !/^[A-Za-z0-9._-]{1,200}$/.test(options.oidcClientId)) throw new Error(`oidcClientId "${options.oidcClientId}" is not a client id`);
  if (options.oidcIssuer !== undefined && !/^https:\/\/[^/\s]+/.test(options.oidcIssuer)) throw new Error(`oidcIssuer "${options.oidcIssuer}" is not an https URL`);
  if (options.canaryLinkId !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(options.canaryLinkId)) throw new Error(`canaryLinkId "${options.canaryLinkId}" is not a link id`);
  if (options.monthlyBudgetUsd !== undefined && !(Number.isFinite(options.monthlyBudgetUsd) && options.monthlyBudgetUsd > 0)) {
    throw new Error(`monthlyBudgetUsd "${options.monthlyBudgetUsd}" is not a positive amount of US dollars`);
  }
  const front = options.front;
  let truststore: { bucketName: string; key: string; version?: string } | undefined;
  if (front) {
    if (!options.domainName) throw new Error('The front (edgeCertificateArn) needs domainName and certificateArn: the API custom domain is its origin');
    if (!EDGE_CERTIFICATE_ARN.test(front.edgeCertificateArn)) throw new Error(`edgeCertificateArn "${front.edgeCertificateArn}" is not the ARN of an ACM certificate in ${EDGE_REGION} (CloudFront reads its certificate there)`);
    if (!EDGE_CERTIFICATE_ARN.test(front.originClientCertificateArn)) {
      throw new Error(`originClientCertificateArn "${front.originClientCertificateArn}" is not the ARN of an ACM certificate in ${EDGE_REGION} (CloudFront reads its origin client certificate there)`);
    }
    const uri = S3_URI.exec(front.originTruststoreUri);
    if (!uri) throw new Error(`originTruststoreUri "${front.originTruststoreUri}" is not an s3://<bucket>/<key> URI`);
    truststore = { bucketName: uri[1], key: uri[2], version: front.originTruststoreVersion };
    const region = options.env?.region;
    if (!region || Token.isUnresolved(region)) {
      throw new Error('The front needs the stacks\' region to refer across regions: set CDK_DEFAULT_REGION (the cdk CLI sets it from the profile or AWS_REGION)');
    }
    if (region !== EDGE_REGION && options.certificateArn?.split(':')[3] !== region) {
      throw new Error(`certificateArn must be in the stacks' region ${region} (the API custom domain's); edgeCertificateArn is the ${EDGE_REGION} one`);
    }
  }

  const stateful = new StatefulStack(app, 'DeviceConsentStateful', {
    env: options.env,
    description: 'device-consent: the table and its backups, the mail identity and the service secrets',
    mailDomain,
  });
  const stateless = new StatelessStack(app, 'DeviceConsentStateless', {
    env: options.env,
    description: 'device-consent: functions, HTTP API, the hourly consent status check, the outbox stream consumer, alarms and dashboard',
    table: stateful.table,
    mailIdentity: stateful.mailIdentity,
    mailConfigurationSet: stateful.mailConfigurationSet,
    mailFrom: `no-reply@${mailDomain}`,
    secrets: stateful.secrets,
    statefulStackName: stateful.stackName,
    publicUrl: options.publicUrl,
    customDomain: options.domainName && options.certificateArn ? { domainName: options.domainName, certificateArn: options.certificateArn } : undefined,
    alarmEmail: options.alarmEmail,
    front: truststore ? { truststore } : undefined,
    canaryLinkId: options.canaryLinkId,
    monthlyBudgetUsd: options.monthlyBudgetUsd,
    // The edge stack (us-east-1) reads the custom domain's target through SSM parameters that CDK writes.
    crossRegionReferences: front !== undefined,
    auditArchive: { deliveryStreamName: stateful.auditArchive.deliveryStream.ref, failures: stateful.auditArchive.failures },
    oidc: options.oidcClientId
      ? { issuer: options.oidcIssuer ?? ENTRA_ORGANIZATIONS_ISSUER, clientId: options.oidcClientId, clientSecret: stateful.oidcClientSecret }
      : undefined,
  });

  let edge: EdgeStack | undefined;
  if (front && options.domainName && stateless.api.customDomain) {
    edge = new EdgeStack(app, 'DeviceConsentEdge', {
      env: { account: options.env?.account, region: EDGE_REGION },
      description: 'device-consent: the front, CloudFront with AWS WAF in front of the API custom domain (us-east-1)',
      crossRegionReferences: true,
      domainName: options.domainName,
      certificateArn: front.edgeCertificateArn,
      originDomainName: stateless.api.customDomain.regionalDomainName,
      originClientCertificateArn: front.originClientCertificateArn,
    });
  }

  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless, edge };
}
