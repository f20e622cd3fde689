import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { RESERVED_CONCURRENCY } from '../../infra/stacks/stateless-stack.ts';
import { STREAM_FILTER_PATTERNS } from '#shared/outbox/stream-filter.ts';
import { aliasLogicalId, asList, functionLogicalId, invokedFunctionId, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

/** The actions Lambda needs to poll a DynamoDB stream (granted by the event source). */
const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

type Properties = Record<string, unknown>;
interface PolicyStatement {
  Action: string | string[];
  Resource: unknown;
}

describe('stream consumer', () => {
  let synth: SynthesizedService;
  /** The stateless stack's reference to the table's stream ARN: the import of the stateful stack's export. */
  let streamArnRef: unknown;
  /** The stateless stack's reference to the on-failure queue's ARN. */
  let queueArnRef: unknown;
  let queueId: string;
  let mapping: Properties;

  beforeAll(() => {
    synth = synthService();

    const tableId = synth.stateful.getLogicalId(synth.stateful.table.node.defaultChild as CfnElement);
    const outputs = Object.values(synth.statefulTemplate.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>);
    const streamExport = outputs.filter((o) => JSON.stringify(o.Value) === JSON.stringify({ 'Fn::GetAtt': [tableId, 'StreamArn'] }));
    expect(streamExport).toHaveLength(1);
    streamArnRef = { 'Fn::ImportValue': streamExport[0].Export?.Name };

    queueId = synth.stateless.getLogicalId(synth.stateless.streamFailures.node.defaultChild as CfnElement);
    queueArnRef = { 'Fn::GetAtt': [queueId, 'Arn'] };

    const mappings = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    mapping = mappings[0].Properties ?? {};
  }, SYNTH_TIMEOUT_MS);

  /** The statements of one function's role. */
  const statementsOf = (name: FunctionName): PolicyStatement[] => {
    const roleId = synth.stateless.getLogicalId(synth.stateless.functions[name].role.node.defaultChild as CfnElement);
    return Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::IAM::Policy'))
      .filter((p) => (p.Properties?.Roles as unknown[]).some((role) => referencedId(role) === roleId))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
  };

  // Issue 25: the mapping invokes the function's live alias (a version CodeDeploy shifted to).
  it("feeds the stream-consumer function from the table's stream, and no other function", () => {
    // `<function name>:live`, the name taken from the alias's ARN.
    const aliasId = aliasLogicalId(synth, 'stream-consumer');
    expect(mapping.FunctionName).toEqual({ 'Fn::Join': ['', [{ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: aliasId }] }] }, ':live']] });
    expect(invokedFunctionId(synth.statelessTemplate, { Ref: aliasId })).toBe(functionLogicalId(synth, 'stream-consumer'));
    expect(mapping.EventSourceArn).toEqual(streamArnRef);
    expect(mapping.Enabled ?? true).toBe(true);
    // The stateful stack's table has the stream the mapping reads, with both images.
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('filters with exactly STREAM_FILTER_PATTERNS (the patterns the local poller applies)', () => {
    const filters = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(STREAM_FILTER_PATTERNS.length).toBeGreaterThan(0);
    expect(filters.map((f) => JSON.parse(f.Pattern) as unknown)).toEqual(STREAM_FILTER_PATTERNS);
  });

  it('reports failed records, halves failing batches, and retries a bounded number of times', () => {
    expect(mapping.StartingPosition).toBe('TRIM_HORIZON');
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.BisectBatchOnFunctionError).toBe(true);
    // Bounded: -1 (the default when absent) would retry until the record leaves the stream (24 h).
    expect(mapping.MaximumRetryAttempts).toBeGreaterThanOrEqual(0);
    expect(mapping.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    expect(mapping.MaximumRecordAgeInSeconds).toBeGreaterThanOrEqual(60);
    expect(mapping.MaximumRecordAgeInSeconds).toBeLessThan(24 * 3600);
    // Small batches gathered briefly: an outbox item goes out within seconds.
    expect(mapping.BatchSize).toBeLessThanOrEqual(10);
    expect((mapping.MaximumBatchingWindowInSeconds as number | undefined) ?? 0).toBeLessThanOrEqual(1);
    // One batch at a time per shard: records of an item are handled in order.
    expect(mapping.ParallelizationFactor ?? 1).toBe(1);
  });

  it('gives the function time for a whole batch of webhook attempts (5 s each), and caps its concurrency', () => {
    const fn = resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function')[functionLogicalId(synth, 'stream-consumer')];
    const timeout = fn.Properties?.Timeout as number;
    expect(timeout).toBeGreaterThanOrEqual((mapping.BatchSize as number) * 5);
    expect(timeout).toBeLessThanOrEqual(900);
    // A runaway (a burst of outbox items) cannot send faster than this many batches at once.
    expect(fn.Properties?.ReservedConcurrentExecutions).toBe(RESERVED_CONCURRENCY['stream-consumer']);
    expect(RESERVED_CONCURRENCY['stream-consumer']).toBeGreaterThanOrEqual(2);
  });

  it('sends the batches it gives up on to its own queue', () => {
    expect(mapping.DestinationConfig).toEqual({ OnFailure: { Destination: queueArnRef } });
  });

  it('keeps that queue encrypted, reachable over TLS only, for 14 days', () => {
    const queue = resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue')[queueId].Properties ?? {};
    expect(queue.SqsManagedSseEnabled === true || queue.KmsMasterKeyId !== undefined).toBe(true);
    expect(queue.MessageRetentionPeriod).toBe(14 * 24 * 3600);

    const policies = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::SQS::QueuePolicy')).filter((p) =>
      (p.Properties?.Queues as unknown[]).some((q) => referencedId(q) === queueId),
    );
    const statements = policies.flatMap(
      (p) => (p.Properties?.PolicyDocument as { Statement: (PolicyStatement & Properties)[] }).Statement,
    );
    expect(statements).toContainEqual({
      Action: 'sqs:*',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      Resource: queueArnRef,
    });
    // Nothing in the queue policy allows anything: only the consumer's role may send, by IAM.
    expect(statements.filter((s) => s.Effect !== 'Deny')).toEqual([]);
  });

  it("lets the consumer read the table's stream only, and send to the queue only", () => {
    const statements = statementsOf('stream-consumer');
    const streamStatements = statements.filter((s) => asList(s.Action).some((a) => STREAM_ACTIONS.includes(a)));
    expect(streamStatements.length).toBeGreaterThan(0);
    for (const s of streamStatements) {
      expect(asList(s.Resource), JSON.stringify(s)).toEqual([streamArnRef]);
      // A stream statement carries nothing but stream actions.
      expect(asList(s.Action).filter((a) => !STREAM_ACTIONS.includes(a)), JSON.stringify(s)).toEqual([]);
    }
    const streamActions = streamStatements.flatMap((s) => asList(s.Action)).sort();
    expect(streamActions).toEqual(expect.arrayContaining(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']));

    const sqsStatements = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('sqs:')));
    expect(sqsStatements.flatMap((s) => asList(s.Action))).toContain('sqs:SendMessage');
    for (const s of sqsStatements) {
      expect(asList(s.Resource), JSON.stringify(s)).toEqual([queueArnRef]);
      expect(asList(s.Action).every((a) => a.startsWith('sqs:') && !a.includes('*')), JSON.stringify(s)).toBe(true);
      // Sending only: never receiving or deleting the failure records.
      expect(asList(s.Action).filter((a) => /Receive|Delete|Purge|SetQueue/.test(a)), JSON.stringify(s)).toEqual([]);
    }
  });

  it('gives no other function access to the stream or the queue', () => {
    for (const name of Object.keys(synth.stateless.functions) as FunctionName[]) {
      if (name === 'stream-consumer') continue;
      const actions = statementsOf(name).flatMap((s) => asList(s.Action));
      expect(actions.filter((a) => STREAM_ACTIONS.includes(a)), name).toEqual([]);
      const resources = JSON.stringify(statementsOf(name).map((s) => s.Resource));
      expect(resources, name).not.toContain(JSON.stringify(streamArnRef));
      expect(resources, name).not.toContain(queueId);
    }
  });
});
