import type { PartnerPersonRecord, PartnerRole } from '#shared/domain/partner-roles.ts';
import { getItem } from './batch.ts';
import { tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { partnerKeys, partnerPersonKeys } from './keys.ts';
import { keyQuery, queryAll } from './page.ts';
import type { Write } from './transact.ts';

/**
 * R32: a partner's people. Items, reads and the writes a change of them is made of; the use case
 * (shared/partners/partner-people.ts) commits them with their audit event.
 */
const PERSON_FIELDS = /* @__PURE__ */ fieldsOf<PartnerPersonRecord>()(['userId', 'partnerId', 'email', 'displayName', 'role', 'createdAt']);

const toPerson = (item: Record<string, unknown>): PartnerPersonRecord => pick(item, PERSON_FIELDS);

/** A partner never has more people than this; its settings list them all on one page. */
export const MAX_PEOPLE = 500;

/** Every person of a partner, by email (a consistent read: the settings act on what they show). */
export async function listPartnerPeople(partnerId: string): Promise<PartnerPersonRecord[]> {
  return (await queryAll(keyQuery(partnerPersonKeys.queryOfPartner(partnerId), { consistent: true }), MAX_PEOPLE)).map(toPerson);
}

/** One person of a partner by their id (none when the id is another partner's: R19). */
export async function getPartnerPerson(partnerId: string, userId: string): Promise<PartnerPersonRecord | undefined> {
  return (await listPartnerPeople(partnerId)).find((person) => person.userId === userId);
}

/** The person of this address at this partner, read by key. */
export async function getPartnerPersonByEmail(partnerId: string, email: string): Promise<PartnerPersonRecord | undefined> {
  return getItem({ key: partnerPersonKeys.key(partnerId, email), from: (item) => (item ? toPerson(item) : undefined) });
}

/** The partners an address is a person of (sign-in), from the email index. */
export async function findPeopleByEmail(email: string): Promise<PartnerPersonRecord[]> {
  return (await queryAll(keyQuery(partnerPersonKeys.queryOfEmail(email)), 20)).map(toPerson);
}

/** A new person: unique per (partner, email) (`person_exists`), only for a partner that exists (`no_partner`). */
export function personCreated(person: PartnerPersonRecord): Write[] {
  return [
    {
      ifConditionFails: 'person_exists',
      Put: {
        TableName: tableName(),
        Item: { ...partnerPersonKeys.key(person.partnerId, person.email), type: 'partnerPerson', ...partnerPersonKeys.indexes(person), ...person },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      ifConditionFails: 'no_partner',
      ConditionCheck: { TableName: tableName(), Key: partnerKeys.key(person.partnerId), ConditionExpression: 'attribute_exists(pk)' },
    },
    ...(person.role === 'admin' ? [adminsAdded(person.partnerId, 1)] : []),
  ];
}

/** Adds to the partner's count of admins; taking one away holds only while another admin stays (`last_admin`). */
function adminsAdded(partnerId: string, delta: 1 | -1): Write {
  return {
    ifConditionFails: 'last_admin',
    Update: {
      TableName: tableName(),
      Key: partnerPersonKeys.admins(partnerId),
      UpdateExpression: 'SET #type = :type ADD admins :delta',
      ...(delta < 0 ? { ConditionExpression: 'admins > :one' } : {}),
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':delta': delta, ':type': 'partnerAdmins', ...(delta < 0 ? { ':one': 1 } : {}) },
    },
  };
}

/** A person's new role, on the role read (`changed_meanwhile`); the admins' count follows. */
export function personRoleChanged(person: PartnerPersonRecord, role: PartnerRole): Write[] {
  return [
    {
      ifConditionFails: 'changed_meanwhile',
      Update: {
        TableName: tableName(),
        Key: partnerPersonKeys.key(person.partnerId, person.email),
        UpdateExpression: 'SET #role = :role',
        ConditionExpression: 'userId = :userId AND #role = :was',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':role': role, ':was': person.role, ':userId': person.userId },
      },
    },
    ...(person.role === 'admin' && role !== 'admin' ? [adminsAdded(person.partnerId, -1)] : []),
    ...(person.role !== 'admin' && role === 'admin' ? [adminsAdded(person.partnerId, 1)] : []),
  ];
}

/** A person removed, as read (`changed_meanwhile`); an admin leaves only while another stays. */
export function personRemoved(person: PartnerPersonRecord): Write[] {
  return [
    {
      ifConditionFails: 'changed_meanwhile',
      Delete: {
        TableName: tableName(),
        Key: partnerPersonKeys.key(person.partnerId, person.email),
        ConditionExpression: 'userId = :userId AND #role = :was',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':was': person.role, ':userId': person.userId },
      },
    },
    ...(person.role === 'admin' ? [adminsAdded(person.partnerId, -1)] : []),
  ];
}
