import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CfnElement } from 'aws-cdk-lib';
import { SECRET_NAMES } from '../../infra/constructs/service-secret.ts';
import { BACKUP_RETENTION } from '../../infra/stacks/stateful-stack.ts';
import { PEAK_UNITS, TABLE_INDEXES, TABLE_KEY, TABLE_WARM_THROUGHPUT, TTL_ATTRIBUTE } from '#shared/table/definition.ts';
import { referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

describe('stateful stack', () => {
  let synth: SynthesizedService;
  beforeAll(() => {
    synth = synthService({ mailDomain: 'consent.contoso.example' });
  }, SYNTH_TIMEOUT_MS);

  it('makes the single table from shared/table/definition.ts, protected and encrypted', () => {
    synth.statefulTemplate.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    synth.statefulTemplate.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
        ],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('has exactly the GSIs of TABLE_INDEXES, string keys, projecting all attributes, each warmed as defined', () => {
    const table = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::DynamoDB::GlobalTable'))[0].Properties ?? {};
    expect(table.GlobalSecondaryIndexes).toEqual(
      TABLE_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
        WarmThroughput: { ReadUnitsPerSecond: index.warmThroughput.readUnitsPerSecond, WriteUnitsPerSecond: index.warmThroughput.writeUnitsPerSecond },
      })),
    );
    const keyAttributes = [TABLE_KEY.partitionKey, TABLE_KEY.sortKey, ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey])];
    expect(table.AttributeDefinitions).toEqual(keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })));
  });

  it('issue 26: the table and each index are warmed to the simulation\'s peak with a quarter of headroom (the due index above its 17,714 write units a second)', () => {
    const table = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::DynamoDB::GlobalTable'))[0].Properties ?? {};
    expect(table.WarmThroughput).toEqual({ ReadUnitsPerSecond: TABLE_WARM_THROUGHPUT.readUnitsPerSecond, WriteUnitsPerSecond: TABLE_WARM_THROUGHPUT.writeUnitsPerSecond });
    const warmOf = (name: string) => (table.GlobalSecondaryIndexes as { IndexName: string; WarmThroughput: { ReadUnitsPerSecond: number; WriteUnitsPerSecond: number } }[]).find((i) => i.IndexName === name)?.WarmThroughput;
    for (const [name, peak] of [['due', PEAK_UNITS.due], ['gsi1', PEAK_UNITS.gsi1], ['gsi2', PEAK_UNITS.gsi2]] as const) {
      expect(warmOf(name)!.WriteUnitsPerSecond, name).toBeGreaterThanOrEqual(peak.write * 1.25);
      // Never below what a new on-demand index starts with.
      expect(warmOf(name)!.ReadUnitsPerSecond, name).toBeGreaterThanOrEqual(12_000);
    }
    expect(warmOf('due')).toEqual({ ReadUnitsPerSecond: 12_000, WriteUnitsPerSecond: 23_000 });
    const tableWarm = table.WarmThroughput as { ReadUnitsPerSecond: number; WriteUnitsPerSecond: number };
    expect(tableWarm.WriteUnitsPerSecond).toBeGreaterThanOrEqual(PEAK_UNITS.table.write * 1.25);
    expect(tableWarm.ReadUnitsPerSecond).toBeGreaterThanOrEqual(PEAK_UNITS.table.read * 1.25);
  });

  it('verifies the mail domain with SES and sends from it', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'consent.contoso.example' });
    const mailFrom = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function'))
      .map((fn) => (fn.Properties?.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables.MAIL_FROM)
      .filter((from) => from !== undefined);
    // The senders of mail: the stream consumer and the scheduled check.
    expect(mailFrom.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mailFrom)).toEqual(new Set(['no-reply@consent.contoso.example']));
  });

  it('outputs the table name', () => {
    const [tableId] = Object.keys(resourcesOfType(synth.statefulTemplate, 'AWS::DynamoDB::GlobalTable'));
    expect(tableId).toBeDefined();
    synth.statefulTemplate.hasOutput('TableName', { Value: { Ref: tableId } });
  });

  it('generates every secret, one Secrets Manager secret each: no secret value in any template', () => {
    // The identity provider's client secret (R21, test/infra/oidc.test.ts) is Entra's, not one of the service's own.
    const secrets = Object.entries(resourcesOfType(synth.statefulTemplate, 'AWS::SecretsManager::Secret'))
      .filter(([id]) => !id.startsWith('OidcClientSecret'))
      .map(([, secret]) => secret);
    expect(secrets).toHaveLength(SECRET_NAMES.length);
    for (const secret of secrets) {
      expect(secret.Properties?.SecretString).toBeUndefined();
      expect(secret.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    }
    // The operator token's hash starts as 64 hex digits: well-formed, the hash of no known token.
    const hash = secrets.filter((s) => /SHA-256/.test(String(s.Properties?.Description)));
    expect(hash).toHaveLength(1);
    expect(hash[0].Properties?.GenerateSecretString).toMatchObject({ ExcludeUppercase: true, ExcludeCharacters: 'ghijklmnopqrstuvwxyz' });
    for (const template of [synth.statefulTemplate, synth.statelessTemplate]) {
      expect(JSON.stringify(template.toJSON())).not.toMatch(/OPS_TOKEN"|CURSOR_KEY"|SESSION_KEY"|WEBHOOK_KEY"|opsToken"/);
    }
  });

  it('keeps the construct ids of the former service secret\'s seeds, so a deployed service keeps its keys', () => {
    for (const name of ['cursorKey', 'sessionKey', 'webhookKey'] as const) {
      expect(synth.stateful.secrets[name].node.path).toBe(`DeviceConsentStateful/ServiceSecret/Seed-${name}`);
    }
  });

  it('backs the table up with AWS Backup on top of point-in-time recovery: daily and monthly, in a vault kept with the data', () => {
    const tableId = synth.stateful.getLogicalId(synth.stateful.table.node.defaultChild as CfnElement);
    const vaults = resourcesOfType(synth.statefulTemplate, 'AWS::Backup::BackupVault');
    expect(Object.keys(vaults)).toHaveLength(1);
    const [vaultId] = Object.keys(vaults);
    synth.statefulTemplate.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });

    const plans = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::Backup::BackupPlan'));
    expect(plans).toHaveLength(1);
    const rules = (plans[0].Properties?.BackupPlan as { BackupPlanRule: Record<string, unknown>[] }).BackupPlanRule;
    expect(rules.map((r) => [r.RuleName, r.ScheduleExpression, (r.Lifecycle as { DeleteAfterDays: number }).DeleteAfterDays]).sort()).toEqual(
      [
        ['Daily', 'cron(0 3 * * ? *)', BACKUP_RETENTION.dailyDays],
        ['Monthly', 'cron(0 4 1 * ? *)', BACKUP_RETENTION.monthlyDays],
      ].sort(),
    );
    for (const rule of rules) expect(referencedId(rule.TargetBackupVault)).toBe(vaultId);

    const selections = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::Backup::BackupSelection')).map((s) => s.Properties?.BackupSelection as Record<string, unknown>);
    expect(selections).toHaveLength(1);
    expect(selections[0].Resources).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
    synth.statefulTemplate.hasOutput('BackupVaultName', {});
  });

  it('issue 21: keeps large downloads in a bucket of their own: private, TLS only, S3-managed encryption, gone after a day, its name an output', () => {
    const buckets = resourcesOfType(synth.statefulTemplate, 'AWS::S3::Bucket');
    const bucketId = synth.stateful.getLogicalId(synth.stateful.downloads.node.defaultChild as CfnElement);
    // Issue 24: besides it, only the audit archive's bucket and its access-log bucket (audit-archive.test.ts).
    const archive = synth.stateful.auditArchive;
    const archiveIds = [archive.bucket, archive.accessLogs].map((b) => synth.stateful.getLogicalId(b.node.defaultChild as CfnElement));
    expect(Object.keys(buckets).sort()).toEqual([bucketId, ...archiveIds].sort());
    const bucket = synth.statefulTemplate.toJSON().Resources[bucketId] as { Properties: Record<string, unknown>; DeletionPolicy?: string };
    const p = bucket.Properties;
    // Named as the functions' grants name it (permissions.test.ts): the stack, the account, the region.
    expect(p.BucketName).toEqual({ 'Fn::Join': ['', ['deviceconsentstateful-downloads-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] });
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(p.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    // SSE-S3, not KMS: a presigned GET works without a key grant to whoever downloads.
    expect(p.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    // One rule for the whole bucket (no prefix, no filter): every object a day, and a multipart upload left unfinished.
    expect(p.LifecycleConfiguration).toEqual({ Rules: [{ Status: 'Enabled', ExpirationInDays: 1, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] });
    expect(p.WebsiteConfiguration).toBeUndefined();
    expect(p.CorsConfiguration).toBeUndefined();
    // Copies of lists the table holds, each gone after a day: nothing to keep when the stack goes.
    expect(bucket.DeletionPolicy).toBe('Delete');

    // TLS only: the one statement of its policy refuses every request over plain HTTP, to the bucket and its objects.
    const policies = Object.values(resourcesOfType(synth.statefulTemplate, 'AWS::S3::BucketPolicy')).filter((policy) => referencedId(policy.Properties?.Bucket) === bucketId);
    expect(policies).toHaveLength(1);
    expect((policies[0].Properties?.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        Resource: [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] }],
      },
    ]);

    synth.statefulTemplate.hasOutput('DownloadsBucketName', { Value: { Ref: bucketId } });
  });
});
