import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { localClientOptions, optionalEnv, requireEnv } from '#shared/config/env.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * SES message tags (names and values of letters, digits, `_` and `-`): they come back in the
   * bounce and complaint events, so ses-events knows which request's email bounced.
   */
  tags?: Record<string, string>;
}

/**
 * The one interface for sending mail; SES in AWS, aws-ses-v2-local locally. In AWS every message
 * goes through the configuration set (SES_CONFIGURATION_SET), whose events (deliveries, bounces,
 * complaints) reach the ses-events function.
 */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

let client: SESv2Client | undefined;

export const sesMailer: Mailer = {
  async send(message) {
    client ??= new SESv2Client({ ...localClientOptions('SES_ENDPOINT'), maxAttempts: 2 });
    const configurationSet = optionalEnv('SES_CONFIGURATION_SET');
    const out = await client.send(
      new SendEmailCommand({
        FromEmailAddress: requireEnv('MAIL_FROM'),
        Destination: { ToAddresses: [message.to] },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        ...(message.tags ? { EmailTags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
          },
        },
      }),
    );
    return { messageId: out.MessageId ?? '' };
  },
};
