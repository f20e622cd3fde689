import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What lands here and what an operator does about it: the alarm's description (README "Operations"). */
  readonly purpose: string;
}

/**
 * Where something that failed for good is kept for an operator: encrypted (SQS managed keys, which
 * EventBridge, SNS and Lambda destinations can all send to), reachable over TLS only, for 14 days
 * (the most SQS keeps). Nothing reads it automatically; the Monitoring construct alarms on its
 * first message.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly purpose: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.purpose = props.purpose;
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue (an on-failure destination); nothing consumes it automatically, so a dead-letter queue of its own would only move the same messages again. An alarm fires on its first message.',
    });
  }
}
