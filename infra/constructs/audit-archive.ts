import { ArnFormat, Aws, type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { LogGroup, LogStream, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AuditEvent } from '#shared/table/audit.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

/**
 * How long an archived audit event cannot be changed or deleted by anyone, the account's root
 * included (S3 Object Lock, compliance mode): 7 years. The table keeps events 400 days for the
 * customer's own view (R29); the archive answers the questions that come later (a dispute about
 * who granted a partner access to a tenant, an auditor's request), and 7 years is the longest of
 * the periods such records are commonly kept for (SOX's 7 years for audit records; 6 to 10 years
 * for commercial and tax records in most EU states), while not keeping them forever. After it,
 * the lifecycle rule removes them.
 */
export const ARCHIVE_RETENTION_YEARS = 7;
/** The same in days as the bucket's rules state it (7 years of 365 days, plus their leap days). */
export const ARCHIVE_RETENTION_DAYS = ARCHIVE_RETENTION_YEARS * 365 + 2;

/** Where Firehose writes: one folder per tenant and day (dynamic partitioning), the Glue table's location. */
export const ARCHIVE_PREFIX = 'audit/';
/** Records Firehose could not partition or deliver, by error type and day. */
export const ARCHIVE_ERROR_PREFIX = 'errors/';
/**
 * The partition of events with no tenant (an operator's change to a partner, a partner's own key).
 * A tenant whose id is literally "none" shares it: its rows still carry their own `tenantid`.
 */
export const NO_TENANT = 'none';

/**
 * Which records of the table's stream go to the archive: the insertion of an audit item, and
 * nothing else. An audit item is written once (`attribute_not_exists`), so its INSERT is the
 * event; a MODIFY (a backfilled attribute) would only repeat it, and a REMOVE (the 400-day TTL,
 * or an operator's delete) is never forwarded: the archive is append-only.
 */
export const AUDIT_ARCHIVE_FILTER = { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['audit'] } } } } as const;

/**
 * The record Firehose receives: the stored audit event itself (the item's `data` map, in
 * DynamoDB's attribute-value JSON, the format of DynamoDB's own exports to S3), not the stream
 * record around it: the pipe's input template picks it out, so no function sits in the chain.
 */
export const ARCHIVE_INPUT_TEMPLATE = '<$.dynamodb.NewImage.data.M>';

/**
 * Firehose's partition keys, read from the record with jq 1.6 (dynamic partitioning): the event's
 * tenant (NO_TENANT when it has none), percent-encoded (`@uri`: a tenant id is any string of up to
 * 64 characters, and a `/` in it must not make a folder; a GUID is unchanged), and its day (UTC,
 * the first 10 characters of `at`, an ISO 8601 time).
 */
export const ARCHIVE_PARTITION_QUERY = `{tenant: ((.tenantId.S // "${NO_TENANT}") | @uri), day: (.at.S[0:10])}`;
export const ARCHIVE_DATA_PREFIX = `${ARCHIVE_PREFIX}tenant=!{partitionKeyFromQuery:tenant}/day=!{partitionKeyFromQuery:day}/`;

/**
 * The first day the projection offers: before any event of the service, so events archived again
 * from the table (up to 400 days old, README) are found too; days with no folder are simply empty.
 */
export const ARCHIVE_FIRST_DAY = '2020-01-01';
/** Where Athena's results go in the downloads bucket. */
export const ATHENA_RESULTS_PREFIX = 'athena/';

/** A scalar attribute as DynamoDB's JSON writes it (`{"S": "..."}`); Athena reads it as `column.s`. */
const S = 'struct<s:string>';
/**
 * The Glue table's columns: one per field of the stored audit event, as DynamoDB's JSON has it.
 * Typed against AuditEvent, so a field added to the event fails the type check until it is here.
 * Column names are the fields' names in lower case (the JSON SerDe matches keys case-insensitively).
 * `details` is free-form: its map is kept as JSON text (query it with json_extract).
 */
export const AUDIT_EVENT_COLUMNS: Record<keyof AuditEvent, string> & Record<string, string> = {
  id: S,
  at: S,
  action: S,
  // Absent on a change that happened; `refused` on a refused attempt (R29).
  outcome: S,
  tenantId: S,
  partnerId: S,
  actor: `struct<m:struct<type:${S},id:${S},keyid:${S},name:${S},signin:${S},sourceip:${S}>>`,
  // The id of what changed; its category and type follow from the action (shared/domain/audit.ts AUDIT_ACTIONS).
  subject: S,
  subjectName: S,
  details: 'string',
};

export interface AuditArchiveProps {
  /** The single table; its stream (NEW_AND_OLD_IMAGES) feeds the archive. */
  readonly table: ITableV2;
  /** Where Athena writes query results (the downloads bucket: they expire after a day). */
  readonly queryResults: IBucket;
}

/**
 * The long-term audit archive (issue 24): the table's stream → an EventBridge Pipe that passes
 * only audit items' insertions (AUDIT_ARCHIVE_FILTER) and hands Firehose the stored event →
 * Kinesis Data Firehose, partitioning by tenant and day → an S3 bucket with Object Lock in
 * compliance mode for ARCHIVE_RETENTION_YEARS; a Glue database and table (partition projection)
 * and an Athena workgroup query it. No code of the service runs in it, and it reads the stream
 * on its own (the stream consumer is the stream's other reader), so the outbox and the archive
 * never hold each other up. Failures: the pipe retries a record for as long as the stream keeps
 * it (24 h), then sends its position to `failures`; Firehose retries S3 for 24 h and writes what
 * it cannot partition under ARCHIVE_ERROR_PREFIX. The audit items themselves stay in the table
 * for 400 days, so anything that fell out can be archived again from it (README, Operations).
 */
export class AuditArchive extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;
  readonly deliveryStream: CfnDeliveryStream;
  readonly pipe: CfnPipe;
  readonly pipeRole: Role;
  readonly firehoseRole: Role;
  /** The Firehose role's one policy: puts under the two prefixes of `bucket`, its own log stream. */
  readonly firehosePolicy: Policy;
  /** Stream positions of records the pipe gave up on (their audit items are still in the table). */
  readonly failures: DeadLetterQueue;
  readonly database: CfnDatabase;
  readonly glueTable: CfnTable;
  readonly workGroup: CfnWorkGroup;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { table } = props;
    if (!table.tableStreamArn) throw new Error('AuditArchive: the table needs its stream');

    // Who read or tried to change the archive: S3 server access logs, kept as long as the archive.
    // (cdk-nag asks no access log of a bucket that is itself a log target.)
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(ARCHIVE_RETENTION_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // S3-managed keys: nothing to lose or schedule for deletion during the 7 years (a customer
      // managed key deleted by mistake would make the locked objects unreadable).
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(ARCHIVE_RETENTION_DAYS)),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'archive/',
      lifecycleRules: [
        // Once its retention has passed, an object goes (a delete marker, then the version a day later).
        { expiration: Duration.days(ARCHIVE_RETENTION_DAYS + 1), noncurrentVersionExpiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Firehose: its own delivery errors in a log group of its own.
    const logGroup = new LogGroup(this, 'DeliveryLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    const logStream = new LogStream(this, 'DeliveryLogStream', { logGroup, logStreamName: 'S3Delivery', removalPolicy: RemovalPolicy.DESTROY });

    // Firehose's role: write objects under the two prefixes of that one bucket, and its own log.
    this.firehoseRole = new Role(this, 'FirehoseRole', {
      description: 'device-consent: Firehose writes audit events (and the records it could not partition) to the audit archive bucket, nothing else',
      assumedBy: new ServicePrincipal('firehose.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
    });
    this.firehosePolicy = new Policy(this, 'FirehosePolicy', {
      roles: [this.firehoseRole],
      statements: [
        new PolicyStatement({
          sid: 'WriteArchiveObjects',
          actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
          resources: [`${this.bucket.bucketArn}/${ARCHIVE_PREFIX}*`, `${this.bucket.bucketArn}/${ARCHIVE_ERROR_PREFIX}*`],
        }),
        new PolicyStatement({
          sid: 'LocateArchiveBucket',
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [this.bucket.bucketArn],
        }),
        new PolicyStatement({
          sid: 'LogDeliveryErrors',
          actions: ['logs:PutLogEvents'],
          resources: [
            stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: `${logGroup.logGroupName}:log-stream:${logStream.logStreamName}`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
        }),
      ],
    });
    const firehosePolicy = this.firehosePolicy;
    Validations.of(firehosePolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/${ARCHIVE_PREFIX}*]`,
      reason:
        'Firehose names each object itself (tenant, day, time and a random suffix under the audit/ prefix), so it may put objects under that prefix of the archive bucket only; it may not read, delete or change retention, and Object Lock keeps every object as written.',
    });
    Validations.of(firehosePolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/${ARCHIVE_ERROR_PREFIX}*]`,
      reason:
        'Records Firehose could not partition are written under the errors/ prefix with names it makes itself (error type, day, time), so it may put objects under that prefix of the archive bucket only, and nothing else.',
    });

    this.deliveryStream = new CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: this.bucket.bucketArn,
        roleArn: this.firehoseRole.roleArn,
        prefix: ARCHIVE_DATA_PREFIX,
        errorOutputPrefix: `${ARCHIVE_ERROR_PREFIX}!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/`,
        // Dynamic partitioning needs a buffer of 64 MB at least; 5 minutes bounds an event's wait.
        bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 },
        compressionFormat: 'GZIP',
        fileExtension: '.json.gz',
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 7200 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'MetadataExtraction',
              parameters: [
                { parameterName: 'MetadataExtractionQuery', parameterValue: ARCHIVE_PARTITION_QUERY },
                { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
              ],
            },
            // One event a line, as Athena's JSON SerDe reads them.
            { type: 'AppendDelimiterToRecord', parameters: [{ parameterName: 'Delimiter', parameterValue: '\\n' }] },
          ],
        },
        cloudWatchLoggingOptions: { enabled: true, logGroupName: logGroup.logGroupName, logStreamName: logStream.logStreamName },
        s3BackupMode: 'Disabled',
      },
    });
    // Firehose checks at creation that its role may write the bucket.
    this.deliveryStream.node.addDependency(firehosePolicy);

    this.failures = new DeadLetterQueue(this, 'Failures', {
      purpose:
        "the audit archive's pipe gave up on stream records (Firehose refused them for 24 hours, or they left the stream). The message names the shard and sequence numbers only; the audit items are still in the table (400 days): archive that time range again (README, Operations), then purge the queue.",
    });

    // The pipe's role: read the table's stream, put records into this delivery stream, report failures.
    this.pipeRole = new Role(this, 'PipeRole', {
      description: "device-consent: the audit archive's pipe reads the table's stream and puts audit events into its Firehose stream",
      assumedBy: new ServicePrincipal('pipes.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
    });
    const pipePolicy = new Policy(this, 'PipePolicy', {
      roles: [this.pipeRole],
      statements: [
        new PolicyStatement({
          sid: 'ReadTableStream',
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
          resources: [table.tableStreamArn],
        }),
        new PolicyStatement({
          sid: 'PutArchiveRecords',
          actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
          resources: [this.deliveryStream.attrArn],
        }),
        new PolicyStatement({
          sid: 'ReportFailures',
          actions: ['sqs:SendMessage'],
          resources: [this.failures.queue.queueArn],
        }),
      ],
    });

    this.pipe = new CfnPipe(this, 'Pipe', {
      description: "device-consent: every audit event inserted in the table, from the table's stream to the audit archive (Firehose)",
      roleArn: this.pipeRole.roleArn,
      source: table.tableStreamArn,
      sourceParameters: {
        filterCriteria: { filters: [{ pattern: JSON.stringify(AUDIT_ARCHIVE_FILTER) }] },
        dynamoDbStreamParameters: {
          // Every record the stream still holds when the pipe is made (24 h): nothing written
          // during the deployment is missed.
          startingPosition: 'TRIM_HORIZON',
          batchSize: 100,
          maximumBatchingWindowInSeconds: 5,
          // Retried for as long as the stream keeps the record; a failing batch is halved to find its record.
          maximumRetryAttempts: 185,
          maximumRecordAgeInSeconds: 24 * 3600,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: this.failures.queue.queueArn },
        },
      },
      target: this.deliveryStream.attrArn,
      targetParameters: { inputTemplate: ARCHIVE_INPUT_TEMPLATE },
      desiredState: 'RUNNING',
    });
    this.pipe.node.addDependency(pipePolicy);

    // Athena: a database and a table over the archive, its partitions projected (nothing to load).
    const databaseName = `${stack.stackName.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_audit`;
    this.database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: databaseName, description: 'device-consent: the long-term audit archive (README, "The audit archive")' },
    });
    const location = `s3://${this.bucket.bucketName}/${ARCHIVE_PREFIX}`;
    this.glueTable = new CfnTable(this, 'EventsTable', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName,
      tableInput: {
        name: 'events',
        description: 'Audit events as stored in the table (DynamoDB JSON: a field is field.s), one folder per tenant and day',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [
          { name: 'tenant', type: 'string', comment: `the event's tenantId, or "${NO_TENANT}"` },
          { name: 'day', type: 'string', comment: 'the UTC day of the event (yyyy-MM-dd)' },
        ],
        parameters: {
          classification: 'json',
          compressionType: 'gzip',
          'projection.enabled': 'true',
          // Every query names its tenant (or tenants): R29's trail is per tenant, and no listing of tenants is needed.
          'projection.tenant.type': 'injected',
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy-MM-dd',
          'projection.day.range': `${ARCHIVE_FIRST_DAY},NOW`,
          'projection.day.interval': '1',
          'projection.day.interval.unit': 'DAYS',
          'storage.location.template': `${location}tenant=\${tenant}/day=\${day}/`,
        },
        storageDescriptor: {
          location,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
          columns: Object.entries(AUDIT_EVENT_COLUMNS).map(([field, type]) => ({ name: field.toLowerCase(), type })),
        },
      },
    });
    this.glueTable.node.addDependency(this.database);

    // Queries run in a workgroup of their own: results encrypted, in the downloads bucket (gone after a day).
    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: `${stack.stackName}-audit`,
      description: 'device-consent: queries of the audit archive',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        // A query that would scan more than 10 GB is cancelled: always name the tenant and the days.
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: `s3://${props.queryResults.bucketName}/${ATHENA_RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }
}
