import { S3Client } from '@aws-sdk/client-s3';
import { localClientOptions } from '#shared/config/env.ts';

let client: S3Client | undefined;
/** The S3 client of downloads and uploads (locally: the S3-protocol engine, path-style). */
export function s3(): S3Client {
  const options = localClientOptions('S3_ENDPOINT');
  // The local engine (s3rver) checks signatures against its one built-in account.
  client ??= new S3Client('endpoint' in options ? { ...options, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : options);
  return client;
}
