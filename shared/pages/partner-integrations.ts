import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '#shared/domain/errors.ts';
import { rolesAllowedTo } from '#shared/domain/partner-roles.ts';
import { newSecret } from '#shared/domain/tokens.ts';
import { zodFieldErrors } from '#shared/http/problem.ts';
import { bodyBytes } from '#shared/http/file-body.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { WebhookBody } from '#shared/http/schemas.ts';
import { createApiKey, listPartnerApiKeys, revokeApiKey } from '#shared/partners/partners.ts';
import { idempotent } from '#shared/table/idempotency.ts';
import { listDeliveries } from '#shared/table/outbox.ts';
import { getWebhookConfig } from '#shared/table/webhooks.ts';
import { putWebhook, redeliverWebhook, rotateWebhookSecret } from '#shared/webhooks/webhooks.ts';
import { redirect } from './layout.ts';
import { checkPartnerForm, partnerUserActor, requirePartnerPerson, type PartnerPerson } from './partner-portal.ts';
import type { SettingsSection } from './partner-settings.ts';
import { partnerLayout } from './partner-views.ts';
import { apiKeysSection, secretShownPage, webhookSection } from './partner-work-views.ts';

/*
 * R32: settings → API keys and settings → webhook, for a partner's admins. Each form calls the
 * use case of its API route (createApiKey and revokeApiKey as the operators' key routes,
 * putWebhook, rotateWebhookSecret, redeliverWebhook), audited with the person as actor. A secret
 * is shown once, on the page that answers the form that made it; a form posted twice (its
 * one-time token, `once`, is the idempotency key) makes one key, one rotation, one redelivery.
 */

const MANAGERS = rolesAllowedTo('manage');

/** What settings say after a change of these sections (`/partner/settings?done=<key>`). */
const NOTICES: Record<string, { section: 'api-keys' | 'webhook'; text: string }> = {
  'key-revoked': { section: 'api-keys', text: 'The key was revoked: calls with it are refused from now on.' },
  'key-created-already': { section: 'api-keys', text: 'This key was created already: its secret was shown then, once.' },
  'webhook-saved': { section: 'webhook', text: 'The webhook was saved. Its signing secret is unchanged.' },
  'secret-rotated-already': { section: 'webhook', text: 'The secret was rotated already: the new one was shown then, once.' },
  redelivered: { section: 'webhook', text: 'The delivery is sent again, with the same webhook-id; its redelivery is listed below.' },
};

const noticeFor = (section: 'api-keys' | 'webhook', done: string | undefined) => (done && NOTICES[done]?.section === section ? NOTICES[done].text : undefined);

/** Settings → API keys (a `SettingsSection`): the partner's keys, create, revoke. */
export const apiKeysSettings: SettingsSection = async (person, state) =>
  apiKeysSection({ keys: await listPartnerApiKeys(person.partnerId), csrf: person.csrf, once: newSecret(), notice: noticeFor('api-keys', state.done) });

const RECENT_DELIVERIES = 20;

/** Settings → webhook (a `SettingsSection`): URL and events, the secret's rotation, recent deliveries and their redelivery. */
export const webhookSettings: SettingsSection = async (person, state) => webhookSectionOf(person, { notice: noticeFor('webhook', state.done) });

async function webhookSectionOf(person: PartnerPerson, shown: { notice?: string; error?: string; posted?: { url?: string; events?: string[] } }) {
  const [webhook, deliveries] = await Promise.all([getWebhookConfig(person.partnerId), listDeliveries(person.partnerId, { limit: RECENT_DELIVERIES, scope: `webhooks:${person.partnerId}` })]);
  return webhookSection({ ...(webhook ? { webhook } : {}), deliveries: deliveries.items, csrf: person.csrf, once: newSecret(), ...shown });
}

/** The webhook section alone, with what was wrong with the form (nothing changed). */
async function webhookRefused(person: PartnerPerson, status: number, error: string, posted?: { url?: string; events?: string[] }): Promise<HttpResult> {
  return partnerLayout({ title: 'Webhook settings', person, active: 'settings', status, body: await webhookSectionOf(person, { error, ...(posted ? { posted } : {}) }) });
}

const FORM_ID = /^[\w-]{43}$/;

/**
 * A settings form's one-time token (`once`) as posted: read from the body itself, so the forms
 * that carry only it share the route table's `CsrfForm` (every row weighs in every function's bundle).
 */
export function postedOnce(event: APIGatewayProxyEventV2): string | undefined {
  const value = new URLSearchParams(bodyBytes(event).toString('utf8')).get('once') ?? '';
  return FORM_ID.test(value) ? value : undefined;
}

const formKey = (once: string | undefined, ...parts: string[]) => (once && FORM_ID.test(once) ? ['portal', once, ...parts].join(':') : undefined);

/**
 * `POST /partner/settings/api-keys`: a new key (the operators' `createApiKey`), its secret shown on
 * this page only. Posted again with the same one-time token (a reload), no second key is made and
 * no secret shown: the idempotency record keeps the key's id, never its secret.
 */
export async function createApiKeyFromSettings(event: APIGatewayProxyEventV2, form: { csrf?: string; once?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  checkPartnerForm(event, person, form);
  let secret: string | undefined;
  const answer = await idempotent({ partnerId: person.partnerId, route: 'POST /partner/settings/api-keys' }, formKey(form.once), '', async () => {
    const created = await createApiKey(person.partnerId, partnerUserActor(person, event));
    secret = created.apiKey;
    return { status: 201, body: { keyId: created.keyId } };
  });
  if (answer.replayed || !secret) return redirect('/partner/settings?done=key-created-already#api-keys');
  return partnerLayout({
    title: 'API key created',
    person,
    active: 'settings',
    body: secretShownPage({ title: 'API key created', intro: `Key ${answer.body.keyId} is made.`, secret, secretLabel: 'API key', after: 'Your systems send it as "Authorization: Bearer <key>". Revoke the key it replaces once they use this one.' }),
  });
}

/** `POST /partner/settings/api-keys/{keyId}/revoke`: `revokeApiKey`; another partner's key is 404 (R19). */
export async function revokeApiKeyFromSettings(event: APIGatewayProxyEventV2, keyId: string, form: { csrf?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  checkPartnerForm(event, person, form);
  await revokeApiKey(person.partnerId, keyId, partnerUserActor(person, event));
  return redirect('/partner/settings?done=key-revoked#api-keys');
}

/**
 * `POST /partner/settings/webhook`: the `PUT /v1/webhook` use case with the API's own schema; the
 * first one shows the signing secret, once. A URL webhooks may not go to, or no event: the
 * section again with what is wrong, nothing changed.
 */
export async function saveWebhookFromSettings(event: APIGatewayProxyEventV2, form: { csrf?: string; url?: string; events?: string[] }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  checkPartnerForm(event, person, form);
  const posted = { url: form.url ?? '', events: form.events ?? [] };
  const parsed = WebhookBody.safeParse(posted);
  if (!parsed.success) return webhookRefused(person, 400, zodFieldErrors(parsed.error).map((e) => (e.path.startsWith('events') ? 'Events: choose at least one event' : `${e.path}: ${e.message}`)).join('; '), posted);
  try {
    const saved = await putWebhook(person.partnerId, parsed.data, partnerUserActor(person, event));
    if (!saved.secret) return redirect('/partner/settings?done=webhook-saved#webhook');
    return partnerLayout({
      title: 'Webhook registered',
      person,
      active: 'settings',
      body: secretShownPage({ title: 'Webhook registered', intro: `Deliveries go to ${saved.url}, signed with this secret.`, secret: saved.secret, secretLabel: 'Signing secret' }),
    });
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation_failed' || error.code === 'conflict')) return webhookRefused(person, error.code === 'conflict' ? 409 : 400, error.message, posted);
    throw error;
  }
}

/** `POST /partner/settings/webhook/secret-rotations`: `rotateWebhookSecret`, the new secret shown once; posted again, no second rotation. */
export async function rotateSecretFromSettings(event: APIGatewayProxyEventV2, form: { csrf?: string; once?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  checkPartnerForm(event, person, form);
  const rotated = await rotateWebhookSecret(person.partnerId, { idempotencyKey: formKey(form.once), actor: partnerUserActor(person, event) });
  if (rotated.replayed) return redirect('/partner/settings?done=secret-rotated-already#webhook');
  return partnerLayout({
    title: 'Signing secret rotated',
    person,
    active: 'settings',
    body: secretShownPage({
      title: 'Signing secret rotated',
      intro: 'Every delivery is now signed with this new secret.',
      secret: rotated.secret,
      secretLabel: 'New signing secret',
      after: `Until ${rotated.previousSecretValidUntil.slice(0, 16).replace('T', ' ')} UTC each delivery carries the old secret's signature too, so your endpoint can move to the new one without missing any.`,
    }),
  });
}

/**
 * `POST /partner/settings/webhook/deliveries/{deliveryId}/redeliver`: `redeliverWebhook`, as the
 * API route; a pending delivery or an event no longer subscribed is refused on the section (409),
 * another partner's delivery is 404 (R19).
 */
export async function redeliverFromSettings(event: APIGatewayProxyEventV2, deliveryId: string, form: { csrf?: string; once?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  checkPartnerForm(event, person, form);
  try {
    await redeliverWebhook(person.partnerId, deliveryId, { idempotencyKey: formKey(form.once, deliveryId), actor: partnerUserActor(person, event) });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'conflict') return webhookRefused(person, 409, error.message);
    throw error;
  }
  return redirect('/partner/settings?done=redelivered#webhook');
}
