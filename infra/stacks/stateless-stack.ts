import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { OUTBOX_KINDS } from '../../shared/domain/due-kinds.ts';
import { STREAM_FILTER_PATTERNS } from '../../shared/outbox/stream-filter.ts';
import { type FunctionName, ProjectFunction, type ProjectFunctionProps } from '../constructs/project-function.ts';
import { RouteTableApi } from '../constructs/route-table-api.ts';

export interface StatelessStackProps extends StackProps {
  /** The single table; it must have a stream (NEW_AND_OLD_IMAGES), which feeds the stream consumer. */
  readonly table: ITableV2;
  readonly mailIdentity: IEmailIdentity;
  /** The address mail is sent from; its domain is the mail identity's. */
  readonly mailFrom: string;
  /** The service secret, JSON `{opsToken, cursorKey, sessionKey, webhookKey}`. */
  readonly secret: ISecret;
  /** Base of the links in emails and answers. @default the HTTP API's endpoint */
  readonly publicUrl?: string;
}

/**
 * The code: the functions, the HTTP API made from the route table, the hourly check and the
 * stream consumer. It holds no data of the service (the on-failure queue only holds pointers to
 * stream records), so it can be redeployed or replaced at any time without touching the stateful
 * stack.
 */
export class StatelessStack extends Stack {
  readonly api: RouteTableApi;
  readonly functions: Record<FunctionName, ProjectFunction>;
  /** Where the stream consumer's event source mapping reports the batches it gave up on. */
  readonly streamFailures: Queue;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, secret, mailIdentity, mailFrom } = props;

    this.api = new RouteTableApi(this, 'Api');
    const publicUrl = props.publicUrl ?? this.api.endpoint;

    const make = (name: FunctionName, options: Omit<ProjectFunctionProps, 'name' | 'publicUrl'>) =>
      new ProjectFunction(this, name, { name, publicUrl, ...options });

    this.functions = {
      authorizer: make('authorizer', {
        description: 'HTTP API authorizer: states the caller (operator, partner or anonymous) for the function',
        memorySize: 256,
        timeout: Duration.seconds(5),
      })
        .bindTable(table)
        .bindSecret(secret),
      'ops-api': make('ops-api', { description: 'Operator API: partners, API keys, tenants, users, audit' })
        .bindTable(table, { write: true })
        .bindSecret(secret),
      // The API and the pages send no mail themselves: what a change sends leaves through the
      // table's stream (the stream consumer), so neither may send email.
      'partner-api': make('partner-api', { description: 'Partner API' })
        .bindTable(table, { write: true })
        .bindSecret(secret),
      pages: make('pages', { description: 'Consent pages for tenant administrators' })
        .bindTable(table, { write: true })
        .bindSecret(secret),
      'consent-status-check': make('consent-status-check', {
        description: 'Hourly: expires and reminds consent requests that are due',
        timeout: Duration.minutes(5),
      })
        .bindTable(table, { write: true })
        .bindSecret(secret)
        .bindMail(mailIdentity, mailFrom),
      // One batch holds up to 10 outbox items (see the event source below), each an email or a
      // webhook attempt that times out after 5 s: 2 minutes leaves room for a slow batch.
      'stream-consumer': make('stream-consumer', {
        description: "Sends the outbox's emails and webhooks as the table's stream reports them",
        timeout: Duration.minutes(2),
      })
        .bindTable(table, { write: true })
        .bindSecret(secret)
        .bindMail(mailIdentity, mailFrom),
    };

    this.api.addRouteTable({
      functionFor: (fn) => this.functions[fn].function,
      authorizer: this.functions.authorizer.function,
    });

    new Rule(this, 'ConsentStatusCheckSchedule', {
      description: 'Runs the consent status check every hour',
      schedule: Schedule.rate(Duration.hours(1)),
      // The next run retries anyway; a run older than an hour is superseded by the next one.
      targets: [new LambdaFunction(this.functions['consent-status-check'].function, { retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });
    // The outbox alone (emails and webhooks due for a retry), every minute, so their back-off of
    // minutes is kept; idle, it costs two Query calls.
    new Rule(this, 'OutboxRetrySchedule', {
      description: 'Retries due emails and webhooks every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [
        new LambdaFunction(this.functions['consent-status-check'].function, {
          event: RuleTargetInput.fromObject({ kinds: OUTBOX_KINDS }),
          retryAttempts: 0,
          maxEventAge: Duration.minutes(2),
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
    this.functions['stream-consumer'].function.addEventSource(
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

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API ($default stage)' });
  }
}
