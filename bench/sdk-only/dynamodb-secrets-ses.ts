/**
 * The SDK-only baseline of a function that uses DynamoDB (through the document client), Secrets
 * Manager and SES v2: the same clients and commands, made at first use as the functions make
 * theirs, and nothing else. Bundled with the functions' own options (functionBundling).
 */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { handler as dynamoDbAndSecrets } from './dynamodb-secrets.ts';

let ses: SESv2Client | undefined;

export const handler = async (event: Parameters<typeof dynamoDbAndSecrets>[0] & { email?: never }) => {
  ses ??= new SESv2Client({});
  return [...(await dynamoDbAndSecrets(event)), event.email ? await ses.send(new SendEmailCommand(event.email)) : undefined];
};
