import type { RequestConsentInput } from '#shared/consent/request-consent.ts';
import type { FieldError } from '#shared/domain/errors.ts';
import { zodFieldErrors } from '#shared/http/problem.ts';
import { CreateConsentRequestBody } from '#shared/http/schemas.ts';
import type { ConsentFormValues } from './partner-work-views.ts';

/*
 * R32: the partner portal's consent request form, read as the API's body. Pure: the fields as
 * posted in, `POST /v1/consent-requests`' body (checked by that route's own schema) or what is
 * wrong, in the form's words, out.
 */

export interface ConsentRequestFormInput extends ConsentFormValues {
  csrf?: string;
  once?: string;
}

/** Field paths of the API body, in the form's words. */
const FIELD_LABELS: Record<string, string> = {
  recipientEmail: "Recipient's email",
  tenantDomain: "Customer's domain",
  'delegatedAdmin.roles': 'Roles',
  'delegatedAdmin.durationDays': 'Days',
  delegatedAdmin: 'Delegated admin roles',
  message: 'Message',
};

export const sayErrors = (errors: FieldError[]) => errors.map((e) => `${FIELD_LABELS[e.path.replace(/\[\d+\]$/, '')] ?? e.path}: ${e.message}`);

/**
 * The form's fields as the API's body (`POST /v1/consent-requests`), checked by the API's own
 * schema: roles only when the delegated admin box is ticked (R4: DAP-free unless asked explicitly).
 */
export function consentBodyOfForm(form: ConsentFormValues): { ok: true; body: RequestConsentInput } | { ok: false; errors: string[] } {
  const asked = form.delegatedAdmin === 'yes';
  if (!asked && (form.roles?.length ?? 0) > 0) return { ok: false, errors: ['Delegated admin roles: tick "Also ask for delegated admin roles" to ask for the roles you chose, or untick them.'] };
  const candidate = {
    recipientEmail: form.recipientEmail ?? '',
    ...(form.tenantDomain?.trim() ? { tenantDomain: form.tenantDomain.trim() } : {}),
    ...(asked
      ? { delegatedAdmin: { roles: form.roles ?? [], durationDays: /^\d{1,4}$/.test(form.durationDays ?? '') ? Number(form.durationDays) : form.durationDays, ...(form.autoExtend === 'yes' ? { autoExtend: true } : {}) } }
      : {}),
    ...(form.message?.trim() ? { message: form.message.trim() } : {}),
  };
  const parsed = CreateConsentRequestBody.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: sayErrors(zodFieldErrors(parsed.error)) };
  return { ok: true, body: parsed.data as RequestConsentInput };
}

