import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { localClientOptions, requireEnv } from '../config/env.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The one interface for sending mail; SES in AWS, aws-ses-v2-local locally. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

let client: SESv2Client | undefined;

export const sesMailer: Mailer = {
  async send(message) {
    client ??= new SESv2Client({ ...localClientOptions('SES_ENDPOINT'), maxAttempts: 2 });
    const out = await client.send(
      new SendEmailCommand({
        FromEmailAddress: requireEnv('MAIL_FROM'),
        Destination: { ToAddresses: [message.to] },
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
