/**
 * A strict reader of the IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): each is a
 * Structured Field List (RFC 9651) of Items whose value is a String (the policy's name) with
 * parameters. Anything else (a bare number as the older `RateLimit-Limit: 60` style, a token, a
 * stray character) throws, so a test that reads a field also checks that it is well-formed.
 */
export interface RateLimitItem {
  name: string;
  params: Record<string, number | string | boolean>;
}

const KEY = /^[a-z*][a-z0-9_.*-]*/;
const INTEGER = /^-?\d{1,15}(?![.\d])/;
const TOKEN = /^[A-Za-z*][A-Za-z0-9!#$%&'*+.^_`|~:/-]*/;

export function parseRateLimitList(field: string | null): RateLimitItem[] {
  if (field === null) throw new Error('field missing');
  let rest = field.replace(/^ +/, '').replace(/ +$/, '');
  const items: RateLimitItem[] = [];
  const fail = (why: string): never => {
    throw new Error(`not a Structured Field List of String Items (${why}): ${JSON.stringify(field)}`);
  };
  while (rest.length > 0) {
    if (!rest.startsWith('"')) fail('an item is not a String');
    let name = '';
    let i = 1;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      if (rest[i] === '\\') {
        i++;
        if (rest[i] !== '"' && rest[i] !== '\\') fail('bad escape');
      } else if (rest.charCodeAt(i) < 0x20 || rest.charCodeAt(i) > 0x7e) fail('a character outside printable ASCII');
      name += rest[i];
    }
    if (rest[i] !== '"') fail('unterminated String');
    rest = rest.slice(i + 1);
    const params: RateLimitItem['params'] = {};
    while (rest.startsWith(';')) {
      rest = rest.slice(1).replace(/^ +/, '');
      const key = KEY.exec(rest)?.[0] ?? fail('bad parameter key');
      rest = rest.slice(key.length);
      if (!rest.startsWith('=')) {
        params[key] = true;
        continue;
      }
      rest = rest.slice(1);
      const integer = INTEGER.exec(rest)?.[0];
      if (integer !== undefined) {
        params[key] = Number(integer);
        rest = rest.slice(integer.length);
        continue;
      }
      const token = TOKEN.exec(rest)?.[0];
      if (token !== undefined) {
        params[key] = token;
        rest = rest.slice(token.length);
        continue;
      }
      const bytes = /^:[A-Za-z0-9+/=]*:/.exec(rest)?.[0];
      if (bytes !== undefined) {
        params[key] = bytes;
        rest = rest.slice(bytes.length);
        continue;
      }
      fail(`bad value of parameter ${key}`);
    }
    items.push({ name, params });
    rest = rest.replace(/^[ \t]+/, '');
    if (rest.length === 0) break;
    if (!rest.startsWith(',')) fail('items not separated by a comma');
    rest = rest.slice(1).replace(/^[ \t]+/, '');
    if (rest.length === 0) fail('a trailing comma');
  }
  if (items.length === 0) fail('empty');
  return items;
}

/**
 * The RateLimit-Policy and RateLimit fields of an answer, read strictly and checked against the
 * draft: every policy has an Integer quota `q` >= 0 and, if any, a window `w` >= 1; every service
 * limit names a policy the answer declares, with an Integer `r` >= 0 and `t` >= 0 when present.
 */
export function rateLimitFields(headers: Headers): { policies: RateLimitItem[]; limits: RateLimitItem[] } {
  const policies = parseRateLimitList(headers.get('ratelimit-policy'));
  const limits = parseRateLimitList(headers.get('ratelimit'));
  for (const p of policies) {
    if (typeof p.params.q !== 'number' || p.params.q < 0) throw new Error(`policy ${p.name}: q must be a non-negative Integer`);
    if (p.params.w !== undefined && (typeof p.params.w !== 'number' || p.params.w < 1)) throw new Error(`policy ${p.name}: w must be a positive Integer`);
  }
  for (const l of limits) {
    if (!policies.some((p) => p.name === l.name)) throw new Error(`RateLimit names ${l.name}, which RateLimit-Policy does not declare`);
    if (typeof l.params.r !== 'number' || l.params.r < 0) throw new Error(`limit ${l.name}: r must be a non-negative Integer`);
    if (l.params.t !== undefined && (typeof l.params.t !== 'number' || l.params.t < 0)) throw new Error(`limit ${l.name}: t must be a non-negative Integer`);
  }
  return { policies, limits };
}
