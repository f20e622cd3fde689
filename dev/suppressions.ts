/**
 * Operators' tool for email suppressions (addresses that bounced for good or complained, which the
 * service never mails again): list them, show one, lift one. Lifting writes its audit event and,
 * in AWS, also removes the address from the SES account's own suppression list.
 *
 *   npm run suppressions -- list [--limit 50]
 *   npm run suppressions -- show admin@contoso.example
 *   npm run suppressions -- lift admin@contoso.example --reason "Mailbox recreated, confirmed by phone" [--by alice]
 *   npm run suppressions -- simulate bounce|complaint admin@contoso.example --local
 *
 * `simulate` (local only: the local SES reports nothing) gives the ses-events handler the SES
 * notification SES would publish, as SNS would deliver it: the same code as in AWS suppresses the
 * address. In AWS, send to SES's mailbox simulator (bounce@simulator.amazonses.com) instead.
 *
 * Against AWS: TABLE_NAME (the DeviceConsentStateful output TableName), AWS_REGION and the
 * operator's AWS credentials. Against `npm start`: add `--local` (DynamoDB Local on DYNAMODB_PORT,
 * default 8000).
 */
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { local: { type: 'boolean', default: false }, limit: { type: 'string', default: '50' }, reason: { type: 'string' }, by: { type: 'string' } },
});
const [command, ...args] = positionals;
const email = command === 'simulate' ? args[1] : args[0];

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (values.local) {
  Object.assign(process.env, {
    DEPLOYMENT: 'local',
    TABLE_NAME: process.env.TABLE_NAME ?? 'device-consent',
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? '8000'}`,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
} else if (!process.env.TABLE_NAME) {
  fail('TABLE_NAME is not set: it must be the table of the stack (output TableName of DeviceConsentStateful), or use --local');
}

// Imported once the environment is set: the table client reads it.
const { getSuppression, liftSuppression } = await import('#shared/suppressions/suppressions.ts');
const { listSuppressionsNewestFirst } = await import('#shared/table/suppressions.ts');

try {
  switch (command) {
    case 'list': {
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) fail('--limit must be a whole number from 1 to 1000');
      for (const s of await listSuppressionsNewestFirst(limit)) console.log(`${s.at}  ${s.reason.padEnd(10)}  ${s.email}  ${JSON.stringify(s.details ?? {})}`);
      break;
    }
    case 'show': {
      if (!email) fail('show needs an email address');
      const suppression = await getSuppression(email);
      console.log(suppression ? JSON.stringify(suppression, null, 2) : `${email} is not suppressed`);
      if (!suppression) process.exitCode = 1;
      break;
    }
    case 'lift': {
      if (!email) fail('lift needs an email address');
      if (!values.reason || values.reason.trim().length < 10) fail('lift needs --reason "..." (at least 10 characters): it goes into the audit event');
      const lifted = await liftSuppression(email, values.reason.trim(), { type: 'operator', id: values.by ?? process.env.USER ?? 'operator' });
      if (!values.local) await liftSesSuppression(email);
      console.log(lifted ? `${email} is no longer suppressed` : `${email} was not suppressed`);
      if (!lifted) process.exitCode = 1;
      break;
    }
    case 'simulate': {
      const kind = args[0];
      if (!values.local) fail('simulate works with --local only: in AWS, send to bounce@simulator.amazonses.com or complaint@simulator.amazonses.com');
      if ((kind !== 'bounce' && kind !== 'complaint') || !email) fail('simulate needs bounce|complaint and an email address');
      const { bounceNotification, complaintNotification, snsEventOf } = await import('./ses-notifications.ts');
      const { handler } = await import('../functions/ses-events/handler.ts');
      await handler(snsEventOf(kind === 'bounce' ? bounceNotification([email]) : complaintNotification([email])));
      console.log(`SES ${kind} of ${email} given to ses-events`);
      break;
    }
    default:
      fail('usage: npm run suppressions -- list [--limit N] | show <email> | lift <email> --reason "..." [--by name] | simulate bounce|complaint <email>   (add --local for npm start)');
  }
} catch (error) {
  fail(`suppressions: ${(error as Error).message || (error as Error).name}`);
}

/** SES keeps its own list of the account's bounces and complaints (the configuration set's suppression): the address leaves it too. */
async function liftSesSuppression(address: string): Promise<void> {
  const { SESv2Client, DeleteSuppressedDestinationCommand, NotFoundException } = await import('@aws-sdk/client-sesv2');
  try {
    await new SESv2Client({}).send(new DeleteSuppressedDestinationCommand({ EmailAddress: address }));
    console.log(`${address} removed from the SES account's suppression list`);
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
  }
}
