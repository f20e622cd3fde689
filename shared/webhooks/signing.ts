import { createHmac } from 'node:crypto';
import { getSecret } from '#shared/config/secrets.ts';

/**
 * Webhook signing secrets are never stored: each is derived from the service's webhook key, the
 * partner and a version that a new `PUT /v1/webhook` bumps (which is how a partner rotates it).
 */
export async function webhookSecret(partnerId: string, version: number): Promise<string> {
  const webhookKey = await getSecret('webhookKey');
  return `whsec_${createHmac('sha256', webhookKey).update(`webhook-secret\n${partnerId}\n${version}`).digest('base64')}`;
}
