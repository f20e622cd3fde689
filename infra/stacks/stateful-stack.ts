import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/table/definition.ts';
import { ServiceSecret } from '../constructs/service-secret.ts';

export interface StatefulStackProps extends StackProps {
  /** The domain mail is sent from; verified as an SES domain identity (Easy DKIM). */
  readonly mailDomain: string;
}

/**
 * What holds data or identity and must survive any redeploy of the code: the single table, the
 * SES identity of the mail domain and the service secret. Nothing here changes when a function
 * or a route changes; the stateless stack receives these by reference.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly mailIdentity: EmailIdentity;
  readonly secret: ISecret;

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
      })),
      billing: Billing.onDemand(),
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

    this.mailIdentity = new EmailIdentity(this, 'MailIdentity', {
      identity: Identity.domain(props.mailDomain),
    });

    this.secret = new ServiceSecret(this, 'ServiceSecret').secret;

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single DynamoDB table' });
  }
}
