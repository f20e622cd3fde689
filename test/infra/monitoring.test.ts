import { readFileSync } from 'node:fs';
import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_METRICS_NAMESPACE, BUDGET_NOTIFICATIONS, DEFAULT_LATENCY_P99, LATENCY_P99, THRESHOLDS } from '../../infra/constructs/monitoring.ts';
import { apiFunctions, routeKeyPatternsOf } from '../../infra/constructs/route-table-api.ts';
import { type RouteSpec, routes } from '#shared/http/routes.ts';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { METRIC, METRICS_NAMESPACE, SERVICE_NAME } from '#shared/observability/metric-names.ts';
import { asList, functionLogicalId, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

type Properties = Record<string, unknown>;
type Dimension = { Name: string; Value: unknown };

describe('monitoring', () => {
  let synth: SynthesizedService;
  let alarms: Properties[];
  let topicId: string;
  let keyId: string;

  beforeAll(() => {
    synth = synthService();
    alarms = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties ?? {});
    topicId = synth.stateless.getLogicalId(synth.stateless.monitoring.topic.node.defaultChild as CfnElement);
    keyId = synth.stateless.getLogicalId(synth.stateless.notificationsKey.node.defaultChild as CfnElement);
  }, SYNTH_TIMEOUT_MS);

  const alarmNamed = (suffix: string): Properties => {
    const found = alarms.filter((a) => String(a.AlarmName).endsWith(`-${suffix}`));
    expect(found, suffix).toHaveLength(1);
    return found[0];
  };
  const dimensions = (alarm: Properties) => Object.fromEntries(((alarm.Dimensions as Dimension[] | undefined) ?? []).map((d) => [d.Name, d.Value]));

  it('notifies one SNS topic, encrypted with a rotated customer managed key, reachable over TLS only', () => {
    const topic = resourcesOfType(synth.statelessTemplate, 'AWS::SNS::Topic')[topicId].Properties ?? {};
    expect(referencedId(topic.KmsMasterKeyId)).toBe(keyId);
    const key = resourcesOfType(synth.statelessTemplate, 'AWS::KMS::Key')[keyId].Properties ?? {};
    expect(key.EnableKeyRotation).toBe(true);
    // CloudWatch may encrypt what it publishes with the key.
    const keyStatements = (key.KeyPolicy as { Statement: Properties[] }).Statement;
    expect(keyStatements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }));

    const statements = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::SNS::TopicPolicy'))
      .filter((p) => (p.Properties?.Topics as unknown[]).some((t) => referencedId(t) === topicId))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Properties[] }).Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    // Only CloudWatch is allowed to publish, and only for this account's alarms.
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
  });

  it('sends every alarm to the topic, in alarm and back to OK, with a description that says what to do', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      const name = String(alarm.AlarmName);
      expect(name.startsWith('DeviceConsentStateless-'), name).toBe(true);
      expect(asList(alarm.AlarmActions).map(referencedId), name).toEqual([topicId]);
      expect(asList(alarm.OKActions).map(referencedId), name).toEqual([topicId]);
      expect(String(alarm.AlarmDescription).length, name).toBeGreaterThan(60);
      expect(String(alarm.AlarmDescription), name).toContain('README: Operations');
    }
    expect(new Set(alarms.map((a) => a.AlarmName)).size).toBe(alarms.length);
  });

  it('alarms on any error and any throttle of every function', () => {
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      for (const [suffix, metric] of [['Errors', 'Errors'], ['Throttles', 'Throttles']] as const) {
        const alarm = alarmNamed(`${name}-${suffix}`);
        expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: metric, Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Period: 300 });
        expect(referencedId(dimensions(alarm).FunctionName)).toBe(functionLogicalId(synth, name));
      }
    }
  });

  it("alarms on the HTTP API's 5xx answers", () => {
    const alarm = alarmNamed('Api5xx');
    expect(alarm).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum', Threshold: THRESHOLDS.api5xx });
    expect(referencedId(dimensions(alarm).ApiId)).toBe(synth.stateless.getLogicalId(synth.stateless.api.api.node.defaultChild as CfnElement));
  });

  it('alarms on the oldest undelivered email or webhook, and when the check stops publishing it', () => {
    const alarm = alarmNamed('OutboxBacklog');
    expect(alarm).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: METRIC.outboxOldestDueAge,
      Statistic: 'Maximum',
      Threshold: THRESHOLDS.outboxOldestDueAgeSeconds,
      TreatMissingData: 'breaching',
    });
    // The metric as Powertools publishes it: the service dimension, nothing else.
    expect(dimensions(alarm)).toEqual({ service: SERVICE_NAME });
    // Published every minute: a few quiet periods are the check not running.
    expect(alarm.EvaluationPeriods as number).toBeLessThanOrEqual(3);
  });

  it("alarms on the stream consumer's lag", () => {
    const alarm = alarmNamed('StreamConsumerLag');
    expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'IteratorAge', Statistic: 'Maximum', Threshold: THRESHOLDS.streamIteratorAgeMs });
    expect(referencedId(dimensions(alarm).FunctionName)).toBe(functionLogicalId(synth, 'stream-consumer'));
  });

  it('alarms on the first message of every queue of the stack (all of them are dead-letter queues)', () => {
    const queueIds = Object.keys(resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue'));
    expect(queueIds.length).toBe(3);
    const watched = alarms
      .filter((a) => a.Namespace === 'AWS/SQS')
      .map((a) => {
        expect(a).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
        return referencedId(dimensions(a).QueueName);
      });
    expect(watched.filter((id) => id !== undefined).sort()).toEqual(queueIds.sort());
    // Issue 24: and the audit archive's dead-letter queue, imported from the stateful stack (audit-archive.test.ts).
    expect(watched.filter((id) => id === undefined)).toHaveLength(1);
  });

  it("alarms on the account's SES bounce and complaint rates, well before AWS reviews the account", () => {
    expect(alarmNamed('SesBounceRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: THRESHOLDS.sesBounceRate });
    expect(alarmNamed('SesComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: THRESHOLDS.sesComplaintRate });
    expect(THRESHOLDS.sesBounceRate).toBeLessThan(0.05);
    expect(THRESHOLDS.sesComplaintRate).toBeLessThan(0.001);
  });

  it('alarms on a device batch stuck in processing (BatchesStuck, published by the batch worker) and on emails failed for good', () => {
    expect(alarmNamed('BatchStuck')).toMatchObject({ Namespace: METRICS_NAMESPACE, MetricName: 'BatchesStuck', Statistic: 'Maximum', Threshold: 1, TreatMissingData: 'notBreaching' });
    expect(dimensions(alarmNamed('BatchStuck'))).toEqual({ service: SERVICE_NAME });
    expect(alarmNamed('EmailsFailed')).toMatchObject({ Namespace: METRICS_NAMESPACE, MetricName: METRIC.emailsFailed, Statistic: 'Sum', Threshold: 1 });
  });

  it('watches only metrics the service publishes under their names', () => {
    const published = new Set<string>(Object.values(METRIC));
    for (const alarm of alarms.filter((a) => a.Namespace === METRICS_NAMESPACE)) expect(published.has(String(alarm.MetricName)), String(alarm.MetricName)).toBe(true);
  });

  it('draws one dashboard with the alarms and every metric the service publishes', () => {
    const dashboards = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0].Properties?.DashboardBody);
    for (const name of Object.values(METRIC)) expect(body, name).toContain(name);
    expect(body).toContain('"type\\":\\"alarm\\"');
    synth.statelessTemplate.hasOutput('DashboardName', {});
    synth.statelessTemplate.hasOutput('AlarmTopicArn', {});
  });

  it('issue 25: alarms on the p99 duration of every function that serves routes (the route table decides) and of the authorizer', () => {
    const watched = [...apiFunctions(), 'authorizer'] as FunctionName[];
    expect([...watched].sort()).toEqual(['authorizer', 'customer-api', 'ops-api', 'pages', 'partner-api', 'partner-portal']);
    const latencyAlarms = alarms.filter((a) => String(a.AlarmName).endsWith('-LatencyP99'));
    expect(latencyAlarms).toHaveLength(watched.length);
    for (const name of watched) {
      const alarm = alarmNamed(`${name}-LatencyP99`);
      expect(alarm, name).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        ExtendedStatistic: 'p99',
        Period: 300,
        Threshold: (LATENCY_P99[name] ?? DEFAULT_LATENCY_P99).ms,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(referencedId(dimensions(alarm).FunctionName), name).toBe(functionLogicalId(synth, name));
    }
  });

  it('issue 25: takes each p99 threshold from the bench figures, several times the slowest operation measured, under the timeout', () => {
    const bench = JSON.parse(readFileSync(new URL('../../bench/results.json', import.meta.url), 'utf8')) as Record<string, { medianMs?: number }>;
    const fns = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function');
    for (const name of [...apiFunctions(), 'authorizer'] as FunctionName[]) {
      const budget = LATENCY_P99[name];
      expect(budget, `${name} has a threshold of its own`).toBeDefined();
      expect(budget!.benchRows.length, name).toBeGreaterThan(0);
      // A row the threshold names must have been measured: a missing row fails here (run `npm run
      // bench` and commit bench/results.json), it is never taken as 0 or skipped.
      const medians = budget!.benchRows.map((row) => {
        expect(Object.keys(bench), `${name}: LATENCY_P99 names the bench row ${row}, which bench/results.json does not have`).toContain(row);
        expect(bench[row].medianMs, `${name}: bench/results.json row ${row} has no medianMs`).toBeGreaterThan(0);
        return bench[row].medianMs!;
      });
      expect(budget!.ms, name).toBeGreaterThanOrEqual(3 * Math.max(...medians));
      expect(budget!.ms, name).toBeLessThan((fns[functionLogicalId(synth, name)].Properties?.Timeout as number) * 1000);
    }
  });

  it("issue 25: alarms on any 5xx of each API, counted from the API's access log by its routes", () => {
    const logGroupId = synth.stateless.getLogicalId(synth.stateless.api.accessLogGroup.node.defaultChild as CfnElement);
    const filters = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Logs::MetricFilter')).map((f) => f.Properties ?? {});
    expect(filters).toHaveLength(apiFunctions().length);
    for (const name of apiFunctions()) {
      const alarm = alarmNamed(`${name}-5xx`);
      expect(alarm, name).toMatchObject({ Namespace: API_METRICS_NAMESPACE, MetricName: `${name}-5xx`, Statistic: 'Sum', Threshold: 1, Period: 300 });
      const filter = filters.find((f) => (f.MetricTransformations as { MetricName: string }[])[0].MetricName === `${name}-5xx`);
      expect(filter, name).toBeDefined();
      expect(filter!.LogGroupName, name).toEqual({ Ref: logGroupId });
      expect(filter!.MetricTransformations, name).toEqual([{ MetricNamespace: API_METRICS_NAMESPACE, MetricName: `${name}-5xx`, MetricValue: '1' }]);
      const routeKeys = routeKeyPatternsOf(name).map((pattern) => `$.routeKey = "${pattern}"`).join(' || ');
      expect(filter!.FilterPattern, name).toBe(`{ (${routeKeys}) && $.status = "5*" }`);
      // CloudWatch Logs takes a filter pattern of at most 1,024 characters (PutMetricFilter).
      expect(String(filter!.FilterPattern).length, name).toBeLessThanOrEqual(1024);
    }
    // Issue 21: the fewest leading segments that tell the APIs apart; partner-api keeps its own paths under /v1.
    expect(routeKeyPatternsOf('customer-api')).toEqual(['* /v1/tenant', '* /v1/tenant/*']);
    expect(routeKeyPatternsOf('partner-api').filter((pattern) => pattern === '* /v1/*' || pattern.startsWith('* /v1/tenant'))).toEqual([]);
    // The patterns tell the APIs apart: each route key matches its own function's patterns only.
    const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
    for (const [key, spec] of Object.entries(routes) as [string, RouteSpec][]) {
      const matching = apiFunctions().filter((fn) => routeKeyPatternsOf(fn).some((pattern) => glob(pattern).test(key)));
      expect(matching, key).toEqual([spec.fn]);
    }
  });

  it('issue 25: alarms when two canary runs in a row fail, or when the canary stops running', () => {
    const alarm = alarmNamed('PagesCanary');
    const canaryId = synth.stateless.getLogicalId(synth.stateless.canary.canary.node.defaultChild as CfnElement);
    expect(alarm).toMatchObject({
      Namespace: 'CloudWatchSynthetics',
      MetricName: 'SuccessPercent',
      Threshold: 100,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Period: 300,
      TreatMissingData: 'breaching',
    });
    expect(dimensions(alarm).CanaryName).toEqual({ Ref: canaryId });
  });

  it('issue 25: has no cost budget unless monthlyBudgetUsd is set; with it, a monthly budget that notifies the alarm topic', () => {
    synth.statelessTemplate.resourceCountIs('AWS::Budgets::Budget', 0);
    const withBudget = synthService({ monthlyBudgetUsd: 250 });
    const budgets = Object.values(resourcesOfType(withBudget.statelessTemplate, 'AWS::Budgets::Budget')).map((b) => b.Properties ?? {});
    expect(budgets).toHaveLength(1);
    const topic = withBudget.stateless.getLogicalId(withBudget.stateless.monitoring.topic.node.defaultChild as CfnElement);
    expect(budgets[0].Budget).toMatchObject({ BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 250, Unit: 'USD' } });
    const notifications = budgets[0].NotificationsWithSubscribers as { Notification: Properties; Subscribers: Properties[] }[];
    expect(notifications.map((n) => [n.Notification.NotificationType, n.Notification.Threshold, n.Notification.ThresholdType]).sort()).toEqual(
      [
        ['ACTUAL', BUDGET_NOTIFICATIONS.actualPercent, 'PERCENTAGE'],
        ['FORECASTED', BUDGET_NOTIFICATIONS.forecastedPercent, 'PERCENTAGE'],
      ].sort(),
    );
    for (const n of notifications) expect(n.Subscribers).toEqual([{ SubscriptionType: 'SNS', Address: { Ref: topic } }]);

    // Budgets may publish to the topic and encrypt with its key, for this account's budgets only.
    const topicStatements = Object.values(resourcesOfType(withBudget.statelessTemplate, 'AWS::SNS::TopicPolicy'))
      .filter((p) => (p.Properties?.Topics as unknown[]).some((t) => referencedId(t) === topic))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Properties[] }).Statement);
    const budgetsCondition = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': expect.anything() } };
    expect(topicStatements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sns:Publish', Condition: budgetsCondition }));
    const key = resourcesOfType(withBudget.statelessTemplate, 'AWS::KMS::Key')[withBudget.stateless.getLogicalId(withBudget.stateless.notificationsKey.node.defaultChild as CfnElement)];
    expect((key.Properties?.KeyPolicy as { Statement: Properties[] }).Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'budgets.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Condition: budgetsCondition }),
    );
    expect(() => synthService({ monthlyBudgetUsd: 0 })).toThrow(/monthlyBudgetUsd/);
    expect(() => synthService({ monthlyBudgetUsd: Number.NaN })).toThrow(/monthlyBudgetUsd/);
  });

  it('subscribes the alarmEmail of the context, and nobody without it', () => {
    synth.statelessTemplate.resourceCountIs('AWS::SNS::Subscription', 1); // ses-events only
    const withEmail = synthService({ alarmEmail: 'oncall@contoso.example' });
    const subscriptions = Object.values(resourcesOfType(withEmail.statelessTemplate, 'AWS::SNS::Subscription')).map((s) => s.Properties ?? {});
    const topic = withEmail.stateless.getLogicalId(withEmail.stateless.monitoring.topic.node.defaultChild as CfnElement);
    expect(subscriptions.filter((s) => s.Protocol === 'email')).toEqual([expect.objectContaining({ Endpoint: 'oncall@contoso.example', TopicArn: { Ref: topic } })]);
    expect(() => synthService({ alarmEmail: 'not an address' })).toThrow(/alarmEmail/);
  });
});
