import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeEmail } from '#shared/domain/directory.ts';
import type { SuppressionReason } from '#shared/domain/suppression.ts';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { suppressionKeys } from './keys.ts';
import { keyQuery, queryAll, queryPage, type Page, type PageRequest } from './page.ts';
import { ifConditionHolds, type Write } from './transact.ts';

/**
 * Suppressed addresses: one item per address (`SUPPRESSION#<email>`), written when SES reports a
 * hard bounce or a complaint, read by every email sender before it sends, listed for operators
 * newest first (gsi1 `SUPPRESSIONS`).
 */
export interface Suppression {
  email: string;
  reason: SuppressionReason;
  /** When it was first suppressed. */
  at: string;
  /** What SES said: bounce subtype, complaint feedback type, feedback id, the message it was about. */
  details?: Record<string, string>;
  /** Later notices about the same address (SNS delivers at least once; a second bounce). */
  notices?: number;
  lastNoticeAt?: string;
}

const FIELDS = /* @__PURE__ */ fieldsOf<Suppression>()(['email', 'reason', 'at', 'details', 'notices', 'lastNoticeAt']);
const toSuppression = (item: Record<string, unknown>): Suppression => pick(item, FIELDS);

/** The suppression of an address, if it is suppressed (consistent: a bounce just recorded counts). */
export async function getSuppression(email: string): Promise<Suppression | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: suppressionKeys.key(email), ConsistentRead: true }));
  return out.Item ? toSuppression(out.Item) : undefined;
}

/** The Put of a new suppression; `exists` when the address is suppressed already. */
export function suppressionPut(suppression: Suppression): Write {
  const email = normalizeEmail(suppression.email);
  return {
    Put: {
      TableName: tableName(),
      Item: { ...suppressionKeys.key(email), type: 'suppression', ...suppressionKeys.indexes({ email, at: suppression.at }), ...suppression, email, notices: 1, lastNoticeAt: suppression.at },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
    ifConditionFails: 'exists',
  };
}

/** Counts one more notice about an address suppressed already (no audit: nothing changes). */
export async function recordRepeatedNotice(email: string, at: string): Promise<void> {
  await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: suppressionKeys.key(email),
        UpdateExpression: 'SET lastNoticeAt = :at ADD notices :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at, ':one': 1 },
      }),
    ),
  );
}

/** The Delete of a suppression (an operator lifts it); `not_found` when the address is not suppressed. */
export function suppressionDelete(email: string): Write {
  return {
    Delete: { TableName: tableName(), Key: suppressionKeys.key(email), ConditionExpression: 'attribute_exists(pk)' },
    ifConditionFails: 'not_found',
  };
}

/** Every suppression, newest first. */
export const listSuppressions = (page: PageRequest): Promise<Page<Suppression>> =>
  queryPage(keyQuery(suppressionKeys.queryAll(), { descending: true }), page, toSuppression);

/** The newest `max` suppressions, for the operators' tool (no cursor: it reads no secret). */
export const listSuppressionsNewestFirst = async (max: number): Promise<Suppression[]> =>
  (await queryAll(keyQuery(suppressionKeys.queryAll(), { descending: true }), max)).map(toSuppression);
