import { randomUUID } from 'node:crypto';

/**
 * The CLI's HTTP client: one base URL, one credential, JSON in and out, problems turned into
 * `ApiError`s that carry the problem's `code`. Busy answers (429, 503) are retried after their
 * `Retry-After`; a POST is retried only when it carries an Idempotency-Key, so a retry never does
 * the work twice (R20).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body?: unknown;
  constructor(status: number, code: string, message: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** A usage or configuration error: the CLI prints it and exits 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  /** For tests: how long a 429/503 waits at most before a retry, in ms. */
  maxRetryWaitMs?: number;
}

export const newIdempotencyKey = () => randomUUID();

export class Client {
  private readonly options: ClientOptions;
  constructor(options: ClientOptions) {
    this.options = options;
  }

  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/$/, '');
  }

  async request<T = any>(
    method: string,
    path: string,
    init: { body?: unknown; idempotencyKey?: string; accept?: string; query?: Record<string, string | number | undefined> } = {},
  ): Promise<{ status: number; body: T; headers: Headers; text: string }> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: init.accept ?? 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
    const retriable = method === 'GET' || method === 'PUT' || method === 'DELETE' || init.idempotencyKey !== undefined;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
      } catch (error) {
        if (retriable && attempt < 4) {
          await sleep(250 * attempt);
          continue;
        }
        throw new ApiError(0, 'unreachable', `cannot reach ${this.baseUrl}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
      }
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      const body = type.includes('json') && text ? JSON.parse(text) : text;
      if ((res.status === 429 || res.status === 503) && retriable && attempt < 6) {
        const wait = Math.min(Number(res.headers.get('retry-after') ?? '1') * 1000, this.options.maxRetryWaitMs ?? 30_000);
        await sleep(wait);
        continue;
      }
      if (res.status >= 400) {
        const problem = body as { code?: string; title?: string; detail?: string; errors?: { path: string; message: string }[] };
        const details = problem?.errors?.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ');
        throw new ApiError(res.status, problem?.code ?? `http_${res.status}`, `${res.status} ${problem?.code ?? ''}: ${problem?.detail ?? problem?.title ?? text.slice(0, 200)}${details && !problem?.detail?.includes(details) ? ` (${details})` : ''}`, body);
      }
      return { status: res.status, body: body as T, headers: res.headers, text };
    }
  }

  /** Every item of a paginated list, page after page. */
  async *pages<T = any>(path: string, query: Record<string, string | number | undefined> = {}): AsyncGenerator<T> {
    let cursor: string | undefined;
    do {
      const { body } = await this.request<{ items: T[]; nextCursor: string | null }>('GET', path, { query: { ...query, limit: query.limit ?? 100, cursor } });
      yield* body.items;
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
