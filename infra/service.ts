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
  /** @default the HTTP API's endpoint */
  readonly publicUrl?: string;
  /** Run the cdk-nag AwsSolutions checks at synthesis. @default true */
  readonly nag?: boolean;
}

export interface Service {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

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

  const stateful = new StatefulStack(app, 'DeviceConsentStateful', {
    env: options.env,
    description: 'device-consent: the table, the mail identity and the service secret',
    mailDomain,
  });
  const stateless = new StatelessStack(app, 'DeviceConsentStateless', {
    env: options.env,
    description: 'device-consent: functions, HTTP API, the hourly consent status check and the outbox stream consumer',
    table: stateful.table,
    mailIdentity: stateful.mailIdentity,
    mailFrom: `no-reply@${mailDomain}`,
    secret: stateful.secret,
    publicUrl: options.publicUrl,
  });

  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless };
}
