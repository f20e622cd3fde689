import type { SNSEvent } from 'aws-lambda';
import { checkConfig } from '#shared/config/config.ts';
import { readSesNotification } from '#shared/domain/suppression.ts';
import { observedHandler } from '#shared/observability/middleware.ts';
import { handleSesNotice } from '#shared/suppressions/suppressions.ts';

// Cold start: wrong configuration fails here, naming the variable. It reads no secret.
await checkConfig(['TABLE_NAME'], { secrets: false });

/**
 * SES's events for the mail the service sends (deliveries, bounces, complaints), from the
 * configuration set's event destination, through SNS: counts them, suppresses addresses that
 * bounced for good or complained, and marks a request's email failed when it bounced. A
 * notification it cannot work throws: Lambda retries it, then leaves it in the SesEventFailures
 * queue (the function's on-failure destination).
 */
export const handler = observedHandler(
  (_event: SNSEvent, context) => context.awsRequestId,
  async (event): Promise<void> => {
    for (const record of event.Records ?? []) {
      await handleSesNotice(readSesNotification(record.Sns.Message));
    }
  },
  'ses-events',
);
