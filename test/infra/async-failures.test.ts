import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { RESERVED_CONCURRENCY } from '../../infra/stacks/stateless-stack.ts';
import { aliasLogicalId, asList, functionLogicalId, invokedFunctionId, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

type Properties = Record<string, unknown>;

/** The services that invoke a function asynchronously (the event is queued by Lambda, nobody waits for the answer). */
const ASYNC_INVOKERS = ['events.amazonaws.com', 'sns.amazonaws.com'];

describe('failures of asynchronous invocations', () => {
  let synth: SynthesizedService;
  let queueArnOf: (construct: { queue: { node: { defaultChild?: unknown } } }) => unknown;

  beforeAll(() => {
    synth = synthService();
    queueArnOf = (dlq) => ({ 'Fn::GetAtt': [synth.stateless.getLogicalId(dlq.queue.node.defaultChild as CfnElement), 'Arn'] });
  }, SYNTH_TIMEOUT_MS);

  const asyncInvoked = (): string[] => {
    const permissions = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Permission')).map((p) => p.Properties ?? {});
    return [...new Set(permissions.filter((p) => ASYNC_INVOKERS.includes(String(p.Principal))).map((p) => referencedId(p.FunctionName) ?? ''))];
  };
  const invokeConfigs = () => Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::EventInvokeConfig')).map((c) => c.Properties ?? {});
  /** The asynchronous invocation configuration of an alias: its function, qualified by the alias's name. */
  const invokeConfigOf = (aliasId: string): Properties | undefined =>
    invokeConfigs().find(
      (c) => JSON.stringify(c.Qualifier).includes(JSON.stringify({ Ref: aliasId })) && referencedId(c.FunctionName) === invokedFunctionId(synth.statelessTemplate, { Ref: aliasId }),
    );

  // Issue 25: EventBridge and SNS now invoke the functions' live aliases, and Lambda applies the
  // asynchronous configuration of the qualifier invoked, so it is set on the alias.
  it('gives every function invoked asynchronously an on-failure destination (an SQS queue) and bounded retries', () => {
    const invoked = asyncInvoked();
    expect(invoked.sort()).toEqual([aliasLogicalId(synth, 'consent-status-check'), aliasLogicalId(synth, 'ses-events')].sort());
    // None is left on $LATEST, which nothing invokes.
    expect(invokeConfigs()).toHaveLength(invoked.length);
    const queues = Object.keys(resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue'));
    for (const id of invoked) {
      const config = invokeConfigOf(id);
      expect(config, id).toBeDefined();
      const destination = (config?.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination;
      expect(queues, id).toContain(referencedId(destination));
      expect(config?.MaximumRetryAttempts as number, id).toBeLessThanOrEqual(2);
      expect(config?.MaximumEventAgeInSeconds as number, id).toBeLessThanOrEqual(6 * 3600);
    }
  });

  it("sends a scheduled run EventBridge could not deliver to the check's dead-letter queue, the same as its on-failure destination", () => {
    const checkFailures = queueArnOf(synth.stateless.checkFailures);
    const rules = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Events::Rule')).map((r) => r.Properties ?? {});
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      for (const target of rule.Targets as Properties[]) expect(target.DeadLetterConfig, String(rule.ScheduleExpression)).toEqual({ Arn: checkFailures });
    }
    const config = invokeConfigOf(aliasLogicalId(synth, 'consent-status-check'));
    expect((config?.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination).toEqual(checkFailures);
    // EventBridge may send to that queue for these rules only.
    const queueId = referencedId(checkFailures)!;
    const statements = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::SQS::QueuePolicy'))
      .filter((p) => (p.Properties?.Queues as unknown[]).some((q) => referencedId(q) === queueId))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Properties[] }).Statement)
      .filter((s) => s.Effect === 'Allow');
    expect(statements.length).toBe(2);
    for (const s of statements) {
      expect(s).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' });
      expect(Object.keys((s.Condition as { ArnEquals: Record<string, unknown> }).ArnEquals)).toEqual(['aws:SourceArn']);
    }
  });

  it("sends an SES event SNS could not deliver, or ses-events failed on, to the SES events' dead-letter queue", () => {
    const sesEventFailures = queueArnOf(synth.stateless.sesEventFailures);
    const lambdaSubscriptions = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::SNS::Subscription'))
      .map((s) => s.Properties ?? {})
      .filter((s) => s.Protocol === 'lambda');
    expect(lambdaSubscriptions).toHaveLength(1);
    expect(referencedId(lambdaSubscriptions[0].Endpoint)).toBe(aliasLogicalId(synth, 'ses-events'));
    expect(lambdaSubscriptions[0].RedrivePolicy).toEqual({ deadLetterTargetArn: sesEventFailures });
    const config = invokeConfigOf(aliasLogicalId(synth, 'ses-events'));
    expect((config?.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination).toEqual(sesEventFailures);
  });

  it('keeps every dead-letter queue encrypted, TLS only, for 14 days', () => {
    const queues = resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue');
    const policies = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::SQS::QueuePolicy'));
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties?.SqsManagedSseEnabled, id).toBe(true);
      expect(queue.Properties?.MessageRetentionPeriod, id).toBe(14 * 24 * 3600);
      const statements = policies
        .filter((p) => (p.Properties?.Queues as unknown[]).some((q) => referencedId(q) === id))
        .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Properties[] }).Statement);
      expect(statements, id).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  it('lets only the function that fails send to its own on-failure queue', () => {
    const roleOf = (name: FunctionName) => synth.stateless.getLogicalId(synth.stateless.functions[name].role.node.defaultChild as CfnElement);
    const queueIds = Object.keys(resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue'));
    const owner: Partial<Record<FunctionName, unknown>> = {
      'consent-status-check': queueArnOf(synth.stateless.checkFailures),
      'ses-events': queueArnOf(synth.stateless.sesEventFailures),
      'stream-consumer': { 'Fn::GetAtt': [synth.stateless.getLogicalId(synth.stateless.streamFailures.node.defaultChild as CfnElement), 'Arn'] },
    };
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      const statements = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::IAM::Policy'))
        .filter((p) => (p.Properties?.Roles as unknown[]).some((role) => referencedId(role) === roleOf(name)))
        .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
        .filter((s) => asList(s.Action).some((a) => a.startsWith('sqs:')));
      const resources = statements.flatMap((s) => asList(s.Resource));
      expect(resources.every((r) => queueIds.includes(referencedId(r) ?? '')), name).toBe(true);
      expect(resources, name).toEqual(owner[name] ? [owner[name]] : []);
    }
  });

  it('caps the concurrency of the scheduled check and the stream consumer, and of nothing else', () => {
    const fns = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function');
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      const reserved = fns[functionLogicalId(synth, name)].Properties?.ReservedConcurrentExecutions;
      expect(reserved, name).toBe((RESERVED_CONCURRENCY as Partial<Record<FunctionName, number>>)[name]);
    }
    expect(Object.keys(RESERVED_CONCURRENCY).sort()).toEqual(['consent-status-check', 'stream-consumer']);
  });
});
