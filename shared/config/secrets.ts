import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from './config-error.ts';
import { isLocal, optionalEnv } from './env.ts';

/**
 * The service's secrets: the operator token, the keys that sign cursors and sessions, and the key
 * that webhook signing secrets are derived from.
 * In AWS they come from one Secrets Manager secret (`SECRET_ARN`), read once per cold start;
 * locally from the environment the local server sets (kept in a file under DATA_DIR).
 */
/** The fields of the service secret: the CDK stack generates each one, the functions read them. */
export const SECRET_FIELDS = ['opsToken', 'cursorKey', 'sessionKey', 'webhookKey'] as const;
export type Secrets = Record<(typeof SECRET_FIELDS)[number], string>;

/** Where each field comes from locally. */
export const LOCAL_SECRET_VARIABLES: Record<keyof Secrets, string> = { opsToken: 'OPS_TOKEN', cursorKey: 'CURSOR_KEY', sessionKey: 'SESSION_KEY', webhookKey: 'WEBHOOK_KEY' };

/** Every secret is at least this long (the CDK stack generates 64 characters). */
export const MIN_SECRET_LENGTH = 32;

/**
 * The problems of a set of secrets, one line each, naming where the value comes from (the
 * variable locally, the secret's field in AWS) and what it must be.
 */
export function secretProblems(values: Partial<Record<keyof Secrets, unknown>>, source: (field: keyof Secrets) => string): string[] {
  return SECRET_FIELDS.flatMap((field) => {
    const value = values[field];
    if (typeof value !== 'string' || value === '') return [`${source(field)} is not set: it must be a secret of at least ${MIN_SECRET_LENGTH} characters`];
    return value.length < MIN_SECRET_LENGTH ? [`${source(field)} is too short: it must be at least ${MIN_SECRET_LENGTH} characters (it has ${value.length})`] : [];
  });
}

let cached: Promise<Secrets> | undefined;

export function getSecrets(): Promise<Secrets> {
  cached ??= loadSecrets().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** Tests and the local server change secrets between runs. */
export function resetSecretsCache(): void {
  cached = undefined;
}

async function loadSecrets(): Promise<Secrets> {
  const arn = optionalEnv('SECRET_ARN');
  let values: Partial<Record<keyof Secrets, unknown>>;
  let source: (field: keyof Secrets) => string;
  if (arn && !isLocal()) {
    const client = new SecretsManagerClient({});
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    try {
      values = JSON.parse(out.SecretString ?? '{}') as Record<string, unknown>;
    } catch {
      values = {};
    }
    source = (field) => `field ${field} of the secret SECRET_ARN`;
  } else {
    values = Object.fromEntries(SECRET_FIELDS.map((field) => [field, process.env[LOCAL_SECRET_VARIABLES[field]]]));
    source = (field) => LOCAL_SECRET_VARIABLES[field];
  }
  const problems = secretProblems(values, source);
  // Not a validation error of the caller's: an internal error that names what to fix.
  if (problems.length > 0) throw new ConfigError(`Configuration: ${problems.join('; ')}`);
  return Object.fromEntries(SECRET_FIELDS.map((field) => [field, values[field] as string])) as Secrets;
}
