import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { downloadsBucketName } from '../constructs/downloads-bucket.ts';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEY, TABLE_WARM_THROUGHPUT, TTL_ATTRIBUTE } from '#shared/table/definition.ts';
import { ServiceSecrets } from '../constructs/service-secret.ts';
import { AuditArchive } from '../constructs/audit-archive.ts';
import type { SecretName } from '#shared/config/secrets.ts';

export interface StatefulStackProps extends StackProps {
  /** The domain mail is sent from; verified as an SES domain identity (Easy DKIM). */
  readonly mailDomain: string;
}

/** How long backups are kept: daily ones 35 days, monthly ones a year (PITR covers the last 35 days to the second). */
export const BACKUP_RETENTION = { dailyDays: 35, monthlyDays: 365 } as const;

/**
 * What holds data or identity and must survive any redeploy of the code: the single table (with
 * point-in-time recovery, and AWS Backup's daily and monthly backups in a vault of their own), the
 * SES identity of the mail domain with its configuration set, the service's secrets, and the
 * long-term audit archive that the table's stream feeds (AuditArchive). Nothing
 * here changes when a function or a route changes; the stateless stack receives these by reference.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly mailIdentity: EmailIdentity;
  /** Every message goes through it: its events (stateless stack) and SES's suppression list. */
  readonly mailConfigurationSet: ConfigurationSet;
  /** One secret each, granted per function (least privilege): the operator token's hash and the keys. */
  readonly secrets: Record<SecretName, ISecret>;
  /** R21: the client secret of the app registration at the identity provider; the pages function's alone. */
  readonly oidcClientSecret: ISecret;
  readonly backupPlan: BackupPlan;
  /** Large downloads: a file written by a function, fetched through a presigned URL (shared/files/downloads.ts). */
  readonly downloads: Bucket;
  /** Issue 24: every audit event, from the table's stream to S3 (Object Lock, compliance mode), queried with Athena. */
  readonly auditArchive: AuditArchive;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    const str = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: str(TABLE_KEY.partitionKey),
      sortKey: str(TABLE_KEY.sortKey),
      globalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        indexName: index.name,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        // ProjectionType ALL (the default): every access pattern reads whole items from its index.
        // Warmed to the simulation's peak (issue 26; the derivation is at PEAK_UNITS).
        warmThroughput: index.warmThroughput,
      })),
      billing: Billing.onDemand(),
      warmThroughput: TABLE_WARM_THROUGHPUT,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // AWS managed key (aws/dynamodb) rather than the default AWS owned key: every use of the key
      // shows in CloudTrail, at no key cost. Not a customer managed key: no cross-account or
      // crypto-shredding need, and it would add a key policy, cross-stack KMS grants for every
      // function and a monthly key charge for no control this service uses.
      encryption: TableEncryptionV2.awsManagedKey(),
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Sent through by every function (SES_CONFIGURATION_SET) and the identity's default, so no
    // message escapes it. SES keeps its own suppression list of this account's hard bounces and
    // complaints as well as ours; the links in our mail sign people in, so TLS is required.
    this.mailConfigurationSet = new ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.mailIdentity = new EmailIdentity(this, 'MailIdentity', {
      identity: Identity.domain(props.mailDomain),
      configurationSet: this.mailConfigurationSet,
    });

    // The construct id of the former single service secret: its seeds, now the keys themselves, keep their values.
    this.secrets = new ServiceSecrets(this, 'ServiceSecret').secrets;

    // R21: the identity provider's client secret, issued by Entra when the app is registered, kept
    // in a secret of its own that only the pages function may read. It starts as a random
    // placeholder; operators put the real one (README, "Sign-in with Microsoft Entra ID").
    const oidcClientSecret = new Secret(this, 'OidcClientSecret', {
      description: 'device-consent: the client secret of the app registration at the identity provider (Microsoft Entra ID); read by the pages function only (OIDC_SECRET_ARN)',
      // A random placeholder until operators store Entra's client secret: the template holds no value.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(oidcClientSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'An Entra app credential: Entra issues it and gives it an expiry, so it is rotated there (a new client secret on the app registration) and put here by operators (put-secret-value); Secrets Manager cannot mint one.',
    });
    this.oidcClientSecret = oidcClientSecret;

    // Backups on top of point-in-time recovery: copies that outlive a table deleted by mistake or a
    // bad write older than PITR's 35 days, in a vault of their own that is kept with the stack.
    const vault = new BackupVault(this, 'BackupVault', { removalPolicy: RemovalPolicy.RETAIN });
    this.backupPlan = new BackupPlan(this, 'BackupPlan', {
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: Schedule.cron({ hour: '3', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: Duration.days(BACKUP_RETENTION.dailyDays),
        }),
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '4', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: Duration.days(BACKUP_RETENTION.monthlyDays),
        }),
      ],
    });
    const selection = this.backupPlan.addSelection('Table', { resources: [BackupResource.fromArn(this.table.tableArn)] });
    const backupRole = selection.node.tryFindChild('Role');
    if (backupRole) {
      Validations.of(backupRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason:
          "The service role AWS Backup assumes to back up the table, with the policy AWS maintains for it: what a DynamoDB backup job needs changes with AWS Backup's features, and a hand-written copy would silently break the backups. The role is assumable by backup.amazonaws.com only.",
      });
    }

    // Large downloads (a tenant's device export, a batch's results, issue 21): written by the
    // functions, fetched by presigned URL for 15 minutes, gone after a day. Not public, TLS only,
    // S3-managed encryption (a presigned GET works without a KMS grant to the downloader).
    this.downloads = new Bucket(this, 'Downloads', {
      // Named from the stack, the account and the region (no cross-stack reference): the functions'
      // grants name it the same way, so their policies hold no token cdk-nag cannot read.
      bucketName: downloadsBucketName(this.stackName),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    Validations.of(this.downloads).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Short-lived copies of lists the service already holds (each object expires after a day); who asked for each is in the audit trail and the function logs, and every request is signed by the function that made the object, so server access logs would record nothing of use.',
    });
    new CfnOutput(this, 'DownloadsBucketName', { value: this.downloads.bucketName, description: 'Large downloads (exports, batch results): objects expire after a day' });

    // Issue 24: the long-term audit archive. Here, with the data, not in the stateless stack: it
    // holds data, and its pipe keeps its place in the table's stream across any redeploy of the code.
    this.auditArchive = new AuditArchive(this, 'AuditArchive', { table: this.table, queryResults: this.downloads });
    new CfnOutput(this, 'AuditArchiveBucketName', { value: this.auditArchive.bucket.bucketName, description: 'The audit archive: every audit event, Object Lock (compliance mode), by tenant and day' });
    new CfnOutput(this, 'AuditArchiveDatabase', { value: this.auditArchive.database.ref, description: 'The Glue database of the audit archive (Athena: its table events)' });
    new CfnOutput(this, 'AuditArchiveDeliveryStreamName', { value: this.auditArchive.deliveryStream.ref, description: "The audit archive's Firehose stream (to put events again: README, Operations)" });
    new CfnOutput(this, 'AuditArchiveWorkGroup', { value: this.auditArchive.workGroup.ref, description: 'The Athena workgroup to query the audit archive in' });

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single DynamoDB table' });
    new CfnOutput(this, 'OidcClientSecretArn', { value: oidcClientSecret.secretArn, description: "Put the identity provider's client secret here (R21)" });
    new CfnOutput(this, 'BackupVaultName', { value: vault.backupVaultName, description: "The AWS Backup vault of the table's backups" });
  }
}
