/**
 * `npm run ops-token`: a new operator token and the SHA-256 the service stores in its place (the
 * token itself is stored nowhere: DESIGN-NOTES "Secrets", issue 13). With `--hash`, the SHA-256 of
 * a token read from standard input, so operators keep the token they have:
 *
 *   npm run ops-token                                   # a new token, its hash, the command to store it
 *   printf %s "$OPS_TOKEN" | npm run -s ops-token -- --hash
 *
 * Store the hash in the `OpsTokenHash` secret (its ARN is the authorizer's OPS_TOKEN_SHA256_SECRET_ARN):
 *   aws secretsmanager put-secret-value --secret-id <arn> --secret-string <hash>
 * The authorizer reads it at its next cold start.
 */
import { randomBytes } from 'node:crypto';
import { MIN_SECRET_LENGTH } from '#shared/config/secrets.ts';
import { sha256 } from '#shared/domain/tokens.ts';

if (process.argv.includes('--hash')) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const token = Buffer.concat(chunks).toString('utf8').trim();
  if (token.length < MIN_SECRET_LENGTH) {
    console.error(`ops-token: the token must be at least ${MIN_SECRET_LENGTH} characters (it has ${token.length})`);
    process.exit(1);
  }
  console.log(sha256(token));
} else {
  const token = `ops_${randomBytes(32).toString('base64url')}`;
  console.log(`operator token (give it to operators; it is stored nowhere):\n  ${token}
its SHA-256 (what the service stores):\n  ${sha256(token)}
store it:\n  aws secretsmanager put-secret-value --secret-id <OpsTokenHash secret ARN> --secret-string ${sha256(token)}`);
}
