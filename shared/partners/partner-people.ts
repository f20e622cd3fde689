import type { Actor } from '#shared/domain/actor.ts';
import { normalizeEmail } from '#shared/domain/directory.ts';
import { conflict, notFound } from '#shared/domain/errors.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { partnerSignInEmail } from '#shared/domain/outbox-events.ts';
import { type PartnerPersonRecord, type PartnerRole } from '#shared/domain/partner-roles.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { getPartnerPerson, personCreated, personRemoved, personRoleChanged } from '#shared/table/partner-people.ts';
import { failedBecause } from '#shared/table/transact.ts';

/*
 * R32: a partner's people. Operators create a partner's first admin (`POST /ops/partners/{id}/users`);
 * its admins invite the rest, change roles and remove people in the portal. Each change is one
 * transaction with its audit event on the partner's trail, and an invitation's email in its outbox.
 */

/** The errors of people changes, as pages and the API say them. */
export const personExists = () => conflict('This email is already a person of this partner');
export const lastAdmin = () => conflict("The partner's last admin can't be removed or made another role: make someone else an admin first");
export const personNotFound = () => notFound('Person');

export interface NewPersonInput {
  partnerId: string;
  email: string;
  displayName: string;
  role: PartnerRole;
}

/**
 * A new person of a partner, invited by email (a sign-in link to the portal): 404 for an unknown
 * partner, 409 when the address is a person of this partner already.
 */
export async function createPartnerPerson(input: NewPersonInput, actor: Actor): Promise<PartnerPersonRecord> {
  const person: PartnerPersonRecord = {
    userId: newId('pu'),
    partnerId: input.partnerId,
    email: normalizeEmail(input.email),
    displayName: input.displayName.trim(),
    role: input.role,
    createdAt: nowIso(),
  };
  const outcome = await commitChange({
    writes: personCreated(person),
    audit: { action: 'partner_user.created', actor, partnerId: person.partnerId, subject: person.userId, subjectName: person.email, details: { email: person.email, role: person.role } },
    outbox: [partnerSignInEmail(person.email, { partnerId: person.partnerId })],
  });
  if (failedBecause(outcome, 'no_partner')) throw notFound('Partner');
  if (failedBecause(outcome, 'person_exists')) throw personExists();
  if (!outcome.ok) throw new Error(`person not created: ${outcome.failed.join(', ')}`);
  return person;
}

/** A person of this partner by id; another partner's (or nobody's) is a 404 (R19). */
export async function requirePartnerPerson(partnerId: string, userId: string): Promise<PartnerPersonRecord> {
  const person = await getPartnerPerson(partnerId, userId);
  if (!person) throw personNotFound();
  return person;
}

/** R32: a person's new role; the partner's last admin keeps theirs (409). */
export async function changePartnerPersonRole(partnerId: string, userId: string, role: PartnerRole, actor: Actor): Promise<PartnerPersonRecord> {
  const person = await requirePartnerPerson(partnerId, userId);
  if (person.role === role) return person;
  const outcome = await commitChange({
    writes: personRoleChanged(person, role),
    audit: { action: 'partner_user.role_changed', actor, partnerId, subject: person.userId, subjectName: person.email, details: { from: person.role, to: role } },
  });
  if (failedBecause(outcome, 'last_admin')) throw lastAdmin();
  if (failedBecause(outcome, 'changed_meanwhile')) throw conflict('This person changed meanwhile; reload the page and try again');
  if (!outcome.ok) throw new Error(`role not changed: ${outcome.failed.join(', ')}`);
  return { ...person, role };
}

/** R32: a person removed; their sessions end at their next request (the person is read each time). The last admin stays (409). */
export async function removePartnerPerson(partnerId: string, userId: string, actor: Actor): Promise<PartnerPersonRecord> {
  const person = await requirePartnerPerson(partnerId, userId);
  const outcome = await commitChange({
    writes: personRemoved(person),
    audit: { action: 'partner_user.removed', actor, partnerId, subject: person.userId, subjectName: person.email, details: { email: person.email, role: person.role } },
  });
  if (failedBecause(outcome, 'last_admin')) throw lastAdmin();
  if (failedBecause(outcome, 'changed_meanwhile')) throw conflict('This person changed meanwhile; reload the page and try again');
  if (!outcome.ok) throw new Error(`person not removed: ${outcome.failed.join(', ')}`);
  return person;
}
