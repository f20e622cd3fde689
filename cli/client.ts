/**
 * The CLI's HTTP client: openapi-fetch typed by the OpenAPI document (`api-types.ts`, written by
 * `npm run generate`), so every path, parameter, body and answer a command uses is checked by the
 * compiler against the published contract. One base URL, one credential; problems become
 * `ApiError`s that carry the problem's `code`. A busy answer (503) is retried after its
 * `Retry-After`; a POST only when it carries an Idempotency-Key, so a retry never does the work
 * twice (R20). A rate limit (429, which changed nothing) never passes in silence: the CLI says what
 * was limited, waits with a countdown when `Retry-After` is short (at most a minute), and otherwise
 * stops with the time to try again.
 */
import { randomUUID } from 'node:crypto';
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './api-types.ts';
import { duration, isoSecond, waitShown } from './terminal.ts';

/** An answer of 400 and above (its problem's `code`, or `http_<status>`), or no answer at all (`unreachable`, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body?: unknown;
  /** A 429's moment to try again (ISO 8601), from its Retry-After. */
  readonly retryAt?: string;
  constructor(status: number, code: string, message: string, body?: unknown, retryAt?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
    if (retryAt) this.retryAt = retryAt;
  }
}

/** The longest `Retry-After` of a 429 the CLI waits out by itself; a longer one ends the run with the time. */
export const LONGEST_WAIT_SECONDS = 60;
/** 429s waited out in a row before the CLI gives up and says when to try again. */
const MAX_RATE_LIMIT_WAITS = 5;

/** A usage or configuration error: the CLI prints it and exits 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The API as the CLI sees it: JSON answers only (the CLI asks for no CSV download). */
export type Api = Client<paths, 'application/json'>;

/** The document's named schemas (`components.schemas`), for the shapes the CLI keeps or prints. */
export type Schemas = components['schemas'];

/** The JSON request body of an operation, e.g. `JsonBody<'/ops/partners', 'post'>`. */
export type JsonBody<Path extends keyof paths, Method extends 'post' | 'put' | 'patch'> = paths[Path][Method] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export interface ClientOptions {
  baseUrl: string;
  token: string;
  /** How long a 503 waits at most before a retry, in ms. */
  maxRetryWaitMs?: number;
  /** How a short 429 is waited out (default: `waitShown` on stderr, a countdown on a terminal). */
  waitOut?: (seconds: number, why: string) => Promise<void>;
}

/** A new Idempotency-Key (R20): one a request, reused only to retry that same request. */
export const newIdempotencyKey = (): string => randomUUID();

/** Resolves after `ms` milliseconds (polls, retries). */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The typed client for one deployment and one credential (a partner API key or the operator token). */
export function createApi(options: ClientOptions): Api {
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  return createClient<paths, 'application/json'>({
    baseUrl,
    headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
    fetch: (request) => send(request, baseUrl, options.maxRetryWaitMs ?? 30_000, options.waitOut ?? ((seconds, why) => waitShown(seconds, why))),
  });
}

/**
 * openapi-fetch's fetch: retries what is safe to retry, and throws every answer of 400 and above as
 * an `ApiError`, so a command only ever sees a success (openapi-fetch would hand back the problem
 * as data; one place turning it into the CLI's message and exit code is simpler than every caller).
 */
async function send(request: Request, baseUrl: string, maxRetryWaitMs: number, waitOut: (seconds: number, why: string) => Promise<void>): Promise<Response> {
  const retriable = request.method === 'GET' || request.method === 'PUT' || request.method === 'DELETE' || request.headers.has('idempotency-key');
  let rateLimitWaits = 0;
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      // A clone each attempt: a request's body can be read once.
      res = await fetch(request.clone());
    } catch (error) {
      if (retriable && attempt < 4) {
        await sleep(250 * attempt);
        continue;
      }
      throw new ApiError(0, 'unreachable', `cannot reach ${baseUrl}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
    }
    if (res.status === 429) {
      // Over a limit nothing was done (API.md), so any call may be sent again, POSTs included.
      const limited = await rateLimitError(res);
      const seconds = retryAfterSeconds(res.headers.get('retry-after'));
      if (seconds !== undefined && seconds <= LONGEST_WAIT_SECONDS && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
        rateLimitWaits++;
        await waitOut(seconds, `rate limited: ${whatWasLimited(limited.body, limited.policy)}`);
        attempt--;
        continue;
      }
      throw limited;
    }
    if (res.status === 503 && retriable && attempt < 6) {
      await res.body?.cancel();
      await sleep(Math.min(Number(res.headers.get('retry-after') ?? '1') * 1000, maxRetryWaitMs));
      continue;
    }
    if (res.status >= 400) throw await problemError(res);
    return res;
  }
}

type Problem = Partial<Schemas['problem']>;

/** Retry-After as seconds from now: delay-seconds, or an HTTP date (RFC 9110 10.2.3); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The policy a RateLimit field reports (its first Item's name, e.g. `partner-minute`), if any. */
export function limitedPolicy(field: string | null): string | undefined {
  return field ? /^\s*"((?:[^"\\]|\\.)*)"/.exec(field)?.[1] : undefined;
}

/**
 * What a 429 says was limited: the problem's detail (the limit in words, without its own "try
 * again", which the CLI says from Retry-After) and the policy the RateLimit field names.
 */
function whatWasLimited(body: unknown, policy: string | undefined): string {
  const problem = typeof body === 'object' && body !== null ? (body as Problem) : undefined;
  const detail = (problem?.detail ?? problem?.title ?? 'too many requests').replace(/;\s*try again\b.*$/is, '');
  return `${detail}${policy ? ` (${policy})` : ''}`;
}

/**
 * A 429 as the error the CLI stops with: what was limited, and when to try again (the moment, and
 * how long from now), or only what was limited when the service gave no Retry-After.
 */
async function rateLimitError(res: Response): Promise<ApiError & { policy?: string }> {
  const base = await problemError(res);
  const policy = limitedPolicy(res.headers.get('ratelimit'));
  const seconds = retryAfterSeconds(res.headers.get('retry-after'));
  const retryAt = seconds !== undefined ? isoSecond(Date.now() + seconds * 1000) : undefined;
  const error = new ApiError(
    429,
    base.code,
    `429 ${base.code}: ${whatWasLimited(base.body, policy)}${retryAt ? `; try again after ${retryAt} (in ${duration(seconds!)})` : ''}`,
    base.body,
    retryAt,
  );
  return Object.assign(error, { policy });
}

/** The problem+json answer (or whatever came instead) as the error the CLI prints. */
async function problemError(res: Response): Promise<ApiError> {
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') && text ? JSON.parse(text) : text;
  const problem: Problem | undefined = typeof body === 'object' && body !== null ? (body as Problem) : undefined;
  const details = problem?.errors?.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ');
  return new ApiError(
    res.status,
    problem?.code ?? `http_${res.status}`,
    `${res.status} ${problem?.code ?? ''}: ${problem?.detail ?? problem?.title ?? text.slice(0, 200)}${details && !problem?.detail?.includes(details) ? ` (${details})` : ''}`,
    body,
  );
}

/**
 * The answer of a call made through `Api`: its data, typed by the document. `send` has already
 * thrown every problem; this only narrows openapi-fetch's `{ data } | { error }` for the caller.
 */
export async function ok<Answer extends { data?: unknown; error?: unknown; response: Response }>(call: Promise<Answer>): Promise<SuccessData<Answer>> {
  const answer = await call;
  if (answer.error !== undefined || !answer.response.ok) {
    // Unreachable while `send` throws first; kept so a change there cannot turn a problem into data.
    throw new ApiError(answer.response.status, `http_${answer.response.status}`, `${answer.response.status}: unexpected answer`, answer.error);
  }
  return answer.data as SuccessData<Answer>;
}

/** The data of the success member of openapi-fetch's answer (`undefined` for a 204). */
type SuccessData<Answer> = Exclude<Answer, { error: unknown }> extends { data?: infer Data } ? Data : never;

/**
 * Every item of a paginated list (`{items, nextCursor}`), page after page.
 *
 * @param page - asks for the page at `cursor` (undefined: the first), e.g.
 *   `(cursor) => ok(api.GET('/v1/customers', { params: { query: { cursor, limit: 100 } } }))`
 */
export async function* pages<Item>(page: (cursor: string | undefined) => Promise<{ items: Item[]; nextCursor: string | null }>): AsyncGenerator<Item> {
  let cursor: string | undefined;
  do {
    const body = await page(cursor);
    yield* body.items;
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
}
