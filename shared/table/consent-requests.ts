import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, isRequestId, REMINDER_BEFORE_EXPIRY_DAYS, type ConsentRequest, type ConsentRequestStatus } from '#shared/domain/consent.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { batchGet } from './batch.ts';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { consentRequestKeys, dueKeys } from './keys.ts';
import { keyQuery, queryPage, type Page, type PageRequest } from './page.ts';
import { ifConditionHolds, type Write } from './transact.ts';
import type { SuppressionReason } from '#shared/domain/suppression.ts';

/**
 * Consent requests: one item each, found by id; listed per partner newest first (gsi1), and per
 * partner and status (gsi2). The item shows its emails' delivery state (API.md); each email is an
 * outbox item (`requestEmailKeys`) committed with the change that queues it, which keeps the claim
 * and the attempts like every other outbox item, and records each attempt here in the same write.
 */

/** The two emails of a request: the consent email, and the one reminder before expiry (S2). */
export type RequestEmail = 'email' | 'reminder';

export interface StoredConsentRequest extends ConsentRequest {
  /** Hash of the body of the call that created it, to spot an Idempotency-Key reused for another body (R20). */
  bodyHash?: string;
}

const FIELDS = /* @__PURE__ */ fieldsOf<StoredConsentRequest>()(['id', 'partnerId', 'providerId', 'status', 'recipientEmail', 'tenantDomain', 'tenantId', 'delegatedAdmin', 'message', 'createdAt', 'expiresAt', 'acceptedAt', 'declinedAt', 'cancelledAt', 'email', 'reminder', 'bodyHash']);
export const toConsentRequest = (item: Record<string, unknown>): StoredConsentRequest => pick(item, FIELDS);

/**
 * The Put of a new request: conditional, so a retried create (same id) cannot write twice
 * (`exists`). A pending request sits on the due index: first at its reminder (S2), then at its expiry (S1).
 */
export function consentRequestPut(request: StoredConsentRequest): Write {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...consentRequestKeys.key(request.id),
        type: 'consentRequest',
        ...consentRequestKeys.indexes(request),
        ...request,
        ...dueKeys.indexes('request', addDays(request.expiresAt, -REMINDER_BEFORE_EXPIRY_DAYS), consentRequestKeys.key(request.id)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
    ifConditionFails: 'exists',
  };
}

export async function getConsentRequest(requestId: string): Promise<StoredConsentRequest | undefined> {
  if (!isRequestId(requestId)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: consentRequestKeys.key(requestId), ConsistentRead: true }));
  return out.Item ? toConsentRequest(out.Item) : undefined;
}

/** Requests by id, read together (BatchGetItem); unknown ids are absent. */
export async function getConsentRequests(requestIds: string[]): Promise<StoredConsentRequest[]> {
  const items = await batchGet(requestIds.filter(isRequestId).map(consentRequestKeys.key));
  return items.map(toConsentRequest);
}

export function listConsentRequests(partnerId: string, status: ConsentRequestStatus | undefined, page: PageRequest): Promise<Page<StoredConsentRequest>> {
  const params = keyQuery(consentRequestKeys.queryOfPartner(partnerId, status), { descending: true });
  // A pending request past its expiry is expired (R5) even before the check has moved it (at
  // most an hour): it leaves the pending list at once, and the expired list once moved.
  if (status === 'pending') {
    params.FilterExpression = 'expiresAt > :now';
    params.ExpressionAttributeValues[':now'] = nowIso();
  }
  return queryPage(params, page, toConsentRequest);
}

/**
 * The write that moves a pending request to a terminal state, conditional on it still being
 * pending (and, unless it is being expired, not yet past its expiry): of two racing transitions
 * exactly one wins; the other fails with `not_pending`.
 */
export function requestTransition(request: ConsentRequest, to: Exclude<ConsentRequestStatus, 'pending'>, now: string, tenantId?: string): Write {
  const stamp = { accepted: 'acceptedAt', declined: 'declinedAt', cancelled: 'cancelledAt', expired: 'expiredAt' }[to];
  const { gsi2pk } = consentRequestKeys.indexes({ ...request, status: to });
  return {
    Update: {
      TableName: tableName(),
      Key: consentRequestKeys.key(request.id),
      UpdateExpression: `SET #status = :to, ${stamp} = :now, gsi2pk = :gsi2pk${tenantId ? ', tenantId = :tenantId' : ''} REMOVE dueKind, dueAt`,
      ConditionExpression: to === 'expired' ? '#status = :pending' : '#status = :pending AND expiresAt > :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':to': to, ':now': now, ':pending': 'pending', ':gsi2pk': gsi2pk, ...(tenantId ? { ':tenantId': tenantId } : {}) },
    },
    ifConditionFails: 'not_pending',
  };
}

/** S2: the write that queues the one reminder of a pending request and moves it on the due index to its expiry. */
export function reminderQueued(request: ConsentRequest): Write {
  return {
    Update: {
      TableName: tableName(),
      Key: consentRequestKeys.key(request.id),
      UpdateExpression: 'SET reminder = :reminder, dueAt = :expiry',
      ConditionExpression: '#status = :pending AND attribute_not_exists(reminder)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':reminder': { status: 'queued', attempts: 0 }, ':expiry': request.expiresAt, ':pending': 'pending' },
    },
    ifConditionFails: 'not_pending',
  };
}

/** What a request shows of its email after an attempt (API.md `email`, `reminder`). */
export type RequestEmailRecord =
  | { status: 'sent'; attempts: number }
  | { status: 'queued'; attempts: number; nextAttemptAt: string; error?: string }
  | { status: 'failed'; attempts: number; error?: string }
  /** Failed without an attempt: the address is suppressed (S4), so attempts and the last attempt's time stay as they were. */
  | { status: 'failed'; suppressed: SuppressionReason };

/**
 * The write that shows, on the request, what came of an attempt at its email (or reminder): the
 * email's outbox item keeps the claim and counts the attempts, and this write commits in the same
 * transaction as that item's record (shared/table/outbox.ts `recordOutboxAttempt`), so the request
 * never shows another state than its item's. It also clears the claim the request itself held
 * before the item did (items written by the previous version).
 */
export function requestEmailRecorded(requestId: string, which: RequestEmail, record: RequestEmailRecord, now: string): Write {
  const values: Record<string, unknown> = { ':status': record.status };
  const sets = ['#e.#s = :status'];
  const removes = ['#e.claimedUntil'];
  if ('suppressed' in record) {
    sets.push('#e.suppressed = :reason', '#e.lastError = :error');
    Object.assign(values, { ':reason': record.suppressed, ':error': `suppressed: ${record.suppressed}` });
  } else {
    sets.push('#e.attempts = :attempts', '#e.lastAttemptAt = :now');
    Object.assign(values, { ':attempts': record.attempts, ':now': now });
    if ('error' in record && record.error) {
      sets.push('#e.lastError = :error');
      values[':error'] = record.error.slice(0, 500);
    }
  }
  if (record.status === 'queued') {
    sets.push('#e.nextAttemptAt = :next');
    values[':next'] = record.nextAttemptAt;
  } else removes.push('#e.nextAttemptAt');
  return {
    Update: {
      TableName: tableName(),
      Key: consentRequestKeys.key(requestId),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
      ExpressionAttributeNames: { '#s': 'status', '#e': which },
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * SES reported that a request's sent email bounced for good: it did not arrive, so it is failed
 * after all, with the reason. Only a `sent` email changes (a repeated notice changes nothing);
 * answers whether it did.
 */
export async function recordEmailBounced(requestId: string, which: RequestEmail): Promise<boolean> {
  if (!isRequestId(requestId)) return false;
  const out = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: consentRequestKeys.key(requestId),
        UpdateExpression: 'SET #e.#s = :failed, #e.suppressed = :bounced, #e.lastError = :error',
        ConditionExpression: 'attribute_exists(pk) AND #e.#s = :sent',
        ExpressionAttributeNames: { '#s': 'status', '#e': which },
        ExpressionAttributeValues: { ':failed': 'failed', ':sent': 'sent', ':bounced': 'bounced', ':error': 'bounced' },
      }),
    ),
  );
  return out !== undefined;
}
