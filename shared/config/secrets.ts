import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { isLocal, optionalEnv } from './env.ts';

/**
 * The service's secrets: the operator token, and the keys that sign cursors and sessions.
 * In AWS they come from one Secrets Manager secret (`SECRET_ARN`), read once per cold start;
 * locally from the environment the local server sets (kept in a file under DATA_DIR).
 */
const SecretsSchema = z.object({
  opsToken: z.string().min(32),
  cursorKey: z.string().min(32),
  sessionKey: z.string().min(32),
});
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
  });
}
