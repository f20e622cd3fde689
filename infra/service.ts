import { type App, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
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
  /** Run the cdk-nag AwsSolutions checks at synthesis. @default true */
  readonly nag?: boolean;
}

export interface Service {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** Entra ID, any organization's accounts (multi-tenant); its discovery document's issuer is the `{tenantid}` template. */
export const ENTRA_ORGANIZATIONS_ISSUER = 'https://login.microsoftonline.com/organizations/v2.0';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Adds the service to an app: the stateful stack (table, mail identity, secret) and the stateless
 * stack (functions, HTTP API, schedules, stream consumer) that receives them, and registers the
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
    publicUrl: options.publicUrl,
    customDomain: options.domainName && options.certificateArn ? { domainName: options.domainName, certificateArn: options.certificateArn } : undefined,
    alarmEmail: options.alarmEmail,
    oidc: options.oidcClientId
      ? { issuer: options.oidcIssuer ?? ENTRA_ORGANIZATIONS_ISSUER, clientId: options.oidcClientId, clientSecret: stateful.oidcClientSecret }
      : undefined,
  });

  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless };
}
