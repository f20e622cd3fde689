import { GetCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { pick } from './items.ts';
import { addDays, effectiveStatus, isRequestId, REMINDER_BEFORE_EXPIRY_DAYS, type ConsentRequest, type ConsentRequestStatus } from '../domain/consent.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { nowIso } from '../domain/ids.ts';
import { type Actor, auditPut } from './audit.ts';
import { db, tableName } from './client.ts';
import { queryPage, type Page, type PageRequest } from './page.ts';
import { ConditionFailed, ifConditionHolds, transact, type TransactItem } from './transact.ts';

/**
 * Consent requests: one item each, found by id; listed per partner newest first (gsi1), and per
 * partner and status (gsi2). The item carries its own email delivery state (the outbox).
 */
export const requestKey = (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST' });

/** The two emails of a request: the consent email, and the one reminder before expiry (S2). */
export type RequestEmail = 'email' | 'reminder';

export interface StoredConsentRequest extends ConsentRequest {
  /** Hash of the body of the call that created it, to spot an Idempotency-Key reused for another body (R20). */
  bodyHash?: string;
}

const indexKeys = (r: Pick<ConsentRequest, 'partnerId' | 'status' | 'createdAt' | 'id'>) => ({
  gsi1pk: `PARTNER#${r.partnerId}#REQ`,
  gsi1sk: `${r.createdAt}#${r.id}`,
  gsi2pk: `PARTNER#${r.partnerId}#REQ#${r.status}`,
  gsi2sk: `${r.createdAt}#${r.id}`,
});

const FIELDS = ['id', 'partnerId', 'status', 'recipientEmail', 'tenantDomain', 'tenantId', 'delegatedAdmin', 'message', 'createdAt', 'expiresAt', 'acceptedAt', 'declinedAt', 'cancelledAt', 'email', 'reminder', 'bodyHash'] as const;
export const toConsentRequest = (item: Record<string, unknown>): StoredConsentRequest => pick(item, FIELDS);

/**
 * The Put of a new request: conditional, so a retried create (same id) cannot write twice. A
 * pending request sits on the due index for the scheduled check: first at its reminder (S2),
 * then at its expiry (S1).
 */
export function putRequestItem(request: StoredConsentRequest): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...requestKey(request.id),
        type: 'consentRequest',
        ...indexKeys(request),
        ...request,
        dueKind: 'request',
        dueAt: addDays(request.expiresAt, -REMINDER_BEFORE_EXPIRY_DAYS),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getConsentRequest(requestId: string): Promise<StoredConsentRequest | undefined> {
  if (!isRequestId(requestId)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: requestKey(requestId), ConsistentRead: true }));
  return out.Item ? toConsentRequest(out.Item) : undefined;
}

/** R19: a request of another partner is as unknown as one that does not exist. */
export async function requirePartnerRequest(partnerId: string, requestId: string): Promise<StoredConsentRequest> {
  const request = await getConsentRequest(requestId);
  if (!request || request.partnerId !== partnerId) throw notFound('Consent request');
  return request;
}

export function listConsentRequests(partnerId: string, status: ConsentRequestStatus | undefined, page: PageRequest): Promise<Page<StoredConsentRequest>> {
  const params: QueryCommandInput = status
    ? { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `PARTNER#${partnerId}#REQ#${status}` } }
    : { TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `PARTNER#${partnerId}#REQ` } };
  // A pending request past its expiry is expired (R5) even before the check has moved it (at
  // most an hour): it leaves the pending list at once, and the expired list once moved.
  if (status === 'pending') {
    params.FilterExpression = 'expiresAt > :now';
    params.ExpressionAttributeValues = { ...params.ExpressionAttributeValues, ':now': nowIso() };
  }
  return queryPage({ ...params, ScanIndexForward: false }, page, toConsentRequest);
}

/**
 * Moves a pending request to a terminal state, conditionally on it still being pending (and, unless
 * it is being expired, not yet past its expiry): of two racing transitions exactly one wins.
 * `extra` items (the relationship on acceptance) commit in the same transaction, with the audit event.
 */
export async function transitionRequest(
  request: ConsentRequest,
  to: Exclude<ConsentRequestStatus, 'pending'>,
  audit: { action: string; actor: Actor; tenantId?: string; details?: Record<string, unknown> },
  extra: TransactItem[] = [],
  now = nowIso(),
): Promise<ConsentRequest> {
  const stamp = { accepted: 'acceptedAt', declined: 'declinedAt', cancelled: 'cancelledAt', expired: 'expiredAt' }[to];
  const next = { ...request, status: to, [stamp]: now, ...(audit.tenantId ? { tenantId: audit.tenantId } : {}) } as ConsentRequest;
  const keys = indexKeys(next);
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: requestKey(request.id),
          UpdateExpression: `SET #status = :to, ${stamp} = :now, gsi2pk = :gsi2pk${audit.tenantId ? ', tenantId = :tenantId' : ''} REMOVE dueKind, dueAt`,
          ConditionExpression: to === 'expired' ? '#status = :pending' : '#status = :pending AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': to,
            ':now': now,
            ':pending': 'pending',
            ':gsi2pk': keys.gsi2pk,
            ...(audit.tenantId ? { ':tenantId': audit.tenantId } : {}),
          },
        },
      },
      auditPut({ action: audit.action, actor: audit.actor, partnerId: request.partnerId, tenantId: audit.tenantId, subject: request.id, details: audit.details, at: now }),
      ...extra,
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.at(0)) {
      const current = await getConsentRequest(request.id);
      throw conflict(`This consent request is ${current ? effectiveStatus(current, now) : 'gone'}`);
    }
    throw error;
  }
  return next;
}

/** Claims the request's queued email for one sender for a minute, so two senders never both send it. */
export async function claimEmail(requestId: string, which: RequestEmail, now: string): Promise<boolean> {
  const claimed = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: requestKey(requestId),
        UpdateExpression: 'SET #e.claimedUntil = :until',
        ConditionExpression: '#e.#s = :queued AND (attribute_not_exists(#e.claimedUntil) OR #e.claimedUntil < :now)',
        ExpressionAttributeNames: { '#s': 'status', '#e': which },
        ExpressionAttributeValues: { ':queued': 'queued', ':now': now, ':until': new Date(Date.parse(now) + 60_000).toISOString() },
      }),
    ),
  );
  return claimed !== undefined;
}

/**
 * The email outbox pointer of a request: on the due index (`dueKind = email`) until its email is
 * sent or has failed for good, so the scheduled check finds every email left behind (S4) without
 * reading anything else.
 */
export const emailDueKey = (requestId: string, which: RequestEmail) => ({ pk: `DUE#EMAIL#${requestId}#${which}`, sk: 'DUE' });

export function putEmailDue(requestId: string, which: RequestEmail, dueAt: string): TransactItem {
  return { Put: { TableName: tableName(), Item: { ...emailDueKey(requestId, which), type: 'emailDue', requestId, which, dueKind: 'email', dueAt } } };
}

/** Records one delivery attempt: sent, retry at `nextAttemptAt`, or failed for good (S4). */
export async function recordEmailAttempt(
  requestId: string,
  which: RequestEmail,
  outcome: { status: 'sent' } | { status: 'queued'; nextAttemptAt: string } | { status: 'failed' },
  now: string,
  error?: string,
): Promise<void> {
  const retry = outcome.status === 'queued';
  await transact([
    {
      Update: {
        TableName: tableName(),
        Key: requestKey(requestId),
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
    retry ? putEmailDue(requestId, which, outcome.nextAttemptAt) : { Delete: { TableName: tableName(), Key: emailDueKey(requestId, which) } },
  ]);
}
