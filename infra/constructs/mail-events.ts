import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { ConfigurationSetEventDestination, EmailSendingEvent, EventDestination, type IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { DeadLetterQueue } from './dead-letter-queue.ts';
import type { ProjectFunction } from './project-function.ts';

export interface MailEventsProps {
  /** The configuration set every message is sent through (the stateful stack's). */
  readonly configurationSet: IConfigurationSet;
  /** The customer managed key of the topic (SES must be allowed to use it: granted here). */
  readonly key: IKey;
  /** The ses-events function. */
  readonly handler: ProjectFunction;
  /** Where an event goes that could not be delivered to the function, or that it failed on. */
  readonly failures: DeadLetterQueue;
}

/** The SES events the service acts on. */
export const MAIL_EVENTS = [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY];

/**
 * SES's events for the mail the service sends: the configuration set's event destination publishes
 * bounces, complaints and deliveries to an SNS topic (encrypted, TLS only), which invokes the
 * ses-events function (suppression, metrics). An event SNS cannot deliver goes to the
 * subscription's dead-letter queue; one the function fails on, after Lambda's retries, to its
 * on-failure destination: the same queue, watched by an alarm.
 */
export class MailEvents extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: MailEventsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // SES encrypts what it publishes with the topic's key: only for this account's SES resources.
    props.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SesPublishesMailEvents',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:ses:${stack.region}:${stack.account}:*` },
        },
      }),
    );

    this.topic = new Topic(this, 'Topic', { displayName: 'device-consent SES events', masterKey: props.key, enforceSSL: true });

    // Adds the topic policy that lets SES publish for this configuration set only.
    new ConfigurationSetEventDestination(this, 'EventDestination', {
      configurationSet: props.configurationSet,
      destination: EventDestination.snsTopic(this.topic),
      events: MAIL_EVENTS,
    });

    const subscription = this.topic.addSubscription(new LambdaSubscription(props.handler.alias, { deadLetterQueue: props.failures.queue }));
    Validations.of(subscription).acknowledge({
      id: 'CloudFormation-Validate::W3694',
      reason:
        "The endpoint is the ses-events function's live alias (a qualified function ARN), which SNS invokes like the function itself: events reach only the version CodeDeploy has shifted the alias to.",
    });
    // A notification is worth retrying (the table was busy); after that an operator looks at it.
    props.handler.sendAsyncFailuresTo(props.failures.queue, { retryAttempts: 2, maxEventAge: Duration.hours(6) });
  }
}
