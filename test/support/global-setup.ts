import type { TestProject } from 'vitest/node';
import { freePort } from '../../dev/engines.ts';
import { startLocalStack, type LocalStack } from '../../dev/stack.ts';

/**
 * Starts the service once per test run, as `npm start` does but in memory and on free ports:
 * DynamoDB Local, the local SES and the local HTTP server. Projects that need it (integration,
 * e2e) share the one instance: the handlers run in this process and read its environment.
 */
const shared = globalThis as { __deviceConsentStack?: Promise<LocalStack>; __deviceConsentUsers?: number };

export default async function setup(project: TestProject) {
  shared.__deviceConsentStack ??= (async () =>
    startLocalStack({ port: await freePort(), dynamoDbPort: await freePort(), sesPort: await freePort(), s3Port: await freePort(), idpPort: await freePort(), dnsPort: await freePort() }))();
  shared.__deviceConsentUsers = (shared.__deviceConsentUsers ?? 0) + 1;
  const stack = await shared.__deviceConsentStack;
  const env = Object.fromEntries(
    ['DEPLOYMENT', 'TABLE_NAME', 'DYNAMODB_ENDPOINT', 'SES_ENDPOINT', 'S3_ENDPOINT', 'DOWNLOADS_BUCKET', 'AWS_REGION', 'PUBLIC_URL', 'MAIL_FROM', 'OPS_TOKEN_SHA256', 'CURSOR_KEY', 'SESSION_KEY', 'WEBHOOK_KEY', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ORGANIZATION_URL', 'DNS_RESOLVER', 'POWERTOOLS_LOG_LEVEL'].map(
      (name) => [name, process.env[name] ?? ''],
    ),
  );
  project.provide('stack', { apiUrl: stack.apiUrl, sesUrl: stack.sesUrl, opsToken: stack.opsToken, dnsUrl: stack.dns.url, env });
  return async () => {
    shared.__deviceConsentUsers = (shared.__deviceConsentUsers ?? 1) - 1;
    if (shared.__deviceConsentUsers === 0) {
      shared.__deviceConsentStack = undefined;
      await stack.stop();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { apiUrl: string; sesUrl: string; opsToken: string; dnsUrl?: string; env: Record<string, string> };
  }
}
