import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '#shared/domain/actor.ts';
import { db, tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { uploadKeys } from './keys.ts';
import { ifConditionHolds, type Write } from './transact.ts';

/*
 * R32: a device file a partner's person uploads on the portal, straight from the browser to S3
 * (shared/devices/device-uploads.ts). Its item is made by the first step's form, marked received
 * once when the browser comes back from S3, and then carries the import's progress and end.
 */

/** Where an upload is: waiting for its file, received (its import queued), importing, or ended. */
export type UploadStatus = 'created' | 'received' | 'importing' | 'registered' | 'checked' | 'failed';

export interface StoredUpload {
  id: string;
  partnerId: string;
  tenantId: string;
  mode: 'register' | 'validate';
  status: UploadStatus;
  /** The person who uploaded it (R32), the actor of the batch's audit events. */
  actor: Actor;
  createdAt: string;
  receivedAt?: string;
  /** Bytes of the object as the import found it. */
  size?: number;
  /** Rows staged into the batch so far (progress). */
  rowsStaged?: number;
  batchId?: string;
  /** Why it failed, as its page says it. */
  failure?: string;
  /** R15 (validate): the counts, the consent, and the first problems (the rest counted). */
  validation?: { consent: { status: string; grantedAt?: string }; summary: { total: number; valid: number; invalid: number }; results: { index: number; line?: number; status: string; errors: { code: string; field?: string; message: string }[] }[] };
  /** The first lines that could not be read. */
  malformedLines?: { line: number; message: string }[];
}

/** An upload and its file are forgotten after a week (the file after a day, by the bucket's lifecycle). */
const UPLOAD_TTL_SECONDS = 7 * 24 * 3600;

/** The new upload's item: written once (a double-submitted first form finds it, R20). */
export function newUploadWrite(upload: Omit<StoredUpload, 'status'>): Write {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...uploadKeys.key(upload.id), type: 'deviceUpload', ...upload, status: 'created', [TTL_ATTRIBUTE]: Math.ceil(Date.parse(upload.createdAt) / 1000) + UPLOAD_TTL_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
    ifConditionFails: 'upload_exists',
  };
}

export async function getUpload(uploadId: string): Promise<StoredUpload | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: uploadKeys.key(uploadId), ConsistentRead: true }));
  return out.Item as StoredUpload | undefined;
}

/** Received, once: only an upload still waiting for its file (a reload or a second redirect changes nothing, R20). */
export function uploadReceivedWrite(uploadId: string, at: string): Write {
  return {
    Update: {
      TableName: tableName(),
      Key: uploadKeys.key(uploadId),
      UpdateExpression: 'SET #status = :received, receivedAt = :at',
      ConditionExpression: '#status = :created',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':received': 'received', ':created': 'created', ':at': at },
    },
    ifConditionFails: 'upload_not_waiting',
  };
}

/** Sets fields of an upload that has not ended (progress, the batch, its end); answers false once it has. */
export async function updateUpload(uploadId: string, fields: Partial<Omit<StoredUpload, 'id' | 'partnerId'>>): Promise<boolean> {
  const entries = Object.entries(fields);
  const out = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: uploadKeys.key(uploadId),
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk) AND NOT #status IN (:registered, :checked, :failed)',
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])) },
        ExpressionAttributeValues: { ':registered': 'registered', ':checked': 'checked', ':failed': 'failed', ...Object.fromEntries(entries.map(([, value], i) => [`:f${i}`, value])) },
      }),
    ),
  );
  return out !== undefined;
}
