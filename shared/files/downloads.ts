import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { requireEnv } from '#shared/config/env.ts';
import { s3 } from './s3-client.ts';

/**
 * Large downloads (a tenant's device export, a batch's results as CSV): one mechanism for every
 * file an answer could not carry, since Lambda answers at most 6 MB. The file is streamed into the
 * downloads bucket (S3 in AWS, a local S3-protocol engine on this machine) as it is produced, and
 * the caller is sent to a short-lived presigned URL of it; the bucket forgets it after a day.
 */

/** How long a download link works: long enough to start a download, short enough not to be shared. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;


export interface PublishedDownload {
  url: string;
  expiresAt: string;
}

/**
 * Streams `lines` into a new object named for its owner and `filename`, and answers a presigned
 * URL that downloads it as that file. Only the function that made it can name it: its key holds
 * 16 random bytes, and the URL is signed for that key alone.
 */
export async function publishDownload(input: { owner: string; filename: string; contentType: string; lines: AsyncIterable<string> }): Promise<PublishedDownload> {
  const bucket = requireEnv('DOWNLOADS_BUCKET');
  const key = `downloads/${input.owner}/${randomBytes(16).toString('hex')}/${input.filename}`;
  const disposition = `attachment; filename="${input.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
  await new Upload({
    client: s3(),
    params: { Bucket: bucket, Key: key, Body: Readable.from(input.lines), ContentType: input.contentType, ContentDisposition: disposition },
    // Parts of 8 MB, two in flight: a 100,000-device export with hardware hashes is about 400 MB.
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  }).done();
  const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }), { expiresIn: DOWNLOAD_LINK_SECONDS });
  return { url, expiresAt: new Date(Date.now() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
}
