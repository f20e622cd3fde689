import { createHash } from 'node:crypto';
import { html, SafeHtml } from '#shared/util/html.ts';
import type { HttpResult } from '#shared/http/response.ts';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f5f6f7;line-height:1.5}
header{background:#0b3d6e;color:#fff;padding:.75rem 1.5rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;align-items:center}
header form{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;min-width:0}
header span{overflow-wrap:anywhere;min-width:0}
header a,header button{color:#fff}
.brand{font-weight:600;font-size:1.1rem;color:#fff;text-decoration:none;white-space:nowrap}
main{max-width:46rem;margin:2rem auto;background:#fff;padding:2rem;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.5rem;margin-top:0}
h2{font-size:1.15rem}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
h1,h2,p,li,td,blockquote{overflow-wrap:anywhere}
.notice{padding:.75rem 1rem;border-radius:4px;background:#e8f1fb;border-left:4px solid #0b5cad}
.error{background:#fdecea;border-left-color:#a4262c}
.success{background:#e7f4e8;border-left-color:#107c10}
button,.button{font:inherit;padding:.5rem 1.1rem;border-radius:4px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#0b5cad}
button.danger,.button.danger{background:#a4262c;border-color:#a4262c;color:#fff}
.actions{display:flex;gap:.75rem;margin-top:1rem;flex-wrap:wrap}
label{display:block;margin:.5rem 0}
label.check{display:flex;gap:.5rem;align-items:flex-start}
label.check input{margin-top:.35rem}
.nowrap{white-space:nowrap}
td form.inline{display:inline-block;margin:0 .5rem .5rem 0}
input[type=email],input[type=text],input[type=date],input[type=number],select{font:inherit;padding:.4rem;width:100%;max-width:24rem;border:1px solid #6b6b6b;border-radius:4px}
fieldset{border:1px solid #ddd;border-radius:4px;margin:1rem 0}
ul.tabs{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;padding:0;margin:0 0 1rem}
nav.portal{background:#fff;border-bottom:1px solid #ddd;padding:.5rem 1.5rem}
nav.portal ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:0}
nav.portal a{color:#0b3d6e;display:inline-block;padding:.25rem 0}
nav.portal a[aria-current=page]{font-weight:600;border-bottom:3px solid #0b5cad}
code{font-family:ui-monospace,monospace;word-break:break-all;background:#f0f0f0;padding:.1rem .3rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #ddd;vertical-align:top}
.muted{color:#545454}
form.inline{display:inline}
textarea{font:inherit;width:100%;min-height:4rem}
@media (max-width:40rem){
header{padding:.5rem 1rem}
main{margin:0;padding:1rem;border-radius:0;box-shadow:none}
dl{grid-template-columns:minmax(0,1fr);gap:0}
dd{margin-bottom:.5rem}
table,thead,tbody,tr,th,td,caption{display:block}
thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
tr{border-bottom:1px solid #ddd;padding:.5rem 0}
td{border:0;padding:.25rem 0}
td[data-label]::before{content:attr(data-label);display:block;font-weight:600;font-size:.875rem;color:#545454}
.nowrap{white-space:normal}
}
`;

const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');

/** Headers of every page (API.md): a strict CSP, no framing, no referrer, nothing cached. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * A page whose form posts to another origin (the partner portal's upload straight to S3, R32): its
 * CSP lets forms post there too, and nowhere else. Chromium enforces `form-action` on the post.
 */
export function allowFormActionTo(result: HttpResult, url: string): HttpResult {
  const csp = result.headers?.['content-security-policy'];
  if (!csp) return result;
  return { ...result, headers: { ...result.headers, 'content-security-policy': csp.replace("form-action 'self'", `form-action 'self' ${new URL(url).origin}`) } };
}

/** The emailed one-time link's form, the customers' (`/signin`) and the partner portal's (`/partner/signin`). */
export const emailLinkSignInForm = (action: string, next?: string): SafeHtml => html`<h2>With an emailed link</h2>
<p>Enter your work email. We will email you a link that signs you in once.</p>
<form method="post" action="${action}">
<label for="email">Work email</label>
<input type="email" id="email" name="email" autocomplete="email" required>
${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
<div class="actions"><button type="submit">Email me a sign-in link</button></div>
</form>`;

export interface PageOptions {
  status?: number;
  cookies?: string[];
  /** Shown in the header when someone is signed in, with the sign-out form. */
  signedIn?: { email: string; csrf: string };
  /** Where the brand links and the sign-out form posts: the customer pages', or the partner portal's (R32). @default the customer pages' */
  site?: { home: string; signOut: string; name?: string };
  /** A navigation bar under the header (the partner portal's). */
  nav?: SafeHtml;
}

export function page(title: string, body: SafeHtml, options: PageOptions = {}): HttpResult {
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - device-consent</title>
<style>${new SafeHtml(CSS)}</style>
</head>
<body>
<header>
<a class="brand" href="${options.site?.home ?? '/portal'}">${options.site?.name ?? 'device-consent'}</a>
${options.signedIn
  ? html`<form class="inline" method="post" action="${options.site?.signOut ?? '/signout'}"><span>${options.signedIn.email}</span> <input type="hidden" name="csrf" value="${options.signedIn.csrf}"><button type="submit" class="secondary">Sign out</button></form>`
  : ''}
</header>
${options.nav ?? ''}
<main>
${body}
</main>
</body>
</html>`;
  return {
    statusCode: options.status ?? 200,
    headers: { ...PAGE_HEADERS },
    ...(options.cookies?.length ? { cookies: options.cookies } : {}),
    body: document.value,
  };
}

export const redirect = (location: string, cookies: string[] = []): HttpResult => ({
  statusCode: 303,
  headers: { ...PAGE_HEADERS, location },
  ...(cookies.length ? { cookies } : {}),
  body: '',
});
