import { GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey } from '@aws-sdk/client-s3';
import { requireEnv } from '#shared/config/env.ts';
import { s3 } from './s3-client.ts';

/*
 * Large uploads (R32: a device file of up to 100,000 devices, hardware hashes included, hundreds of
 * MB): the browser posts the file straight to the bucket with a presigned POST policy (a plain
 * form, no JavaScript), since neither Lambda (6 MB) nor API Gateway (10 MB) could carry it. Each
 * upload is one object under `uploads/`, its key fixed by the policy; the bucket forgets it after
 * a day. The local S3 engine (s3rver) takes the POST and redirects but does not enforce the
 * policy, so whoever reads the object checks its size again (uploadedSize). The form's policy is
 * made in ./upload-form.ts, apart, so the import does not bundle the presigner.
 */

/** The object of an upload, named by its partner and id: the one key its policy allows. */
export const uploadObjectKey = (partnerId: string, uploadId: string) => `uploads/${partnerId}/${uploadId}/file`;

const isMissing = (error: unknown) => error instanceof NotFound || error instanceof NoSuchKey || (error as { name?: string }).name === 'NotFound' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/** The size of the object at `key`, or undefined when nothing was uploaded there. */
export async function uploadedSize(key: string): Promise<number | undefined> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: requireEnv('DOWNLOADS_BUCKET'), Key: key }));
    return head.ContentLength ?? 0;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** The object's bytes, read as it streams in, never more than `maxBytes` (over is refused, not truncated). */
export async function readUpload(key: string, maxBytes: number): Promise<Buffer> {
  const out = await s3().send(new GetObjectCommand({ Bucket: requireEnv('DOWNLOADS_BUCKET'), Key: key }));
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of out.Body as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > maxBytes) throw new Error(`the object at ${key} is over ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, total);
}
