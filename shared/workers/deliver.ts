import { deliverConsentEmail, deliverSignInEmail, type SendOptions } from './deliver-email.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import { workBatchTask } from '#shared/devices/batches.ts';

export type OutboxOutcome = 'done' | 'retry' | 'failed' | 'skipped';

/**
 * Does the work of one outbox item, whoever found it: the stream consumer as it is inserted, or
 * the scheduled check when it is due again (S4). Every path claims before it sends.
 */
export async function deliverOutboxItem(item: Record<string, unknown>, options: SendOptions = {}): Promise<OutboxOutcome> {
  switch (item.type) {
    case 'webhookDelivery': {
      const outcome = await deliverWebhook(String(item.id), options);
      return outcome === 'delivered' ? 'done' : outcome;
    }
    case 'emailDue': {
      const outcome = await deliverConsentEmail(String(item.requestId), item.which === 'reminder' ? 'reminder' : 'email', options);
      return outcome === 'sent' ? 'done' : outcome;
    }
    case 'batchTask':
      return workBatchTask({ pk: String(item.pk) }, options);
    case 'signinEmail': {
      const outcome = await deliverSignInEmail(String(item.id), options);
      return outcome === 'sent' ? 'done' : outcome;
    }
    default:
      throw new Error(`not an outbox item: ${String(item.type)}`);
  }
}
