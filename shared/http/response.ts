import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers?: Record<string, string> };

/** Sent with every API answer: nothing cached, nothing sniffed, nothing framed. */
export const API_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const noContent = (): HttpResult => ({ statusCode: 204, headers: { ...API_HEADERS } });

/**
 * A file of any size to download (shared/files/downloads.ts): `303 See Other` to its short-lived
 * URL, which a client follows without our Authorization header (fetch and `curl -L` drop it).
 */
export const download = (file: { url: string }): HttpResult => ({ statusCode: 303, headers: { ...API_HEADERS, location: file.url } });

/** Whether the caller asks for the CSV file of a list (`Accept: text/csv`). */
export const wantsCsv = (headers: Record<string, string | undefined>): boolean => (headers.accept ?? '').includes('text/csv');

/**
 * An answer given instead of the one a use case was computing, thrown from deep within it (a page
 * guard's redirect to sign in, its 403 page): the chain answers `result` as it is. Not an error.
 */
export class AnswerInstead extends Error {
  override name = 'AnswerInstead';
  readonly result: HttpResult;
  constructor(result: HttpResult) {
    super('answered instead');
    this.result = result;
  }
}
