import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { isLocal, optionalEnv } from './env.ts';

/**
 * The service's secrets: the operator token, the keys that sign cursors and sessions, and the key
 * that webhook signing secrets are derived from.
 * In AWS they come from one Secrets Manager secret (`SECRET_ARN`), read once per cold start;
 * locally from the environment the local server sets (kept in a file under DATA_DIR).
 */
/** The fields of the service secret: the CDK stack generates each one, the functions read them. */
export const SECRET_FIELDS = ['opsToken', 'cursorKey', 'sessionKey', 'webhookKey'] as const;

const SecretsSchema = z.object(Object.fromEntries(SECRET_FIELDS.map((f) => [f, z.string().min(32)])) as Record<(typeof SECRET_FIELDS)[number], z.ZodString>);
export type Secrets = z.infer<typeof SecretsSchema>;

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
  if (arn && !isLocal()) {
    const client = new SecretsManagerClient({});
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    return SecretsSchema.parse(JSON.parse(out.SecretString ?? '{}'));
  }
  return SecretsSchema.parse({
    opsToken: process.env.OPS_TOKEN,
    cursorKey: process.env.CURSOR_KEY,
    sessionKey: process.env.SESSION_KEY,
    webhookKey: process.env.WEBHOOK_KEY,
  });
}
