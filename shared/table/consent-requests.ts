import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, isRequestId, REMINDER_BEFORE_EXPIRY_DAYS, type ConsentRequest, type ConsentRequestStatus } from '#shared/domain/consent.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { batchGet } from './batch.ts';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { consentRequestKeys, dueKeys, requestEmailKeys } from './keys.ts';
import { keyQuery, queryPage, type Page, type PageRequest } from './page.ts';
import { ifConditionHolds, transact, type Write } from './transact.ts';
import { CLAIM_LEASE_MS } from './outbox.ts';
import type { SuppressionReason } from '#shared/domain/suppression.ts';

/**
 * Consent requests: one item each, found by id; listed per partner newest first (gsi1), and per
 * partner and status (gsi2). The item carries its own email delivery state; the email itself is an
 * outbox pointer (`requestEmailKeys`) committed with the change that queues it.
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
        ...dueKeys.indexes('request', addDays(request.expiresAt, -REMINDER_BEFORE_EXPIRY_DAYS)),
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

/** Claims the request's queued email for one sender while the lease lasts, so two senders never both send it (`firstAttemptOnly`: as for claimOutboxItem). */
export async function claimEmail(requestId: string, which: RequestEmail, options: { leaseMs?: number; firstAttemptOnly?: boolean } = {}): Promise<boolean> {
  const wall = Date.now();
  const leaseMs = options.leaseMs ?? CLAIM_LEASE_MS;
  const claimed = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: consentRequestKeys.key(requestId),
        UpdateExpression: 'SET #e.claimedUntil = :until',
        ConditionExpression: `#e.#s = :queued AND (attribute_not_exists(#e.claimedUntil) OR #e.claimedUntil < :wall)${options.firstAttemptOnly ? ' AND #e.attempts = :zero' : ''}`,
        ExpressionAttributeNames: { '#s': 'status', '#e': which },
        ExpressionAttributeValues: {
          ':queued': 'queued',
          ':wall': new Date(wall).toISOString(),
          ':until': new Date(wall + leaseMs).toISOString(),
          ...(options.firstAttemptOnly ? { ':zero': 0 } : {}),
        },
      }),
    ),
  );
  return claimed !== undefined;
}

/**
 * Records one delivery attempt of a request's email: sent, retry at `nextAttemptAt` (its outbox
 * pointer moves there on the due index), or failed for good (S4); the pointer goes once settled.
 */
export async function recordEmailAttempt(
  requestId: string,
  which: RequestEmail,
  outcome: { status: 'sent' } | { status: 'queued'; nextAttemptAt: string } | { status: 'failed' },
  now: string,
  error?: string,
): Promise<void> {
  const retry = outcome.status === 'queued';
  const pointer = requestEmailKeys.key(requestId, which);
  await transact([
    {
      Update: {
        TableName: tableName(),
        Key: consentRequestKeys.key(requestId),
        UpdateExpression: [
          'SET #e.#s = :status, #e.attempts = #e.attempts + :one, #e.lastAttemptAt = :now',
          error ? ', #e.lastError = :error' : '',
          retry ? ', #e.nextAttemptAt = :next' : '',
          ' REMOVE #e.claimedUntil',
          retry ? '' : ', #e.nextAttemptAt',
        ].join(''),
        ExpressionAttributeNames: { '#s': 'status', '#e': which },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':one': 1,
          ':now': now,
          ...(error ? { ':error': error.slice(0, 500) } : {}),
          ...(retry ? { ':next': outcome.nextAttemptAt } : {}),
        },
      },
    },
    retry
      ? { Update: { TableName: tableName(), Key: pointer, UpdateExpression: 'SET dueAt = :next', ExpressionAttributeValues: { ':next': outcome.nextAttemptAt } } }
      : { Delete: { TableName: tableName(), Key: pointer } },
  ]);
}

/**
 * A request's queued email that will not be sent because its address is suppressed: failed, with
 * no attempt made (`attempts` unchanged), the reason kept for the API; its outbox pointer goes.
 */
export async function recordEmailSuppressed(requestId: string, which: RequestEmail, reason: SuppressionReason): Promise<void> {
  await transact([
    {
      Update: {
        TableName: tableName(),
        Key: consentRequestKeys.key(requestId),
        UpdateExpression: 'SET #e.#s = :failed, #e.suppressed = :reason, #e.lastError = :error REMOVE #e.claimedUntil, #e.nextAttemptAt',
        ExpressionAttributeNames: { '#s': 'status', '#e': which },
        ExpressionAttributeValues: { ':failed': 'failed', ':reason': reason, ':error': `suppressed: ${reason}` },
      },
    },
    { Delete: { TableName: tableName(), Key: requestEmailKeys.key(requestId, which) } },
  ]);
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
