import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain/errors.ts';
import { readFileBody } from '#shared/http/file-body.ts';
import { toProblem } from '#shared/http/problem.ts';
import { utf16 } from '../../support/csv-fixtures.ts';

const FILE = utf16('Device Serial Number,Windows Product ID,Hardware Hash\r\nSN-1,,QUJD\r\n', 'le');
const MAX = 64 * 1024;

/** An event as API Gateway (HTTP API) builds it: text bodies as UTF-8 strings, the others base64. */
function eventOf(contentType: string | undefined, body: Buffer, asText = /^text\//i.test(contentType ?? '')): APIGatewayProxyEventV2 {
  return {
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body: asText ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: !asText,
  } as unknown as APIGatewayProxyEventV2;
}

/** A multipart body exactly as fetch (and so a browser) encodes a FormData. */
async function multipart(form: FormData): Promise<{ contentType: string; body: Buffer }> {
  const response = new Response(form);
  return { contentType: response.headers.get('content-type')!, body: Buffer.from(await response.arrayBuffer()) };
}

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return toProblem(error);
}

describe('readFileBody: the three ways to send a file', () => {
  it('application/vnd.ms-excel (base64 from API Gateway): the bytes, UTF-16 and all', async () => {
    expect((await readFileBody(eventOf('application/vnd.ms-excel', FILE), { maxBytes: MAX })).equals(FILE)).toBe(true);
  });

  it('text/csv, with a charset parameter and in any case: the UTF-8 text as bytes', async () => {
    const csv = Buffer.from('Windows Product ID\r\n1234567890123\r\n');
    expect((await readFileBody(eventOf('Text/CSV; charset=utf-8', csv), { maxBytes: MAX })).equals(csv)).toBe(true);
  });

  it('multipart/form-data as a browser sends it: the one file part, byte for byte; other fields ignored', async () => {
    const form = new FormData();
    form.append('note', 'hello');
    form.append('file', new Blob([FILE], { type: 'application/vnd.ms-excel' }), 'devices.csv');
    const { contentType, body } = await multipart(form);
    expect((await readFileBody(eventOf(contentType, body), { maxBytes: MAX })).equals(FILE)).toBe(true);
  });

  it('multipart/form-data as curl -F writes it (CRLF, its own boundary)', async () => {
    const body = Buffer.concat([
      Buffer.from('--------------------------d74496d66958873e\r\nContent-Disposition: form-data; name="file"; filename="devices.csv"\r\nContent-Type: text/csv\r\n\r\n'),
      FILE,
      Buffer.from('\r\n--------------------------d74496d66958873e--\r\n'),
    ]);
    const file = await readFileBody(eventOf('multipart/form-data; boundary=------------------------d74496d66958873e', body), { maxBytes: MAX });
    expect(file.equals(FILE)).toBe(true);
  });
});

describe('readFileBody: refusals', () => {
  it('another content type is 415 naming the accepted ones (application/json too where the route takes it)', async () => {
    for (const type of ['application/json', 'text/plain', 'application/octet-stream', undefined]) {
      const problem = await problemOf(readFileBody(eventOf(type, FILE, false), { maxBytes: MAX }));
      expect(problem.status).toBe(415);
      expect(problem.code).toBe('unsupported_media_type');
      expect(problem.message).toBe('Content-Type must be one of text/csv, application/vnd.ms-excel, multipart/form-data (with one file part)');
    }
    const both = await problemOf(readFileBody(eventOf('text/plain', FILE), { maxBytes: MAX, alsoAccepted: ['application/json'] }));
    expect(both.message).toContain('one of application/json, text/csv');
  });

  it('a body over the limit is 413, whatever its type', async () => {
    const problem = await problemOf(readFileBody(eventOf('application/vnd.ms-excel', Buffer.alloc(MAX + 1, 0x41)), { maxBytes: MAX }));
    expect(problem).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('multipart without a file part, or with two, is 400', async () => {
    const none = new FormData();
    none.append('file', 'Windows Product ID\r\n1234567890123\r\n'); // a field: no filename
    const one = await multipart(none);
    const noFile = await problemOf(readFileBody(eventOf(one.contentType, one.body), { maxBytes: MAX }));
    expect(noFile).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(noFile.message).toContain('no file part');

    const two = new FormData();
    two.append('file', new Blob([FILE]), 'a.csv');
    two.append('other', new Blob([FILE]), 'b.csv');
    const twoParts = await multipart(two);
    const tooMany = await problemOf(readFileBody(eventOf(twoParts.contentType, twoParts.body), { maxBytes: MAX }));
    expect(tooMany).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(tooMany.message).toContain('2 file parts ("file", "other")');
  });

  it('a malformed multipart body (no boundary, cut short) is 400', async () => {
    expect(await problemOf(readFileBody(eventOf('multipart/form-data', FILE), { maxBytes: MAX }))).toMatchObject({ status: 400, code: 'validation_failed' });
    const form = new FormData();
    form.append('file', new Blob([FILE]), 'devices.csv');
    const { contentType, body } = await multipart(form);
    const cut = await problemOf(readFileBody(eventOf(contentType, body.subarray(0, body.length - 20)), { maxBytes: MAX }));
    expect(cut).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(cut.message).toContain('malformed');
  });

  it('a text/csv body that lost bytes as UTF-8 text (a UTF-16 or Windows-1252 file) is 400, saying how to send it', async () => {
    const problem = await problemOf(readFileBody(eventOf('text/csv', FILE), { maxBytes: MAX }));
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem.message).toContain('send it as multipart/form-data (curl -F file=@devices.csv) or with Content-Type: application/vnd.ms-excel');
  });
});
