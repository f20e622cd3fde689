import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { requireEnv } from '#shared/config/env.ts';
import { s3 } from './s3-client.ts';

/* R32: the presigned POST form of a portal upload (./uploads.ts: where its object goes, and how it is read). */

/** How long the upload form's policy holds: time to choose a file and send it. */
export const UPLOAD_FORM_SECONDS = 30 * 60;

/** What the browser's form needs: where to post, and the policy's fields, in order, before the file. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

/**
 * A presigned POST for exactly `key`, at most `maxBytes`, sending the browser to `redirectTo`
 * (with `?bucket=&key=&etag=` added by S3) once the object is stored.
 */
export async function presignUpload(input: { key: string; maxBytes: number; redirectTo: string }): Promise<UploadForm> {
  const { url, fields } = await createPresignedPost(s3(), {
    Bucket: requireEnv('DOWNLOADS_BUCKET'),
    Key: input.key,
    Conditions: [['content-length-range', 1, input.maxBytes], ['eq', '$success_action_redirect', input.redirectTo]],
    Fields: { success_action_redirect: input.redirectTo },
    Expires: UPLOAD_FORM_SECONDS,
  });
  return { url, fields };
}

