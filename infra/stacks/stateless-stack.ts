import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { SecretName } from '#shared/config/secrets.ts';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { OUTBOX_KINDS } from '#shared/domain/due-kinds.ts';
import { STREAM_FILTER_PATTERNS } from '#shared/outbox/stream-filter.ts';
import { DeadLetterQueue } from '../constructs/dead-letter-queue.ts';
import { MailEvents } from '../constructs/mail-events.ts';
import { Deployments } from '../constructs/deployments.ts';
import { type AuditArchiveWatch, Monitoring } from '../constructs/monitoring.ts';
import { PageCanary } from '../constructs/page-canary.ts';
import { type FunctionName, ProjectFunction, type ProjectFunctionProps } from '../constructs/project-function.ts';
import { apiFunctions, RouteTableApi, type Truststore } from '../constructs/route-table-api.ts';

/**
 * Concurrency reserved for (and the most allowed to) the functions whose runaway would hurt: the
 * scheduled check (the hourly run and the minute runs may overlap once; more would only contend
 * for the same claims) and the stream consumer (one invocation per shard: the cap keeps a burst of
 * outbox items from sending faster than SES allows or hammering partners' endpoints; records wait
 * in the stream meanwhile, and the minute retry takes over what waits too long).
 */
export const RESERVED_CONCURRENCY = { 'consent-status-check': 2, 'stream-consumer': 10 } as const;

export interface StatelessStackProps extends StackProps {
  /** The single table; it must have a stream (NEW_AND_OLD_IMAGES), which feeds the stream consumer. */
  readonly table: ITableV2;
  readonly mailIdentity: IEmailIdentity;
  /** The configuration set every message is sent through; its events reach the ses-events function. */
  readonly mailConfigurationSet: IConfigurationSet;
  /** The address mail is sent from; its domain is the mail identity's. */
  readonly mailFrom: string;
  /** Large downloads (exports, batch results): written by the functions that answer them, read by presigned URL. */
  readonly statefulStackName: string;
  /** The service's secrets; each function is granted only those of FUNCTION_SECRETS. */
  readonly secrets: Record<SecretName, ISecret>;
  /** Base of the links in emails and answers. @default the custom domain, else the HTTP API's endpoint */
  readonly publicUrl?: string;
  /** Serve the API and pages at this domain with this ACM certificate (same region). @default none */
  readonly customDomain?: { domainName: string; certificateArn: string };
  /**
   * The edge front (EdgeStack) sits in front of the custom domain: the domain then requires
   * mutual TLS with a client certificate of this truststore's CA (CloudFront's). @default no front
   */
  readonly front?: { truststore: Truststore };
  /** A partner's reusable consent link for the canary to open. @default a link that does not exist (its "not valid" page) */
  readonly canaryLinkId?: string;
  /** A monthly cost budget (AWS Budgets, USD) notifying the alarm topic. @default none */
  readonly monthlyBudgetUsd?: number;
  /** An address subscribed to the alarm topic (it must confirm). @default none: subscribe later */
  readonly alarmEmail?: string;
  /**
   * R21: sign-in with the organization's identity provider (Entra ID, multi-tenant): its issuer,
   * the app's client id, and its client secret, which only the pages function may read.
   * @default none: the organization sign-in answers that it is not set up
   */
  readonly oidc?: { issuer: string; clientId: string; clientSecret: ISecret };
  /** Issue 24: the audit archive of the stateful stack, whose delivery and failures are alarmed here (the alarm topic's stack). */
  readonly auditArchive?: AuditArchiveWatch;
}

/**
 * The code: the functions, the HTTP API made from the route table (and its custom domain), the
 * hourly check and the stream consumer, what SES's events reach (ses-events), and what operators
 * watch (alarms, their topic, the dashboard, the dead-letter queues). It holds no data of the
 * service (the dead-letter queues hold failed events for 14 days, for an operator to look at), so
 * it can be redeployed or replaced at any time without touching the stateful stack.
 */
export class StatelessStack extends Stack {
  readonly api: RouteTableApi;
  readonly functions: Record<FunctionName, ProjectFunction>;
  /** Where the stream consumer's event source mapping reports the batches it gave up on. */
  readonly streamFailures: Queue;
  /** Scheduled runs of the check that failed for good (EventBridge could not invoke it, or it failed its retries). */
  readonly checkFailures: DeadLetterQueue;
  /** SES events the ses-events function could not be given, or failed on. */
  readonly sesEventFailures: DeadLetterQueue;
  /** Encrypts the alarm topic and the SES events topic (CloudWatch and SES may use it). */
  readonly notificationsKey: Key;
  readonly mailEvents: MailEvents;
  readonly monitoring: Monitoring;
  /** Opens the public pages every 5 minutes. */
  readonly canary: PageCanary;
  /** CodeDeploy's deployment group of each function: how its alias moves to a new version, and its rollback alarms. */
  readonly deployments: Deployments;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, secrets, mailIdentity, mailFrom, mailConfigurationSet } = props;

    if (props.front && !props.customDomain) throw new Error('The edge front needs the custom domain as its origin');
    this.api = new RouteTableApi(this, 'Api', {
      customDomain: props.customDomain ? { ...props.customDomain, truststore: props.front?.truststore } : undefined,
    });
    const publicUrl = props.publicUrl ?? this.api.publicEndpoint;

    const make = (name: FunctionName, options: Omit<ProjectFunctionProps, 'name' | 'publicUrl'>) =>
      new ProjectFunction(this, name, { name, publicUrl, ...options });

    this.functions = {
      authorizer: make('authorizer', {
        description: 'HTTP API authorizer: states the caller (operator, partner or anonymous) for the function',
        memorySize: 256,
        timeout: Duration.seconds(5),
      })
        .bindTable(table)
        .bindSecrets(secrets),
      // The consent-status check on demand reads the due index's 69 partitions (issue 26): the HTTP
      // API's whole 30 s, as the other APIs have, rather than the default 10 s.
      'ops-api': make('ops-api', { description: 'Operator API: partners, API keys, tenants, users, audit', timeout: Duration.seconds(29) })
        .bindTable(table, { write: true })
        .bindSecrets(secrets),
      // The API and the pages send no mail themselves: what a change sends leaves through the
      // table's stream (the stream consumer), so neither may send email.
      // A synchronous registration of 1000 devices is about 45 transactions (`npm run bench`): the
      // timeout the HTTP API allows (30 s), not the default, so it always finishes inside it.
      'partner-api': make('partner-api', { description: 'Partner API', timeout: Duration.seconds(29) })
        .bindTable(table, { write: true })
        .bindSecrets(secrets)
        .bindDownloads(props.statefulStackName),
      // R23-R25: a tenant's own API; an export of 100,000 devices streams into the downloads
      // bucket, so it gets the HTTP API's whole 30 s and the memory to stream parts of 8 MB.
      'customer-api': make('customer-api', { description: 'Customer API: a tenant\'s devices, their export and release', timeout: Duration.seconds(29), memorySize: 1024 })
        .bindTable(table, { write: true })
        .bindSecrets(secrets)
        .bindDownloads(props.statefulStackName),
      pages: make('pages', { description: 'Consent pages for tenant administrators', timeout: Duration.seconds(29) })
        .bindTable(table, { write: true })
        .bindSecrets(secrets)
        .bindDownloads(props.statefulStackName),
      // R32: the partner portal, apart from the customer pages: its own sessions, its own grants.
      // A device file goes from the browser straight to the bucket (a presigned POST under uploads/)
      // and is imported by the outbox workers; a batch's results CSV streams into the downloads bucket.
      'partner-portal': make('partner-portal', { description: "Partner portal: a partner's people sign in and work with pages", timeout: Duration.seconds(29), memorySize: 1024 })
        .bindTable(table, { write: true })
        .bindSecrets(secrets)
        .bindDownloads(props.statefulStackName)
        .bindUploads(props.statefulStackName, 'presign'),
      'consent-status-check': make('consent-status-check', {
        description: 'Hourly: expires and reminds consent requests that are due',
        timeout: Duration.minutes(5),
        // It retries a portal upload's import too (R32): a file of up to 1 GiB is read whole.
        memorySize: 4096,
        reservedConcurrency: RESERVED_CONCURRENCY['consent-status-check'],
      })
        .bindTable(table, { write: true })
        .bindSecrets(secrets)
        .bindMail(mailIdentity, mailFrom, mailConfigurationSet)
        .bindUploads(props.statefulStackName, 'read'),
      // One batch holds up to 10 outbox items (see the event source below), each an email or a
      // webhook attempt that times out after 5 s; a portal upload's import (R32) reads a file of up
      // to 1 GiB whole and stages 100,000 rows (about a minute): 5 minutes (its lease is 6) and 4 GB.
      'stream-consumer': make('stream-consumer', {
        description: "Sends the outbox's emails and webhooks as the table's stream reports them",
        timeout: Duration.minutes(5),
        memorySize: 4096,
        reservedConcurrency: RESERVED_CONCURRENCY['stream-consumer'],
      })
        .bindTable(table, { write: true })
        .bindSecrets(secrets)
        .bindMail(mailIdentity, mailFrom, mailConfigurationSet)
        .bindUploads(props.statefulStackName, 'read'),
      // Writes suppressions (and a bounced request's email state); reads no secret, sends nothing.
      'ses-events': make('ses-events', {
        description: "SES events of the service's mail: counts them, suppresses hard-bounced and complaining addresses",
        memorySize: 256,
        timeout: Duration.seconds(30),
      }).bindTable(table, { write: true }),
    };

    // R21, R32: the pages and the partner portal alone sign in with the identity provider (the
    // same client), and alone read its client secret.
    if (props.oidc) {
      for (const fn of [this.functions.pages, this.functions['partner-portal']]) {
        props.oidc.clientSecret.grantRead(fn.role);
        fn.setEnv('OIDC_ISSUER', props.oidc.issuer).setEnv('OIDC_CLIENT_ID', props.oidc.clientId).setEnv('OIDC_SECRET_ARN', props.oidc.clientSecret.secretArn);
      }
    }

    // Every invoker names the live alias, so a new version takes traffic only as CodeDeploy shifts it.
    this.api.addRouteTable({
      functionFor: (fn) => this.functions[fn].alias,
      authorizer: this.functions.authorizer.alias,
    });

    // A scheduled run lost for good lands here: EventBridge could not invoke the function (target
    // dead-letter queue), or the function failed its retries (its on-failure destination).
    this.checkFailures = new DeadLetterQueue(this, 'CheckFailures', {
      purpose:
        'a scheduled run of the consent-status check was lost (EventBridge could not invoke it, or it failed 3 times). The next run catches up (every item stays due); find the cause in its log (ERROR lines, the requestContext of the message), then purge the queue.',
    });
    const check = this.functions['consent-status-check'];
    check.sendAsyncFailuresTo(this.checkFailures.queue, { retryAttempts: 2, maxEventAge: Duration.hours(1) });

    new Rule(this, 'ConsentStatusCheckSchedule', {
      description: 'Runs the consent status check every hour',
      schedule: Schedule.rate(Duration.hours(1)),
      // The next run retries anyway; a run older than an hour is superseded by the next one.
      targets: [new LambdaFunction(check.alias, { retryAttempts: 2, maxEventAge: Duration.hours(1), deadLetterQueue: this.checkFailures.queue })],
    });
    // The outbox alone (emails and webhooks due for a retry), every minute, so their back-off of
    // minutes is kept; idle, it costs two Query calls.
    new Rule(this, 'OutboxRetrySchedule', {
      description: 'Retries due emails and webhooks every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [
        new LambdaFunction(check.alias, {
          event: RuleTargetInput.fromObject({ kinds: OUTBOX_KINDS }),
          retryAttempts: 0,
          maxEventAge: Duration.minutes(2),
          deadLetterQueue: this.checkFailures.queue,
        }),
      ],
    });

    // Batches the event source mapping gave up on (retries or record age exhausted). For a
    // DynamoDB stream Lambda sends the batch's shard and sequence numbers, not the items; the
    // outbox items themselves stay due in the table, and the minute retry above sends them.
    this.streamFailures = new Queue(this, 'StreamConsumerFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.streamFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the failure destination (on-failure destination of the stream consumer's event source mapping); nothing consumes it automatically, so a dead-letter queue of its own would only move the same messages again.",
    });

    // The fast path of the outbox: a new outbox item is sent within seconds of its insertion,
    // instead of at the next minute retry, which remains the backstop for anything that fails here.
    this.functions['stream-consumer'].alias.addEventSource(
      new DynamoEventSource(table, {
        // Every record still in the stream (24 h) when the mapping is created, so an outbox item
        // written during a deployment is not skipped.
        startingPosition: StartingPosition.TRIM_HORIZON,
        // Small batches, gathered for at most 1 s: latency of seconds, and a batch that fits the
        // function's timeout even when every webhook waits its full 5 s.
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        // Only inserted outbox items wake the function (the same patterns the local poller applies).
        filters: STREAM_FILTER_PATTERNS.map((pattern) => FilterCriteria.filter(pattern)),
        // The handler names the records that failed, so only they (and those after them) are
        // retried; a batch that fails as a whole is halved to isolate the record at fault.
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        // Bounded: a record that keeps failing must not block its shard for the stream's 24 hours.
        // Its outbox item stays due in the table, and the minute retry takes it over with back-off.
        retryAttempts: 5,
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(this.streamFailures),
      }),
    );

    // Alarms and SES events are encrypted at rest with a key of the service's own: AWS managed keys
    // cannot be used by CloudWatch or SES to publish. It only protects messages in flight, so it
    // goes with the stack (after AWS's waiting period).
    this.notificationsKey = new Key(this, 'NotificationsKey', {
      description: 'device-consent: encrypts the alarm topic and the SES events topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.notificationsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchPublishesAlarms',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }),
    );

    this.sesEventFailures = new DeadLetterQueue(this, 'SesEventFailures', {
      purpose:
        "an SES event (bounce, complaint, delivery) could not be given to ses-events, or it failed on it 3 times, so an address may not be suppressed. Read the message (the SNS record of the SES event, or Lambda's record with requestPayload), fix the cause, and invoke ses-events again with the event.",
    });
    this.mailEvents = new MailEvents(this, 'MailEvents', {
      configurationSet: mailConfigurationSet,
      key: this.notificationsKey,
      handler: this.functions['ses-events'],
      failures: this.sesEventFailures,
    });

    // What users open first, from outside, every 5 minutes: through the front when there is one.
    this.canary = new PageCanary(this, 'PagesCanary', { baseUrl: publicUrl, linkId: props.canaryLinkId });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: this.functions,
      api: this.api,
      authorizer: this.functions.authorizer,
      canary: this.canary,
      monthlyBudgetUsd: props.monthlyBudgetUsd,
      streamConsumer: this.functions['stream-consumer'],
      deadLetterQueues: {
        StreamConsumerFailures: {
          queue: this.streamFailures,
          purpose:
            'the stream consumer gave up on a batch of stream records (retries or record age exhausted). The message holds shard and sequence numbers only; the outbox items stay due and the minute retry sends them. Check the consumer log for the failure, then purge the queue.',
        },
        CheckFailures: this.checkFailures,
        SesEventFailures: this.sesEventFailures,
        ...(props.auditArchive ? { AuditArchiveFailures: props.auditArchive.failures } : {}),
      },
      auditArchive: props.auditArchive,
      key: this.notificationsKey,
      alarmEmail: props.alarmEmail,
    });

    // What answers people shifts 10 % first and waits 5 minutes; what events invoke goes at once.
    const servesUsers = new Set<string>([...apiFunctions(), 'authorizer']);
    this.deployments = new Deployments(this, 'Deployments', {
      functions: Object.values(this.functions).map((fn) => ({
        fn,
        rollout: servesUsers.has(fn.name) ? ('canary' as const) : ('all-at-once' as const),
        alarms: this.monitoring.rollbackAlarmsOf(fn.name),
      })),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API ($default stage)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn, description: 'Subscribe operators here (email, chat, paging)' });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName, description: 'The CloudWatch dashboard of the service' });
    if (this.api.customDomain) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: this.api.customDomain.regionalDomainName,
        description: props.front
          ? `The front's origin (mutual TLS: it answers CloudFront only): point ${props.customDomain?.domainName} at the edge stack's FrontDomainName instead`
          : `Point ${props.customDomain?.domainName} here (CNAME, or an alias A/AAAA record in the hosted zone below)`,
      });
      new CfnOutput(this, 'CustomDomainHostedZoneId', { value: this.api.customDomain.regionalHostedZoneId, description: 'For an alias record to the custom domain' });
    }
  }
}
