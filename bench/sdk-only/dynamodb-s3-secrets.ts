/**
 * The SDK-only baseline of a function that uses DynamoDB (through the document client), Secrets
 * Manager and S3 for large downloads (shared/files/downloads.ts): an upload streamed in parts
 * (`@aws-sdk/lib-storage`) and a presigned GET (`@aws-sdk/s3-request-presigner`), the same clients
 * and calls, made at first use as the functions make theirs, and nothing else.
 * Bundled with the functions' own options (infra/constructs/project-function.ts functionBundling).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { handler as dynamoDbAndSecrets } from './dynamodb-secrets.ts';

let s3: S3Client | undefined;

export const handler = async (event: Parameters<typeof dynamoDbAndSecrets>[0] & { download?: { bucket: string; key: string; body: string } }) => {
  s3 ??= new S3Client({});
  const download = event.download;
  return [
    ...(await dynamoDbAndSecrets(event)),
    download ? await new Upload({ client: s3, params: { Bucket: download.bucket, Key: download.key, Body: download.body } }).done() : undefined,
    download ? await getSignedUrl(s3, new GetObjectCommand({ Bucket: download.bucket, Key: download.key }), { expiresIn: 900 }) : undefined,
  ];
};
