import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { payloadTooLarge, unsupportedMediaType, validationFailed } from '#shared/domain/errors.ts';

/**
 * File bodies (API.md "CSV upload"): the file as its raw bytes, whatever way it was sent.
 *
 * - `text/csv`: the body is the file.
 * - `application/vnd.ms-excel`: the body is the file. Browsers on Windows with Office installed
 *   label a `.csv` file with this type, so uploads built from a file picker arrive with it.
 * - `multipart/form-data` (a browser form, `curl -F file=@devices.csv`, fetch with FormData): the
 *   one part that carries a file (a filename); other fields are ignored.
 *
 * API Gateway (HTTP API, payload 2.0) hands the function a body whose content type is text
 * (`text/*`, `application/json`, `application/xml`, `application/javascript`) as a UTF-8 string,
 * and any other body base64-encoded (`isBase64Encoded`), so multipart and
 * `application/vnd.ms-excel` arrive byte for byte. A `text/csv` body arrives as text: a file that
 * is not UTF-8 loses the bytes that are not, which shows as U+FFFD; it is refused with a message
 * saying how to send it instead. dev/local-server.ts builds events the same way.
 */
export const FILE_MEDIA_TYPES = ['text/csv', 'application/vnd.ms-excel', 'multipart/form-data'] as const;

const fileError = (message: string) => validationFailed([{ path: 'body', message }], 'File upload is invalid');

/** The body's bytes, as the client sent them when API Gateway base64-encoded it. */
export function bodyBytes(event: APIGatewayProxyEventV2): Buffer {
  if (!event.body) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** The media type of the request, lower-case, without parameters. */
export const mediaTypeOf = (event: APIGatewayProxyEventV2): string => (event.headers?.['content-type'] ?? '').split(';')[0].trim().toLowerCase();

/**
 * The uploaded file's bytes. Over `maxBytes` is 413, another content type 415 (naming the accepted
 * ones, with `alsoAccepted` for a route that takes JSON too), a multipart body without exactly one
 * file part 400.
 */
export async function readFileBody(event: APIGatewayProxyEventV2, options: { maxBytes: number; alsoAccepted?: string[] }): Promise<Buffer> {
  const bytes = bodyBytes(event);
  if (bytes.length > options.maxBytes) throw payloadTooLarge(options.maxBytes);
  const mediaType = mediaTypeOf(event);
  if (!(FILE_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    throw unsupportedMediaType(`one of ${[...(options.alsoAccepted ?? []), ...FILE_MEDIA_TYPES].join(', ')} (with one file part)`);
  }
  if (!event.isBase64Encoded && event.body?.includes('\uFFFD')) {
    throw fileError(
      `the file is not UTF-8 and was sent as ${mediaType}, which reaches the service as UTF-8 text, so some of its bytes were lost: ` +
        'send it as multipart/form-data (curl -F file=@devices.csv) or with Content-Type: application/vnd.ms-excel, which keep every byte',
    );
  }
  return mediaType === 'multipart/form-data' ? onlyFilePart(bytes, event.headers['content-type']!) : bytes;
}

/**
 * The content of the one file part of a multipart body, parsed by the platform's own
 * multipart/form-data parser (WHATWG `Response.formData()`, built into Node): no parser to bundle.
 */
async function onlyFilePart(bytes: Buffer, contentType: string): Promise<Buffer> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw fileError(`the multipart body is malformed: ${(error as Error).message}`);
  }
  const files = [...form.entries()].filter((entry): entry is [string, File] => typeof entry[1] !== 'string');
  if (files.length === 0) throw fileError('the multipart body has no file part: send the CSV as a file (curl -F file=@devices.csv)');
  if (files.length > 1) throw fileError(`the multipart body has ${files.length} file parts (${files.map(([name]) => `"${name}"`).join(', ')}): send one file a request`);
  return Buffer.from(await files[0][1].arrayBuffer());
}

/**
 * The text fields of a multipart form (a page's file form also posts its CSRF token and its
 * confirmation); none for any other body. Parsed again by the platform's parser: the file itself
 * comes from readFileBody.
 */
export async function multipartTextFields(event: APIGatewayProxyEventV2): Promise<Record<string, string>> {
  if (mediaTypeOf(event) !== 'multipart/form-data') return {};
  try {
    const form = await new Response(new Uint8Array(bodyBytes(event)), { headers: { 'content-type': event.headers['content-type']! } }).formData();
    return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
