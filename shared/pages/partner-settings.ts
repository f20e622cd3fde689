import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '#shared/domain/errors.ts';
import { isPartnerRole, readPersonForm, rolesAllowedTo, type PersonFormInput } from '#shared/domain/partner-roles.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { changePartnerPersonRole, createPartnerPerson, removePartnerPerson } from '#shared/partners/partner-people.ts';
import { listPartnerPeople } from '#shared/table/partner-people.ts';
import type { SafeHtml } from '#shared/util/html.ts';
import { redirect } from './layout.ts';
import { checkPartnerForm, partnerUserActor, requirePartnerPerson, type PartnerPerson } from './partner-portal.ts';
import { partnerLayout, peopleSection, settingsPage } from './partner-views.ts';

/*
 * R32: the partner portal's settings, for admins. The page is made of sections, each a function of
 * the person and of what the last form said (`SettingsState`); the handler lists them
 * (functions/partner-portal/handler.ts), so a section is added there without changing the others.
 * People is one: invite (an email with a sign-in link), change a role, remove.
 */

/** What the settings page shows after a form: the section it was for, a notice or what was wrong, the values posted. */
export interface SettingsState {
  done?: string;
  refused?: { section: string; error: string; status: number; posted?: Record<string, string> };
}

/** One section of the settings page: its HTML for this person and this state. */
export type SettingsSection = (person: PartnerPerson, state: SettingsState) => Promise<SafeHtml>;

const MANAGERS = rolesAllowedTo('manage');

/** What a settings page says after a change (`/partner/settings?done=<what>`), by the section's own keys. */
const PEOPLE_NOTICES: Record<string, string> = {
  'person-invited': 'The person was invited: they have an email with a sign-in link.',
  'role-changed': 'The role was changed. It applies from their next page.',
  'person-removed': 'The person was removed. They are signed out at their next page.',
};

/** Settings → people: the partner's people and the forms that change them. */
export const peopleSettings: SettingsSection = async (person, state) =>
  peopleSection({
    people: await listPartnerPeople(person.partnerId),
    self: person,
    csrf: person.csrf,
    notice: state.done ? PEOPLE_NOTICES[state.done] : undefined,
    ...(state.refused?.section === 'people' ? { error: state.refused.error, posted: state.refused.posted } : {}),
  });

/** The settings page of an admin, made of `sections` in order. */
async function settingsAnswer(person: PartnerPerson, sections: SettingsSection[], state: SettingsState): Promise<HttpResult> {
  const parts = await Promise.all(sections.map((section) => section(person, state)));
  return partnerLayout({ title: 'Settings', person, active: 'settings', body: settingsPage(parts), status: state.refused?.status });
}

/** `GET /partner/settings`: admins only (R32); the notice of the change just made. */
export async function showPartnerSettings(event: APIGatewayProxyEventV2, query: { done?: string }, sections: SettingsSection[]): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  return settingsAnswer(person, sections, { done: query.done });
}

/** A refusal of the use case (409 last admin or duplicate, 404 another partner's person) shown on the settings page, nothing changed. */
async function orRefused(person: PartnerPerson, sections: SettingsSection[], act: () => Promise<string>, posted?: Record<string, string>): Promise<HttpResult> {
  try {
    return redirect(`/partner/settings?done=${await act()}#people`);
  } catch (error) {
    if (!(error instanceof DomainError) || !['conflict', 'not_found'].includes(error.code)) throw error;
    return settingsAnswer(person, sections, { refused: { section: 'people', error: error.message, status: error.code === 'conflict' ? 409 : 404, posted } });
  }
}

/** `POST /partner/settings/people`: invite a person with a role; they get an email with a sign-in link. */
export async function invitePartnerPerson(event: APIGatewayProxyEventV2, form: PersonFormInput & { csrf?: string }, sections: SettingsSection[]): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  checkPartnerForm(event, person, form);
  const posted = { email: form.email, displayName: form.displayName, role: form.role };
  const read = readPersonForm(form);
  if (!read.ok) return settingsAnswer(person, sections, { refused: { section: 'people', error: read.error, status: 400, posted } });
  return orRefused(person, sections, async () => {
    await createPartnerPerson({ partnerId: person.partnerId, ...read.value }, partnerUserActor(person, event));
    return 'person-invited';
  }, posted);
}

/** `POST /partner/settings/people/{userId}/role`: a person's new role; the last admin keeps theirs. */
export async function changePartnerRole(event: APIGatewayProxyEventV2, userId: string, form: { csrf?: string; role: string }, sections: SettingsSection[]): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  checkPartnerForm(event, person, form);
  const role = form.role;
  if (!isPartnerRole(role)) return settingsAnswer(person, sections, { refused: { section: 'people', error: 'Choose a role: Admin, Submitter or Viewer.', status: 400 } });
  return orRefused(person, sections, async () => {
    await changePartnerPersonRole(person.partnerId, userId, role, partnerUserActor(person, event));
    return 'role-changed';
  });
}

/** `POST /partner/settings/people/{userId}/remove`: removes a person; the last admin stays. */
export async function removePartnerPersonFromSettings(event: APIGatewayProxyEventV2, userId: string, form: { csrf?: string }, sections: SettingsSection[]): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, MANAGERS);
  checkPartnerForm(event, person, form);
  return orRefused(person, sections, async () => {
    await removePartnerPerson(person.partnerId, userId, partnerUserActor(person, event));
    return 'person-removed';
  });
}
