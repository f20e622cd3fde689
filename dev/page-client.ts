/**
 * The customer pages as a browser without JavaScript uses them, with no test-runner import, so the
 * bench uses it too: keeps cookies, follows nothing by itself (each redirect and cookie is seen).
 */
export interface PageResponse {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

export class PageClient {
  cookies = new Map<string, string>();
  /** Where the service answers (read at each call: a test's stack is known only once it runs). */
  private readonly baseUrl: () => string;
  constructor(baseUrl: string | (() => string)) {
    this.baseUrl = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;
  }

  /** A path, or a link the service wrote (its public URL), sent to where the service answers. */
  private url(path: string): string {
    return path.startsWith('http') ? `${this.baseUrl()}${new URL(path).pathname}${new URL(path).search}` : `${this.baseUrl()}${path}`;
  }

  private remember(headers: Headers): void {
    for (const cookie of headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string): Promise<PageResponse> {
    const res = await fetch(this.url(path), { headers: this.headers(), redirect: 'manual' });
    this.remember(res.headers);
    return { status: res.status, headers: res.headers, html: await res.text(), location: res.headers.get('location') };
  }

  /** GET, following one redirect (as after a sign-in link). */
  async open(path: string): Promise<PageResponse> {
    const first = await this.get(path);
    return first.location ? this.get(first.location) : first;
  }

  /** POSTs a form; a field given several times (checkboxes of one name) as URLSearchParams. */
  async post(path: string, form: Record<string, string> | URLSearchParams, extraHeaders: Record<string, string> = {}): Promise<PageResponse> {
    const res = await fetch(this.url(path), {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders }),
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.remember(res.headers);
    return { status: res.status, headers: res.headers, html: await res.text(), location: res.headers.get('location') };
  }
}

/** The CSRF token of the first form on a page. */
export const csrfOf = (html: string): string => {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no csrf field on the page');
  return match[1];
};

