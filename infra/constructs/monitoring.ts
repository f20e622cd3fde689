import { Duration, Stack } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  LogQueryWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type RouteSpec, routes } from '#shared/http/routes.ts';
import { DEVICE_CODE_DIMENSION, METRIC, METRICS_NAMESPACE, type MetricName, SERVICE_DIMENSIONS } from '#shared/observability/metric-names.ts';
import type { PageCanary } from './page-canary.ts';
import type { FunctionName, ProjectFunction } from './project-function.ts';
import { apiFunctions, type RouteTableApi, routeKeyPatternsOf } from './route-table-api.ts';

export interface MonitoringProps {
  /**
   * Every function of the service: each gets an errors alarm and a throttles alarm; those that
   * serve routes (the route table's `fn`s) a p99 latency alarm and a 5xx alarm of their own.
   */
  readonly functions: Record<string, ProjectFunction>;
  readonly api: RouteTableApi;
  /** The Lambda authorizer: it runs before every partner and operator call, so its p99 latency is watched too. */
  readonly authorizer: ProjectFunction;
  /** The canary that opens the public pages every 5 minutes: alarmed when its runs fail. */
  readonly canary: PageCanary;
  /** An AWS Budgets cost budget for the month, in USD, that notifies the alarm topic. @default none */
  readonly monthlyBudgetUsd?: number;
  /** The function fed by the table's stream: its iterator age is watched. */
  readonly streamConsumer: ProjectFunction;
  /** Every dead-letter queue and on-failure destination, by name: each alarms on its first message. */
  readonly deadLetterQueues: Record<string, { queue: IQueue; purpose: string }>;
  /** The customer managed key that encrypts the alarm topic (CloudWatch may use it). */
  readonly key: IKey;
  /** Subscribed to the alarm topic by email (confirmed from the first message). @default none */
  readonly alarmEmail?: string;
  /** Issue 24: the audit archive's Firehose stream: its deliveries to S3 are alarmed. @default none */
  readonly auditArchive?: AuditArchiveWatch;
}

/** What the alarms of the audit archive (stateful stack) watch. */
export interface AuditArchiveWatch {
  /** The Firehose delivery stream's name. */
  readonly deliveryStreamName: string;
  /** The pipe's dead-letter queue (records it gave up on): alarmed with the other dead-letter queues. */
  readonly failures: { queue: IQueue; purpose: string };
}

/** Thresholds, each explained where it is used and in README "Operations". */
export const THRESHOLDS = {
  /** 5xx answers in 5 minutes. */
  api5xx: 5,
  /** Seconds the oldest due email or webhook may wait before the alarm (the minute retry keeps it under 2 minutes). */
  outboxOldestDueAgeSeconds: 600,
  /** Milliseconds the stream consumer may lag behind the table's stream. */
  streamIteratorAgeMs: 5 * 60 * 1000,
  /** Seconds the oldest audit event may wait in Firehose before the alarm: its buffer holds 5 minutes, so 15 is a stall. */
  archiveDataFreshnessSeconds: 900,
  /** Half the rates at which AWS puts an SES account under review (bounces 5 %, complaints 0.1 %). */
  sesBounceRate: 0.025,
  sesComplaintRate: 0.0005,
} as const;

const FIVE_MINUTES = Duration.minutes(5);

/** A p99 latency threshold and where it comes from: bench/results.json rows (`npm run bench`) and what else it allows for. */
export interface LatencyBudget {
  readonly ms: number;
  readonly basis: string;
  /** The rows of bench/results.json this function serves; the threshold is at least 3x the slowest (test/infra/monitoring.test.ts). */
  readonly benchRows: readonly string[];
}

/**
 * p99 of each function that answers users (Lambda Duration, without the cold start's init),
 * from the bench's figures. Measured against DynamoDB Local on a 2-core machine: DynamoDB's own
 * calls are of the same order, so a p99 several times the median is a real slowdown.
 */
export const LATENCY_P99: Partial<Record<FunctionName, LatencyBudget>> = {
  authorizer: {
    ms: 1000,
    basis: 'one GetItem of the API key, or a hash of the operator token: `GET /v1/me`, with the partner read after it, takes 2 requests and 15 ms end to end',
    benchRows: ['me'],
  },
  'ops-api': {
    ms: 15000,
    basis: 'the slowest operator call runs the consent-status check on demand: 4.1 s for 100 due items among 100,000 on DynamoDB Local under load (since issue 26 the outbox is read as 65 shards in parallel; 0.9 s before, on a quiet machine); every other call is a few reads',
    benchRows: ['scheduledCheck100Due', 'idleCheck'],
  },
  'partner-api': {
    ms: 15000,
    basis: 'a synchronous registration of 1,000 devices takes 7.7 s (README, Performance): twice that, and half the 29 s timeout; validating 1,000 devices takes 0.42 s, the other calls tens of ms',
    benchRows: ['me', 'validate1000', 'listCustomers', 'createConsentRequest', 'consentCheckTenantIds100', 'consentCheckDomains100'],
  },
  'customer-api': {
    ms: 27000,
    basis: 'a page of 100 devices is one Query (23 ms); an export of 20,000 devices takes 3.5 s and one of a whole 150,000-device tenant 23.3 s (bench, tenantExport): the alarm sits just under the 29 s timeout, so a large export is no rollback, a timing-out one is',
    benchRows: ['tenantDevicesPage', 'tenantExport'],
  },
  pages: {
    ms: 2000,
    basis: 'a consent page or an acceptance takes 2-3 round trips, 16-31 ms; the organization sign-in also waits on Entra ID (token endpoint, keys), which the bench does not measure',
    benchRows: ['acceptConsent', 'openConsentPageSignedIn', 'acceptConsentReseller', 'openConsentPageSignedInReseller'],
  },
  // R32: a portal page reads its session, then its person and partner in one batch, as a signed-in
  // consent page does; the organization sign-in also waits on Entra ID.
  'partner-portal': {
    ms: 2000,
    basis: "a portal page is 2-3 round trips like a signed-in consent page (16-31 ms); the organization sign-in also waits on Entra ID, which the bench does not measure",
    benchRows: ['openConsentPageSignedIn', 'acceptConsent'],
  },
};

/** For a function that serves routes but has no figure yet (a new API): its alarm exists from its first deployment. */
export const DEFAULT_LATENCY_P99: LatencyBudget = { ms: 3000, basis: 'no bench figure yet for this function', benchRows: [] };

/** Namespace of the per-API metrics made from the API's access log. */
export const API_METRICS_NAMESPACE = `${METRICS_NAMESPACE}/Api`;

/** The percentages of the monthly budget that notify: what was spent, and what AWS forecasts for the month. */
export const BUDGET_NOTIFICATIONS = { actualPercent: 80, forecastedPercent: 100 } as const;

/**
 * What operators watch: one SNS topic (encrypted with the given key, TLS only) that every alarm
 * notifies, in alarm and back to OK; the alarms; and one dashboard. Alarm names start with the
 * stack's name; each description says what it means and what to do (README "Operations").
 *
 * Besides each function's errors and throttles and the service's own metrics: what users feel,
 * per API (every function of the route table, and the authorizer): its p99 latency against a
 * threshold from the bench (LATENCY_P99) and its 5xx answers; the canary opening the public pages;
 * and, when given an amount, a monthly cost budget. `rollbackAlarmsOf` gives CodeDeploy the
 * alarms that roll a function's deployment back.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Record<string, Alarm> = {};
  readonly dashboard: Dashboard;
  private readonly authorizerName: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.authorizerName = props.authorizer.name;

    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'device-consent alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    // CloudWatch publishes the alarms of this account only (the key policy lets it encrypt them).
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
        },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const custom = (name: MetricName, statistic: string, period = FIVE_MINUTES) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { ...SERVICE_DIMENSIONS }, statistic, period });

    // Functions: any error (an uncaught one: the HTTP chain answers 500 itself, the consumer reports
    // failed records) and any throttle (the reserved concurrency of the check and the consumer reached).
    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}-Errors`, {
        metric: fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        description: `The ${name} function failed (threw, timed out or could not start) in the last 5 minutes. Look up its log group for level ERROR; every line names its correlation_id.`,
      });
      this.alarm(`${name}-Throttles`, {
        metric: fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        description: `Invocations of ${name} were throttled: its reserved concurrency or the account's concurrency is used up. Check for a runaway (a burst of outbox items, a loop) before raising the limit.`,
      });
    }

    this.alarm('Api5xx', {
      metric: props.api.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: THRESHOLDS.api5xx,
      description: `The HTTP API answered ${THRESHOLDS.api5xx} or more 5xx in 5 minutes. Find them in the API access log (status 5xx, requestId) and the function's ERROR lines with that correlation_id.`,
    });

    // What users feel, per API: each function that serves routes (so a new one in the route table
    // gets its alarms by existing) and the authorizer in front of partner and operator calls.
    const latencyWatched = [...apiFunctions(), props.authorizer.name];
    for (const name of latencyWatched) {
      const fn = props.functions[name];
      if (!fn) throw new Error(`Monitoring: no function ${name} for the route table`);
      const budget = LATENCY_P99[name] ?? DEFAULT_LATENCY_P99;
      this.alarm(`${name}-LatencyP99`, {
        metric: fn.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
        threshold: budget.ms,
        description: `The ${name} function's p99 duration reached ${budget.ms} ms over 5 minutes (${budget.basis}). During a deployment CodeDeploy rolls the function back; otherwise look at its X-Ray traces and the table's throttles, and at what changed.`,
      });
    }
    // A 5xx per API, from the access log (API Gateway's own metrics per route would cost a metric a
    // route): the chain answers every expected failure as 4xx, so a 5xx is a defect or an outage.
    for (const name of apiFunctions()) {
      const routeKeys = routeKeyPatternsOf(name).map((pattern) => `$.routeKey = "${pattern}"`);
      const filter = new MetricFilter(this, `${name}-5xxFilter`, {
        logGroup: props.api.accessLogGroup,
        filterPattern: FilterPattern.literal(`{ (${routeKeys.join(' || ')}) && $.status = "5*" }`),
        metricNamespace: API_METRICS_NAMESPACE,
        metricName: `${name}-5xx`,
        metricValue: '1',
      });
      this.alarm(`${name}-5xx`, {
        metric: filter.metric({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        description: `The ${name} API answered a 5xx in the last 5 minutes. During a deployment CodeDeploy rolls it back. Find the line in the API access log (status 5xx, its routeKey and requestId), then the function's ERROR lines with that correlation_id.`,
      });
    }

    this.alarm('PagesCanary', {
      metric: props.canary.canary.metricSuccessPercent({ period: FIVE_MINUTES, statistic: 'Average' }),
      threshold: 100,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      // The canary runs every 5 minutes: no data means it stopped.
      treatMissingData: TreatMissingData.BREACHING,
      description: `Two runs in a row of the canary failed, or it stopped running: it opens ${props.canary.checks.map((check) => check.path).join(', ')} every 5 minutes. Open the canary in the CloudWatch console (Application Signals, Synthetics): the failed step, its screenshot and log; then the API access log and the function's ERROR lines at that time.`,
    });

    this.alarm('OutboxBacklog', {
      metric: custom(METRIC.outboxOldestDueAge, 'Maximum'),
      threshold: THRESHOLDS.outboxOldestDueAgeSeconds,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      // Published every minute by the outbox retry: silence means the check is not running.
      treatMissingData: TreatMissingData.BREACHING,
      description: `An email or webhook has been due for more than ${THRESHOLDS.outboxOldestDueAgeSeconds / 60} minutes, or the consent-status check stopped publishing (it runs every minute). Check the consent-status-check function (errors, throttles, its CheckFailures queue) and SES sending.`,
    });

    this.alarm('StreamConsumerLag', {
      metric: props.streamConsumer.function.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: THRESHOLDS.streamIteratorAgeMs,
      description: 'The stream consumer is more than 5 minutes behind the table stream: emails, webhooks and batch tasks leave late. Check its errors and throttles; the minute retry still sends what is due.',
    });

    for (const [name, dlq] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}-DeadLetters`, {
        metric: dlq.queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 1,
        description: `${name} holds a message: ${dlq.purpose}`,
      });
    }

    if (props.auditArchive) this.addAuditArchiveAlarms(props.auditArchive.deliveryStreamName);

    const ses = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    this.alarm('SesBounceRate', {
      metric: ses('Reputation.BounceRate'),
      threshold: THRESHOLDS.sesBounceRate,
      description: `The account's SES bounce rate is ${THRESHOLDS.sesBounceRate * 100} % or more (AWS reviews the account at 5 %, pauses sending at 10 %). Bounced addresses are suppressed automatically; look for a partner sending requests to made-up addresses (audit, ConsentsRequested).`,
    });
    this.alarm('SesComplaintRate', {
      metric: ses('Reputation.ComplaintRate'),
      threshold: THRESHOLDS.sesComplaintRate,
      description: `The account's SES complaint rate is ${THRESHOLDS.sesComplaintRate * 100} % or more (AWS reviews the account at 0.1 %). Complaining addresses are suppressed automatically; look for a partner sending unwanted requests.`,
    });

    this.alarm('BatchStuck', {
      metric: custom(METRIC.batchesStuck, 'Maximum'),
      threshold: 1,
      description: 'A device batch has been processing without progress for 15 minutes. Check the stream consumer (errors, throttles, lag) and the batch tasks due in the table; the minute retry works tasks the consumer left.',
    });

    this.alarm('EmailsFailed', {
      metric: custom(METRIC.emailsFailed, 'Sum'),
      threshold: 1,
      description: 'An email failed for good after all its attempts: SES refused it repeatedly (throttling, the sandbox, the identity unverified). Check the stream consumer and check logs for "email not sent" and the SES account status.',
    });

    if (props.monthlyBudgetUsd !== undefined) this.addBudget(props.monthlyBudgetUsd, props.key);

    this.dashboard = this.makeDashboard(props, custom);
  }

  /**
   * A monthly cost budget of the account (AWS Budgets), notifying the alarm topic when the actual
   * cost passes 80 % of it and when AWS forecasts the month to pass it. Budgets publishes to the
   * topic, and encrypts with its key, for this account's budgets only.
   */
  private addBudget(amountUsd: number, key: IKey): void {
    const stack = Stack.of(this);
    const budgetsOfThisAccount = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:budgets::${stack.account}:*` },
    };
    const topicPolicy = this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: budgetsOfThisAccount,
      }),
    );
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'BudgetsPublishesCostAlerts',
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: budgetsOfThisAccount,
      }),
    );
    const subscribers = [{ subscriptionType: 'SNS', address: this.topic.topicArn }];
    const budget = new CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName: `${stack.stackName}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: amountUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: BUDGET_NOTIFICATIONS.actualPercent, thresholdType: 'PERCENTAGE' },
          subscribers,
        },
        {
          notification: { notificationType: 'FORECASTED', comparisonOperator: 'GREATER_THAN', threshold: BUDGET_NOTIFICATIONS.forecastedPercent, thresholdType: 'PERCENTAGE' },
          subscribers,
        },
      ],
    });
    // Budgets checks that it may publish when the subscription is made.
    if (topicPolicy.policyDependable) budget.node.addDependency(topicPolicy.policyDependable);
  }

  /**
   * Issue 24: the audit archive's Firehose stream. A failed put to S3 (the bucket's policy, a
   * lock, S3 itself) is retried by Firehose for 24 hours and shows as a success ratio below 1; a
   * stalled stream shows as the age of its oldest record. The pipe's dead-letter queue (records it
   * gave up on) is among the dead-letter queues.
   */
  private addAuditArchiveAlarms(deliveryStreamName: string): void {
    const firehose = (metricName: string, statistic: string) =>
      new Metric({ namespace: 'AWS/Firehose', metricName, dimensionsMap: { DeliveryStreamName: deliveryStreamName }, statistic, period: FIVE_MINUTES });
    this.alarm('AuditArchiveDeliveryFailed', {
      metric: firehose('DeliveryToS3.Success', 'Minimum'),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      description:
        "Firehose failed to put audit events into the audit archive bucket in the last 5 minutes (it retries for 24 hours). Read the Firehose stream's log group (S3Delivery) for the error: the role, the bucket policy or S3; records it could not partition are under errors/ in the bucket.",
    });
    this.alarm('AuditArchiveStalled', {
      metric: firehose('DeliveryToS3.DataFreshness', 'Maximum'),
      threshold: THRESHOLDS.archiveDataFreshnessSeconds,
      description: `An audit event has waited in the archive's Firehose stream for more than ${THRESHOLDS.archiveDataFreshnessSeconds / 60} minutes (its buffer holds 5): deliveries to S3 are failing or stalled. Read the stream's log group (S3Delivery) and the AuditArchiveDeliveryFailed alarm.`,
    });
  }

  /**
   * The alarms that roll a deployment of `name` back: its errors; for what serves routes, its p99
   * latency and its API's 5xx; for the authorizer, its p99 latency and the 5xx of every API it
   * guards (a failing authorizer answers 500 on their routes).
   */
  rollbackAlarmsOf(name: string): Alarm[] {
    const ids = [`${name}-Errors`, `${name}-LatencyP99`, `${name}-5xx`];
    if (name === this.authorizerName) {
      const guarded = new Set((Object.values(routes) as RouteSpec[]).filter((spec) => spec.auth !== 'none').map((spec) => spec.fn));
      ids.push(...[...guarded].map((fn) => `${fn}-5xx`));
    }
    return ids.flatMap((id) => (this.alarms[id] ? [this.alarms[id]] : []));
  }

  private alarm(
    id: string,
    options: {
      metric: IMetric;
      threshold: number;
      description: string;
      evaluationPeriods?: number;
      datapointsToAlarm?: number;
      treatMissingData?: TreatMissingData;
      /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
      comparisonOperator?: ComparisonOperator;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${Stack.of(this).stackName}-${id}`,
      alarmDescription: `${options.description} (README: Operations)`,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      datapointsToAlarm: options.datapointsToAlarm,
      treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms[id] = alarm;
    return alarm;
  }

  private makeDashboard(props: MonitoringProps, custom: (name: MetricName, statistic: string) => Metric): Dashboard {
    const stack = Stack.of(this);
    const sum = (...names: MetricName[]) => names.map((name) => custom(name, 'Sum'));
    const byCode = (name: MetricName) =>
      new MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},service,${DEVICE_CODE_DIMENSION}} MetricName="${name}"', 'Sum', 300)`,
        label: '',
        period: FIVE_MINUTES,
        usingMetrics: {},
      });
    const fns = Object.entries(props.functions);
    const perFunction = (metric: (fn: ProjectFunction) => IMetric) => fns.map(([, fn]) => metric(fn));
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${stack.stackName}-operations`, defaultInterval: Duration.hours(12) });
    dashboard.addWidgets(
      new TextWidget({
        markdown: '# device-consent\nEvery alarm below notifies the alarm topic; what each means and what to do is in the README, section *Operations*. Every log line carries `correlation_id` (the API request id, also on the emails and webhooks it caused).',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: Object.values(this.alarms), width: 24, height: 6 }));
    dashboard.addWidgets(
      new GraphWidget({ title: 'API requests and errors', left: [props.api.api.metricCount({ statistic: 'Sum' }), props.api.api.metricClientError({ statistic: 'Sum' }), props.api.api.metricServerError({ statistic: 'Sum' })], width: 12 }),
      new GraphWidget({ title: 'API latency (p50, p99)', left: [props.api.api.metricLatency({ statistic: 'p50' }), props.api.api.metricLatency({ statistic: 'p99' })], width: 12 }),
    );
    const latencyWatched = [...apiFunctions(), props.authorizer.name];
    dashboard.addWidgets(
      new GraphWidget({
        title: 'p99 duration per API (each has its alarm)',
        left: latencyWatched.map((name) => props.functions[name].function.metricDuration({ statistic: 'p99', label: name })),
        width: 12,
      }),
      new GraphWidget({
        title: 'Canary: public pages (success %)',
        left: [props.canary.canary.metricSuccessPercent({ statistic: 'Average' })],
        leftYAxis: { min: 0, max: 100 },
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Function errors', left: perFunction((fn) => fn.function.metricErrors({ statistic: 'Sum' })), width: 8 }),
      new GraphWidget({ title: 'Function throttles', left: perFunction((fn) => fn.function.metricThrottles({ statistic: 'Sum' })), width: 8 }),
      new GraphWidget({ title: 'Function duration (p99)', left: perFunction((fn) => fn.function.metricDuration({ statistic: 'p99' })), width: 8 }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Consents', left: sum(METRIC.consentsRequested, METRIC.consentsAccepted, METRIC.consentsDeclined, METRIC.consentsExpired), width: 8 }),
      new GraphWidget({ title: 'Emails', left: sum(METRIC.emailsSent, METRIC.emailsDelivered, METRIC.emailsFailed, METRIC.emailsBounced, METRIC.emailsComplained, METRIC.emailsSuppressed), width: 8 }),
      new GraphWidget({ title: 'Webhooks', left: sum(METRIC.webhooksDelivered, METRIC.webhooksFailed), width: 8 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Outbox: oldest due email or webhook (s), stream consumer lag (ms)',
        left: [custom(METRIC.outboxOldestDueAge, 'Maximum')],
        right: [props.streamConsumer.function.metric('IteratorAge', { statistic: 'Maximum' })],
        leftAnnotations: [{ value: THRESHOLDS.outboxOldestDueAgeSeconds, label: 'alarm' }],
        width: 12,
      }),
      new GraphWidget({
        title: 'Dead letters (messages waiting)',
        left: Object.entries(props.deadLetterQueues).map(([name, dlq]) => dlq.queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: name })),
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Devices validated, by code', left: [custom(METRIC.devicesValidated, 'Sum'), byCode(METRIC.devicesValidated)], width: 8 }),
      new GraphWidget({ title: 'Devices registered, by code', left: [custom(METRIC.devicesRegistered, 'Sum'), byCode(METRIC.devicesRegistered)], width: 8 }),
      new GraphWidget({ title: 'Device batches: devices per second, batches stuck', left: [custom(METRIC.batchDevicesPerSecond, 'Average')], right: [custom(METRIC.batchesStuck, 'Maximum')], width: 8 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'SES reputation (account)',
        left: [
          new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }),
          new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum', period: Duration.hours(1) }),
        ],
        leftAnnotations: [
          { value: THRESHOLDS.sesBounceRate, label: 'bounce alarm' },
          { value: THRESHOLDS.sesComplaintRate, label: 'complaint alarm' },
        ],
        width: 12,
      }),
      new LogQueryWidget({
        title: 'Latest errors (all functions)',
        logGroupNames: fns.map(([, fn]) => fn.logGroup.logGroupName),
        queryLines: ['fields @timestamp, function_name, correlation_id, message, error.message', 'filter level = "ERROR"', 'sort @timestamp desc', 'limit 50'],
        width: 12,
      }),
    );
    return dashboard;
  }
}
