/**
 * The SDK-only baseline of a worker that uses DynamoDB (through the document client), Secrets
 * Manager and SES v2, and reads an uploaded object from S3 (R32: a portal upload's import reads
 * its file: HeadObject, then GetObject): the same clients and calls, made at first use as the
 * functions make theirs, and nothing else. Bundled with the functions' own options (functionBundling).
 */
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { handler as dynamoDbSecretsAndSes } from './dynamodb-secrets-ses.ts';

let s3: S3Client | undefined;

export const handler = async (event: Parameters<typeof dynamoDbSecretsAndSes>[0] & { upload?: { bucket: string; key: string } }) => {
  s3 ??= new S3Client({});
  const upload = event.upload;
  return [
    ...(await dynamoDbSecretsAndSes(event)),
    upload ? await s3.send(new HeadObjectCommand({ Bucket: upload.bucket, Key: upload.key })) : undefined,
    upload ? await s3.send(new GetObjectCommand({ Bucket: upload.bucket, Key: upload.key })) : undefined,
  ];
};
