import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from './config-error.ts';
import { isLocal, optionalEnv } from './env.ts';

/**
 * The service's secrets: the SHA-256 of the operator token (never the token), the keys that sign
 * cursors and sessions, and the key that webhook signing secrets are derived from.
 *
 * Least privilege: in AWS each is a Secrets Manager secret of its own (its ARN in
 * `<VARIABLE>_SECRET_ARN`), granted only to the functions that use it (`FUNCTION_SECRETS`, which the
 * CDK stack binds and each handler loads at cold start), read once and cached. Locally each comes
 * from its variable, which the local server sets (kept in a file under DATA_DIR).
 */
export const SECRET_NAMES = ['opsTokenHash', 'cursorKey', 'sessionKey', 'webhookKey'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Where each secret comes from locally; in AWS `<variable>_SECRET_ARN` names its secret. */
export const LOCAL_SECRET_VARIABLES: Record<SecretName, string> = { opsTokenHash: 'OPS_TOKEN_SHA256', cursorKey: 'CURSOR_KEY', sessionKey: 'SESSION_KEY', webhookKey: 'WEBHOOK_KEY' };

/** The variable holding the ARN of a secret's Secrets Manager secret in AWS. */
export const secretArnVariable = (name: SecretName): string => `${LOCAL_SECRET_VARIABLES[name]}_SECRET_ARN`;

/**
 * The secrets each function reads, and nothing more: the authorizer alone checks the operator
 * token; lists sign cursors (ops, partner and customer API, the portal's lists); pages sign sessions; whoever delivers webhooks
 * (the partner API hands out signing secrets) derives them from the webhook key.
 */
export const FUNCTION_SECRETS = {
  authorizer: ['opsTokenHash'],
  'ops-api': ['cursorKey'],
  'partner-api': ['cursorKey', 'webhookKey'],
  'customer-api': ['cursorKey'],
  pages: ['sessionKey', 'cursorKey'],
  // R32: the partner portal signs its own sessions (a kind of their own) and its lists' cursors.
  'partner-portal': ['sessionKey', 'cursorKey'],
  'consent-status-check': ['webhookKey'],
  'stream-consumer': ['webhookKey'],
  'ses-events': [],
} as const satisfies Record<string, readonly SecretName[]>;

/** Every key is at least this long (the CDK stack generates 64 characters). */
export const MIN_SECRET_LENGTH = 32;

/** The operator token is stored as this: the lowercase hex SHA-256 of the token. */
export const OPS_TOKEN_HASH = /^[0-9a-f]{64}$/;

/**
 * The problems of a set of secrets, one line each, naming where the value comes from (the
 * variable locally, the secret in AWS) and what it must be.
 */
export function secretProblems(values: Partial<Record<SecretName, unknown>>, source: (name: SecretName) => string, names: readonly SecretName[] = SECRET_NAMES): string[] {
  return names.flatMap((name) => {
    const value = values[name];
    if (name === 'opsTokenHash') {
      const what = 'the SHA-256 of the operator token, 64 hex digits (store the hash, never the token)';
      if (typeof value !== 'string' || value === '') return [`${source(name)} is not set: it must be ${what}`];
      return OPS_TOKEN_HASH.test(value) ? [] : [`${source(name)} is not valid: it must be ${what}`];
    }
    if (typeof value !== 'string' || value === '') return [`${source(name)} is not set: it must be a secret of at least ${MIN_SECRET_LENGTH} characters`];
    return value.length < MIN_SECRET_LENGTH ? [`${source(name)} is too short: it must be at least ${MIN_SECRET_LENGTH} characters (it has ${value.length})`] : [];
  });
}

const cached = new Map<SecretName, Promise<string>>();

/** One secret, loaded at its first use (or at cold start by `checkConfig`) and cached. */
export function getSecret(name: SecretName): Promise<string> {
  let value = cached.get(name);
  if (!value) {
    value = loadSecret(name).catch((error: unknown) => {
      cached.delete(name);
      throw error;
    });
    cached.set(name, value);
  }
  return value;
}

/** Loads these secrets at once (a cold start): a `ConfigError` naming every one that is missing or wrong. */
export async function loadSecrets(names: readonly SecretName[]): Promise<void> {
  const results = await Promise.allSettled(names.map((name) => getSecret(name)));
  const problems = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message.replace(/^Configuration: /, '')] : []));
  if (problems.length > 0) throw new ConfigError(`Configuration: ${problems.join('; ')}`);
}

/** Tests and the local server change secrets between runs. */
export function resetSecretsCache(): void {
  cached.clear();
}

async function loadSecret(name: SecretName): Promise<string> {
  const arnVariable = secretArnVariable(name);
  const arn = optionalEnv(arnVariable);
  let value: unknown;
  let source: string;
  if (!isLocal()) {
    if (!arn || !/^arn:aws[a-z-]*:secretsmanager:/.test(arn)) {
      throw new ConfigError(`Configuration: ${arnVariable} is ${arn ? 'not valid' : 'not set'}: it must be the ARN of the ${name} secret in Secrets Manager`);
    }
    value = await secretString(arn);
    source = `the secret ${arnVariable}`;
  } else {
    value = process.env[LOCAL_SECRET_VARIABLES[name]];
    source = LOCAL_SECRET_VARIABLES[name];
  }
  // Not a validation error of the caller's: an internal error that names what to fix.
  const problems = secretProblems({ [name]: value }, () => source, [name]);
  if (problems.length > 0) throw new ConfigError(`Configuration: ${problems.join('; ')}`);
  return value as string;
}

let client: SecretsManagerClient | undefined;

/** The value of a Secrets Manager secret (trimmed), read through the one client of the process. */
export async function secretString(arn: string): Promise<string> {
  client ??= new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  return out.SecretString?.trim() ?? '';
}
