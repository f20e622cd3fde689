import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';

/**
 * SES notifications as SES publishes them through a configuration set's SNS event destination
 * (the event publishing format), wrapped in the SNS record Lambda receives: what the ses-events
 * function gets in AWS, built here so tests and `npm run suppressions -- simulate` (the local SES
 * sends no such events) feed it the same shape.
 */
const ACCOUNT = '123456789012';
const mail = (recipients: string[], tags: Record<string, string>) => ({
  timestamp: new Date(Date.now() - 60_000).toISOString(),
  source: 'no-reply@device-consent.example',
  sourceArn: `arn:aws:ses:us-east-1:${ACCOUNT}:identity/device-consent.example`,
  sendingAccountId: ACCOUNT,
  messageId: `0100018f${randomUUID().replaceAll('-', '')}-000000`,
  destination: recipients,
  headersTruncated: false,
  headers: [
    { name: 'From', value: 'no-reply@device-consent.example' },
    { name: 'To', value: recipients.join(', ') },
    { name: 'Subject', value: 'Contoso asks for permission to register devices for your organization' },
  ],
  commonHeaders: { from: ['no-reply@device-consent.example'], to: recipients, subject: 'Contoso asks for permission to register devices for your organization' },
  tags: {
    'ses:configuration-set': ['DeviceConsentStateful-MailConfigurationSet'],
    'ses:source-ip': ['192.0.2.10'],
    'ses:from-domain': ['device-consent.example'],
    'ses:caller-identity': ['DeviceConsentStateless-streamconsumerRole'],
    ...Object.fromEntries(Object.entries(tags).map(([name, value]) => [name, [value]])),
  },
});

export function bounceNotification(recipients: string[], options: { bounceType?: 'Permanent' | 'Transient' | 'Undetermined'; subType?: string; tags?: Record<string, string> } = {}) {
  const bounceType = options.bounceType ?? 'Permanent';
  return {
    eventType: 'Bounce',
    bounce: {
      feedbackId: `0100018f${randomUUID().replaceAll('-', '')}-000000`,
      bounceType,
      bounceSubType: options.subType ?? (bounceType === 'Permanent' ? 'General' : 'MailboxFull'),
      bouncedRecipients: recipients.map((emailAddress) => ({
        emailAddress,
        action: 'failed',
        status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2',
        diagnosticCode: bounceType === 'Permanent' ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
      })),
      timestamp: new Date().toISOString(),
      reportingMTA: 'dsn; a8-12.smtp-out.amazonses.com',
    },
    mail: mail(recipients, options.tags ?? {}),
  };
}

export function complaintNotification(recipients: string[], options: { feedbackType?: string; tags?: Record<string, string> } = {}) {
  return {
    eventType: 'Complaint',
    complaint: {
      feedbackId: `0100018f${randomUUID().replaceAll('-', '')}-000000`,
      complaintSubType: null,
      complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
      timestamp: new Date().toISOString(),
      userAgent: 'Mozilla/5.0',
      complaintFeedbackType: options.feedbackType ?? 'abuse',
      arrivalDate: new Date().toISOString(),
    },
    mail: mail(recipients, options.tags ?? {}),
  };
}

export function deliveryNotification(recipients: string[], options: { tags?: Record<string, string> } = {}) {
  return {
    eventType: 'Delivery',
    delivery: { timestamp: new Date().toISOString(), processingTimeMillis: 546, recipients, smtpResponse: '250 ok', reportingMTA: 'a8-70.smtp-out.amazonses.com', remoteMtaIp: '192.0.2.20' },
    mail: mail(recipients, options.tags ?? {}),
  };
}

/** The SNS event Lambda gets for one message of the SES events topic. */
export function snsEventOf(notification: unknown, message = JSON.stringify(notification)): SNSEvent {
  const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:DeviceConsentStateless-MailEventsTopic`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Message: message,
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
          UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}`,
          MessageAttributes: {},
        },
      },
    ],
  };
}
