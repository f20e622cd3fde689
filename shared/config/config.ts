import { ConfigError } from './config-error.ts';
import { loadSecrets, SECRET_NAMES, type SecretName } from './secrets.ts';

/**
 * Configuration checked once, at start: `npm start` before it starts anything, and each Lambda
 * function at its cold start (top-level await in its handler module), so a wrong setting stops the
 * process with one line naming the variable and what it must be, and never reaches a caller as an
 * answer about an internal field.
 */
export { ConfigError };

/** What each variable must be: a description, and a test. */
const RULES = {
  TABLE_NAME: ['a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)', (v: string) => /^[A-Za-z0-9_.-]{3,255}$/.test(v)],
  PUBLIC_URL: ['an absolute http(s) URL, the base of the links in emails', (v: string) => /^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(v)],
  MAIL_FROM: ['an email address of the mail identity', (v: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)],
  DYNAMODB_ENDPOINT: ['the http URL of DynamoDB Local', (v: string) => /^https?:\/\//.test(v)],
  SES_ENDPOINT: ['the http URL of the local SES', (v: string) => /^https?:\/\//.test(v)],
  DOWNLOADS_BUCKET: ['the name of the S3 bucket of large downloads', (v: string) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v)],
  S3_ENDPOINT: ['the http URL of the local S3-protocol engine', (v: string) => /^https?:\/\//.test(v)],
} as const satisfies Record<string, readonly [string, (value: string) => boolean]>;

export type ConfigName = keyof typeof RULES;

/** Local-only variables a function also needs when running locally. */
const LOCAL_ENDPOINT: Partial<Record<ConfigName, ConfigName>> = { TABLE_NAME: 'DYNAMODB_ENDPOINT', MAIL_FROM: 'SES_ENDPOINT', DOWNLOADS_BUCKET: 'S3_ENDPOINT' };

/** The problems of these variables, one line each: missing, or not what they must be. */
export function configProblems(names: readonly ConfigName[], env: NodeJS.ProcessEnv = process.env): string[] {
  const wanted = new Set<ConfigName>(names);
  if (env.DEPLOYMENT === 'local') {
    for (const name of names) {
      const endpoint = LOCAL_ENDPOINT[name];
      if (endpoint) wanted.add(endpoint);
    }
  }
  return [...wanted].flatMap((name) => {
    const [what, ok] = RULES[name];
    const value = env[name];
    if (!value) return [`${name} is not set: it must be ${what}`];
    return ok(value) ? [] : [`${name} is not valid: it must be ${what}`];
  });
}

/**
 * Cold start of a function: its variables, then its secrets (read once and cached), or a
 * `ConfigError` that fails the start. Locally the secrets are variables too (CURSOR_KEY...).
 */
export async function checkConfig(names: readonly ConfigName[], options: { secrets?: boolean | readonly SecretName[] } = {}): Promise<void> {
  // Each function names the secrets it reads (FUNCTION_SECRETS); `true` means every one.
  const secrets = options.secrets === false ? [] : options.secrets === true || options.secrets === undefined ? SECRET_NAMES : options.secrets;
  const problems = configProblems(names);
  if (problems.length > 0) throw new ConfigError(`Configuration: ${problems.join('; ')}`);
  await loadSecrets(secrets);
}
