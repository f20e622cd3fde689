import { createRequire } from 'node:module';
import type { CfnElement } from 'aws-cdk-lib';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ARCHIVE_DATA_PREFIX,
  ARCHIVE_ERROR_PREFIX,
  ARCHIVE_INPUT_TEMPLATE,
  ARCHIVE_PARTITION_QUERY,
  ARCHIVE_PREFIX,
  ARCHIVE_RETENTION_DAYS,
  ARCHIVE_RETENTION_YEARS,
  AUDIT_ARCHIVE_FILTER,
  AUDIT_EVENT_COLUMNS,
  NO_TENANT,
} from '../../infra/constructs/audit-archive.ts';
import { matchesFilter } from '#shared/outbox/filter-match.ts';
import { auditItem } from '#shared/table/audit.ts';
import { asList, iamStatements, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

type Properties = Record<string, unknown>;
type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown };

/** An audit item as `commitChange` writes it (R18), as DynamoDB's stream carries it (attribute-value JSON). */
function auditImage(input: Parameters<typeof auditItem>[0]): Record<string, unknown> {
  const previous = process.env.TABLE_NAME;
  process.env.TABLE_NAME = 'device-consent';
  try {
    const write = auditItem(input) as { Put: { Item: Record<string, unknown> } };
    return marshall(write.Put.Item, { removeUndefinedValues: true }) as Record<string, unknown>;
  } finally {
    if (previous === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = previous;
  }
}

/** The record the pipe hands Firehose: ARCHIVE_INPUT_TEMPLATE (`<$.dynamodb.NewImage.data.M>`) applied to a stream record. */
function pipeOutput(record: { dynamodb: { NewImage: Record<string, unknown> } }): unknown {
  const path = /^<\$\.(.+)>$/.exec(ARCHIVE_INPUT_TEMPLATE)?.[1];
  expect(path).toBeDefined();
  return path!.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], record);
}

/**
 * jq itself, as a WebAssembly build from npm (jq-web), so the test runs on every machine: the
 * partition query uses only what jq 1.6, Firehose's engine, has (`//`, `@uri`, string slices).
 */
let jqEngine: { json: (input: unknown, query: string) => unknown };
const jq = (query: string, input: unknown): unknown => jqEngine.json(input, query);

describe('R29 audit archive (issue 24): table stream → pipe → Firehose → S3 Object Lock → Glue/Athena', () => {
  beforeAll(async () => {
    // jq-web is CommonJS whose export is a promise of {json, raw} (an ES import would take the promise's own `then` for the module's).
    jqEngine = await (createRequire(import.meta.url)('jq-web') as Promise<typeof jqEngine>);
  });
  let synth: SynthesizedService;
  let resources: Record<string, { Type: string; Properties?: Properties; DependsOn?: string[] }>;
  let pipe: Properties;
  let stream: Properties;
  let s3: Properties;
  let bucketId: string;
  let glueTable: Properties;
  const idOf = (construct: { node: { defaultChild?: unknown } }) => synth.stateful.getLogicalId(construct.node.defaultChild as CfnElement);

  beforeAll(() => {
    synth = synthService();
    resources = synth.statefulTemplate.toJSON().Resources as typeof resources;
    const archive = synth.stateful.auditArchive;
    const only = (type: string) => {
      const found = Object.values(resourcesOfType(synth.statefulTemplate, type));
      expect(found, type).toHaveLength(1);
      return found[0].Properties ?? {};
    };
    pipe = only('AWS::Pipes::Pipe');
    stream = only('AWS::KinesisFirehose::DeliveryStream');
    s3 = stream.ExtendedS3DestinationConfiguration as Properties;
    glueTable = only('AWS::Glue::Table');
    bucketId = idOf(archive.bucket);
    // Nothing of the chain is in the stateless stack: redeploying the code never stops the archive.
    for (const type of ['AWS::Pipes::Pipe', 'AWS::KinesisFirehose::DeliveryStream', 'AWS::Glue::Table']) {
      expect(Object.keys(resourcesOfType(synth.statelessTemplate, type)), type).toEqual([]);
    }
  }, SYNTH_TIMEOUT_MS);

  const tableId = () => synth.stateful.getLogicalId(synth.stateful.table.node.defaultChild as CfnElement);
  const streamId = () => idOf({ node: { defaultChild: synth.stateful.auditArchive.deliveryStream } });
  const queueId = () => idOf(synth.stateful.auditArchive.failures.queue);

  it("R29 reads the table's own stream (both images) with a pipe whose filter passes only the insertion of an audit item", () => {
    expect(pipe.Source).toEqual({ 'Fn::GetAtt': [tableId(), 'StreamArn'] });
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    const filters = ((pipe.SourceParameters as Properties).FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    const patterns = filters.map((f) => JSON.parse(f.Pattern) as Record<string, unknown>);
    expect(patterns).toEqual([AUDIT_ARCHIVE_FILTER]);

    // Real items, as the service writes them, in the stream's record shape.
    const audit = auditImage({ action: 'consent.accepted', actor: { type: 'user', id: 'u_1' }, tenantId: 'contoso', partnerId: 'p_1' });
    const record = (eventName: string, images: { NewImage?: unknown; OldImage?: unknown }, userIdentity?: unknown) => ({
      eventName,
      eventSource: 'aws:dynamodb',
      dynamodb: { Keys: { pk: audit.pk, sk: audit.sk }, ...images, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      ...(userIdentity ? { userIdentity } : {}),
    });
    expect(matchesFilter(patterns, record('INSERT', { NewImage: audit }))).toBe(true);
    // TTL deletions (and any other delete) never reach the archive: it is append-only.
    const ttl = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };
    expect(matchesFilter(patterns, record('REMOVE', { OldImage: audit }, ttl))).toBe(false);
    expect(matchesFilter(patterns, record('REMOVE', { OldImage: audit }))).toBe(false);
    // An update of an audit item (a backfilled attribute) would repeat the event: not archived again.
    expect(matchesFilter(patterns, record('MODIFY', { NewImage: { ...audit, ttl: { N: '1' } }, OldImage: audit }))).toBe(false);
    // Other items never: an outbox item, a tenant.
    expect(matchesFilter(patterns, record('INSERT', { NewImage: marshall({ pk: 'MSG#m_1', sk: 'MSG', type: 'webhookDelivery', outbox: 'webhook' }) }))).toBe(false);
    expect(matchesFilter(patterns, record('INSERT', { NewImage: marshall({ pk: 'TENANT#contoso', sk: 'TENANT', type: 'tenant' }) }))).toBe(false);
  });

  it('R29 hands Firehose the stored event (the item\'s data map), retries for as long as the stream keeps a record, and sends what it gives up on to an alarmed queue', () => {
    expect(pipe.Target).toEqual({ 'Fn::GetAtt': [streamId(), 'Arn'] });
    expect((pipe.TargetParameters as Properties).InputTemplate).toBe(ARCHIVE_INPUT_TEMPLATE);
    expect(pipe.DesiredState ?? 'RUNNING').toBe('RUNNING');
    const source = (pipe.SourceParameters as Properties).DynamoDBStreamParameters as Properties;
    expect(source.StartingPosition).toBe('TRIM_HORIZON');
    // Retried, bounded: never the default of skipping nothing and blocking forever, never dropping at once.
    expect(source.MaximumRetryAttempts).toBeGreaterThanOrEqual(10);
    expect(source.MaximumRecordAgeInSeconds).toBe(24 * 3600);
    expect(source.OnPartialBatchItemFailure).toBe('AUTOMATIC_BISECT');
    // Firehose takes at most 500 records a call.
    expect(source.BatchSize).toBeLessThanOrEqual(500);
    expect(source.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId(), 'Arn'] } });

    // The stateless stack (the alarm topic's) alarms on that queue's first message and on Firehose's deliveries.
    const alarms = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties ?? {});
    const dimension = (alarm: Properties, name: string) => (alarm.Dimensions as { Name: string; Value: unknown }[]).find((d) => d.Name === name)?.Value;
    const imported = (value: unknown) => JSON.stringify(value).includes('Fn::ImportValue');
    const dlqAlarms = alarms.filter((a) => a.Namespace === 'AWS/SQS' && imported(dimension(a, 'QueueName')));
    expect(dlqAlarms).toHaveLength(1);
    expect(dlqAlarms[0]).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const firehoseAlarms = alarms.filter((a) => a.Namespace === 'AWS/Firehose');
    expect(firehoseAlarms.map((a) => a.MetricName).sort()).toEqual(['DeliveryToS3.DataFreshness', 'DeliveryToS3.Success']);
    for (const alarm of firehoseAlarms) {
      expect(imported(dimension(alarm, 'DeliveryStreamName')), String(alarm.MetricName)).toBe(true);
      expect(asList(alarm.AlarmActions as unknown[]).length, String(alarm.MetricName)).toBeGreaterThan(0);
      expect(String(alarm.AlarmDescription)).toMatch(/README: Operations/);
    }
    const success = firehoseAlarms.find((a) => a.MetricName === 'DeliveryToS3.Success');
    expect(success).toMatchObject({ Statistic: 'Minimum', Threshold: 1, ComparisonOperator: 'LessThanThreshold' });
    // The stateful stack exports exactly the stream's name for them.
    const outputs = Object.values(synth.statefulTemplate.toJSON().Outputs as Record<string, { Value: unknown }>);
    expect(outputs.some((o) => JSON.stringify(o.Value) === JSON.stringify({ Ref: streamId() }))).toBe(true);
  });

  it('R29 Firehose writes into the archive bucket, partitioned by tenant and day (dynamic partitioning), one JSON event a line, errors under their own prefix', () => {
    expect(stream.DeliveryStreamType).toBe('DirectPut');
    expect((stream.DeliveryStreamEncryptionConfigurationInput as Properties).KeyType).toBeDefined();
    expect(s3.BucketARN).toEqual({ 'Fn::GetAtt': [bucketId, 'Arn'] });
    expect(s3.Prefix).toBe(ARCHIVE_DATA_PREFIX);
    expect(s3.Prefix).toBe(`${ARCHIVE_PREFIX}tenant=!{partitionKeyFromQuery:tenant}/day=!{partitionKeyFromQuery:day}/`);
    expect(String(s3.ErrorOutputPrefix)).toMatch(new RegExp(`^${ARCHIVE_ERROR_PREFIX}!\\{firehose:error-output-type\\}/`));
    // Data and errors never share a prefix: the Glue table reads data only.
    expect(ARCHIVE_ERROR_PREFIX.startsWith(ARCHIVE_PREFIX) || ARCHIVE_PREFIX.startsWith(ARCHIVE_ERROR_PREFIX)).toBe(false);
    expect(s3.DynamicPartitioningConfiguration).toMatchObject({ Enabled: true });
    expect(((s3.DynamicPartitioningConfiguration as Properties).RetryOptions as Properties).DurationInSeconds).toBeGreaterThan(0);
    const processors = (s3.ProcessingConfiguration as { Enabled: boolean; Processors: { Type: string; Parameters: { ParameterName: string; ParameterValue: string }[] }[] });
    expect(processors.Enabled).toBe(true);
    const param = (type: string, name: string) => processors.Processors.find((p) => p.Type === type)?.Parameters.find((p) => p.ParameterName === name)?.ParameterValue;
    expect(param('MetadataExtraction', 'MetadataExtractionQuery')).toBe(ARCHIVE_PARTITION_QUERY);
    expect(param('MetadataExtraction', 'JsonParsingEngine')).toBe('JQ-1.6');
    expect(param('AppendDelimiterToRecord', 'Delimiter')).toBe('\\n');
    // Athena reads gzip by its extension.
    expect(s3.CompressionFormat).toBe('GZIP');
    expect(String(s3.FileExtension)).toMatch(/\.gz$/);
    expect((s3.CloudWatchLoggingOptions as Properties).Enabled).toBe(true);
    // The role's policy exists before Firehose checks it.
    const stream_ = resources[streamId()];
    const firehosePolicyId = idOf(synth.stateful.auditArchive.firehosePolicy);
    expect(stream_.DependsOn).toContain(firehosePolicyId);
  });

  it("R29 the partition query (run by jq; its features are jq 1.6's, Firehose's engine) gives a real audit event's tenant and UTC day; a tenantless event goes to its own partition", () => {
    const at = '2026-12-03T23:59:59.123Z';
    const forTenant = (tenantId: string | undefined) => {
      const image = auditImage({ at, action: 'consent.accepted', actor: { type: 'user', id: 'u_1' }, ...(tenantId ? { tenantId } : {}), partnerId: 'p_1' });
      return pipeOutput({ dynamodb: { NewImage: image } });
    };
    expect(jq(ARCHIVE_PARTITION_QUERY, forTenant('9b2b7f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b'))).toEqual({ tenant: '9b2b7f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b', day: '2026-12-03' });
    expect(jq(ARCHIVE_PARTITION_QUERY, forTenant(undefined))).toEqual({ tenant: NO_TENANT, day: '2026-12-03' });
    // A tenant id is any string: a slash never makes a folder of its own.
    expect(jq(ARCHIVE_PARTITION_QUERY, forTenant('a/b c'))).toEqual({ tenant: 'a%2Fb%20c', day: '2026-12-03' });
    // The record is the stored event itself, field by field as DynamoDB's JSON writes it.
    expect(forTenant('contoso')).toMatchObject({ at: { S: at }, action: { S: 'consent.accepted' }, tenantId: { S: 'contoso' }, actor: { M: { type: { S: 'user' } } } });
  });

  it('R29 keeps every object under Object Lock in COMPLIANCE mode for 7 years, versioned, encrypted, private, TLS only, with access logs, kept with the stack', () => {
    const bucket = resources[bucketId];
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    const props = bucket.Properties ?? {};
    expect(props.ObjectLockEnabled).toBe(true);
    expect(props.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: ARCHIVE_RETENTION_DAYS } } });
    expect(ARCHIVE_RETENTION_DAYS).toBeGreaterThanOrEqual(ARCHIVE_RETENTION_YEARS * 365);
    expect(ARCHIVE_RETENTION_YEARS).toBe(7);
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.BucketEncryption).toBeDefined();
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    // Objects go only after their retention has passed.
    for (const rule of (props.LifecycleConfiguration as { Rules: Properties[] }).Rules) {
      if (rule.ExpirationInDays !== undefined) expect(rule.ExpirationInDays).toBeGreaterThan(ARCHIVE_RETENTION_DAYS);
    }
    const logs = props.LoggingConfiguration as Properties;
    expect(referencedId(logs.DestinationBucketName)).toBe(idOf(synth.stateful.auditArchive.accessLogs));

    for (const id of [bucketId, idOf(synth.stateful.auditArchive.accessLogs)]) {
      const statements = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::S3::BucketPolicy'))
        .filter((p) => referencedId(p.Properties?.Bucket) === id)
        .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Properties[] }).Statement);
      expect(statements, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      // The bucket policy allows nothing but S3's log delivery into the log bucket.
      for (const s of statements.filter((s) => s.Effect === 'Allow')) expect(s.Principal, id).toEqual({ Service: 'logging.s3.amazonaws.com' });
    }
  });

  it("R29 the Glue table reads exactly Firehose's prefix: its location, its partition keys (projected) and the stored event's columns", () => {
    const input = glueTable.TableInput as Properties;
    const storage = input.StorageDescriptor as Properties;
    const bucketRef = { Ref: bucketId };
    expect(storage.Location).toEqual({ 'Fn::Join': ['', ['s3://', bucketRef, `/${ARCHIVE_PREFIX}`]] });
    const partitionKeys = (input.PartitionKeys as { Name: string; Type: string }[]).map((k) => k.Name);
    // The partition keys are the keys the jq query makes, in the prefix's order.
    const queryKeys = [...ARCHIVE_PARTITION_QUERY.matchAll(/(\w+): \(/g)].map((m) => m[1]);
    expect(partitionKeys).toEqual(queryKeys);
    const prefixKeys = [...ARCHIVE_DATA_PREFIX.matchAll(/(\w+)=!\{partitionKeyFromQuery:(\w+)\}/g)].map((m) => [m[1], m[2]]);
    expect(prefixKeys).toEqual(partitionKeys.map((k) => [k, k]));

    const parameters = input.Parameters as Record<string, unknown>;
    expect(parameters['projection.enabled']).toBe('true');
    // The location template is Firehose's prefix with each partitionKeyFromQuery as the projected column.
    const firehosePrefixAsTemplate = ARCHIVE_DATA_PREFIX.replace(/!\{partitionKeyFromQuery:(\w+)\}/g, '${$1}');
    expect(parameters['storage.location.template']).toEqual({ 'Fn::Join': ['', ['s3://', bucketRef, `/${firehosePrefixAsTemplate}`]] });
    expect(parameters['projection.tenant.type']).toBe('injected');
    expect(parameters).toMatchObject({ 'projection.day.type': 'date', 'projection.day.format': 'yyyy-MM-dd', 'projection.day.interval': '1', 'projection.day.interval.unit': 'DAYS' });
    expect(String(parameters['projection.day.range'])).toMatch(/^\d{4}-\d{2}-\d{2},NOW$/);

    expect((storage.SerdeInfo as Properties).SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    const columns = storage.Columns as { Name: string; Type: string }[];
    expect(columns).toEqual(Object.entries(AUDIT_EVENT_COLUMNS).map(([field, type]) => ({ Name: field.toLowerCase(), Type: type })));
    // Every field a real audit event stores has its column (DynamoDB JSON: scalars are {S}, maps {M}).
    const actor = { type: 'partner', id: 'p_1', keyId: 'k_1', sourceIp: '192.0.2.1' } as const;
    const stored = pipeOutput({ dynamodb: { NewImage: auditImage({ action: 'x', actor, tenantId: 't', partnerId: 'p_1', subject: 's', details: { n: 1 } }) } }) as Record<string, Record<string, unknown>>;
    for (const [field, value] of Object.entries(stored)) {
      const column = columns.find((c) => c.Name === field.toLowerCase());
      expect(column, field).toBeDefined();
      if ('S' in value) expect(column!.Type, field).toMatch(/^struct<s:string/);
      if ('M' in value && field !== 'details') {
        expect(column!.Type, field).toMatch(/m:struct</);
        // Each field of a stored map (the actor's) is a member of its struct.
        for (const key of Object.keys(value.M as object)) expect(column!.Type, `${field}.${key}`).toContain(`${key.toLowerCase()}:struct<s:string>`);
      }
    }
    expect(Object.keys(stored.actor.M as object).sort()).toEqual(Object.keys(actor).sort());
    const database = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::Glue::Database'));
    expect(database).toHaveLength(1);
    expect(glueTable.DatabaseName).toBe((database[0].Properties?.DatabaseInput as Properties).Name);
    expect(glueTable.DatabaseName).toMatch(/^[a-z0-9_]+$/);
  });

  it('R29 least privilege: no wildcard action; the Firehose role puts objects under the two prefixes of the archive bucket only; the pipe reads the stream, puts into its Firehose stream and reports to its queue, nothing else', () => {
    const archive = synth.stateful.auditArchive;
    const statementsOfRole = (roleId: string): Statement[] =>
      Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::IAM::Policy'))
        .filter((p) => (p.Properties?.Roles as unknown[]).some((r) => referencedId(r) === roleId))
        .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
    const firehoseRoleId = idOf(archive.firehoseRole);
    const pipeRoleId = idOf(archive.pipeRole);
    for (const roleId of [firehoseRoleId, pipeRoleId]) {
      const role = resources[roleId].Properties ?? {};
      expect(role.ManagedPolicyArns, roleId).toBeUndefined();
      expect(role.Policies, roleId).toBeUndefined();
      for (const s of statementsOfRole(roleId)) {
        expect(s.Effect).toBe('Allow');
        for (const action of asList(s.Action)) expect(action, `${roleId} ${action}`).not.toMatch(/\*/);
        expect(asList(s.Resource), `${roleId} ${JSON.stringify(s)}`).not.toContain('*');
      }
    }
    const trusted = (roleId: string) => (resources[roleId].Properties?.AssumeRolePolicyDocument as { Statement: { Principal: unknown; Condition?: unknown }[] }).Statement;
    expect(trusted(firehoseRoleId)).toEqual([expect.objectContaining({ Principal: { Service: 'firehose.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })]);
    expect(trusted(pipeRoleId)).toEqual([expect.objectContaining({ Principal: { Service: 'pipes.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })]);

    const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
    const under = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}*`]] });
    const firehose = statementsOfRole(firehoseRoleId);
    const s3Statements = firehose.filter((s) => asList(s.Action).some((a) => a.startsWith('s3:')));
    const writes = s3Statements.filter((s) => asList(s.Action).includes('s3:PutObject'));
    expect(writes).toHaveLength(1);
    expect(asList(writes[0].Action).sort()).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
    expect(asList(writes[0].Resource)).toEqual([under(ARCHIVE_PREFIX), under(ARCHIVE_ERROR_PREFIX)]);
    for (const s of s3Statements.filter((s) => s !== writes[0])) {
      // On the bucket itself: where it is and what uploads are open, never an object.
      expect(asList(s.Resource)).toEqual([bucketArn]);
      expect(asList(s.Action).sort()).toEqual(['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads']);
    }
    const others = firehose.filter((s) => !s3Statements.includes(s));
    expect(others.flatMap((s) => asList(s.Action))).toEqual(['logs:PutLogEvents']);

    const pipeStatements = statementsOfRole(pipeRoleId);
    const byAction = (prefix: string) => pipeStatements.filter((s) => asList(s.Action).every((a) => a.startsWith(prefix)));
    expect(pipeStatements).toHaveLength(3);
    expect(byAction('dynamodb:').map((s) => [asList(s.Action).sort(), s.Resource])).toEqual([
      [['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], { 'Fn::GetAtt': [tableId(), 'StreamArn'] }],
    ]);
    expect(byAction('firehose:').map((s) => [asList(s.Action).sort(), s.Resource])).toEqual([[['firehose:PutRecord', 'firehose:PutRecordBatch'], { 'Fn::GetAtt': [streamId(), 'Arn'] }]]);
    expect(byAction('sqs:').map((s) => [asList(s.Action), s.Resource])).toEqual([[['sqs:SendMessage'], { 'Fn::GetAtt': [queueId(), 'Arn'] }]]);

    // Nobody else may write the archive bucket (the functions, the backup role, any role of either stack),
    // and nobody at all may delete its objects or touch their retention.
    for (const [name, template] of [['stateful', synth.statefulTemplate], ['stateless', synth.statelessTemplate]] as const) {
      for (const { owner, statement } of iamStatements(template)) {
        const resourcesText = JSON.stringify(statement.Resource);
        const actions = asList(statement.Action);
        expect(actions.filter((a) => /^s3:(Delete|PutObjectRetention|PutObjectLegalHold|BypassGovernanceRetention|PutBucketObjectLockConfiguration)/.test(a)), `${name}/${owner}`).toEqual([]);
        if (resourcesText.includes(bucketId) && actions.some((a) => a.startsWith('s3:'))) expect(owner, `${name}/${owner}`).toBe(idOf(archive.firehosePolicy));
      }
    }
  });

  it('R29 gives Athena a workgroup of its own: results encrypted, in the downloads bucket (gone after a day), scans bounded', () => {
    const workGroup = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::Athena::WorkGroup'));
    expect(workGroup).toHaveLength(1);
    const configuration = workGroup[0].Properties?.WorkGroupConfiguration as Properties;
    expect(configuration.EnforceWorkGroupConfiguration).toBe(true);
    const results = configuration.ResultConfiguration as Properties;
    expect(results.EncryptionConfiguration).toEqual({ EncryptionOption: 'SSE_S3' });
    expect(JSON.stringify(results.OutputLocation)).toContain(idOf(synth.stateful.downloads));
    expect(configuration.BytesScannedCutoffPerQuery).toBeGreaterThan(0);
  });
});
