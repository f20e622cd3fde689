import type { TestProject } from 'vitest/node';
import { freePort } from '../../dev/engines.ts';
import { startLocalStack } from '../../dev/stack.ts';

/**
 * Starts the service once per test run, as `npm start` does but in memory and on free ports:
 * DynamoDB Local, the local SES and the local HTTP server.
 */
export default async function setup(project: TestProject) {
  const port = await freePort();
  const stack = await startLocalStack({
    port,
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
  });
  const env = Object.fromEntries(
    ['DEPLOYMENT', 'TABLE_NAME', 'DYNAMODB_ENDPOINT', 'SES_ENDPOINT', 'AWS_REGION', 'PUBLIC_URL', 'MAIL_FROM', 'OPS_TOKEN', 'CURSOR_KEY', 'SESSION_KEY', 'POWERTOOLS_LOG_LEVEL'].map(
      (name) => [name, process.env[name] ?? ''],
    ),
  );
  project.provide('stack', { apiUrl: stack.apiUrl, sesUrl: stack.sesUrl, opsToken: stack.opsToken, env });
  return async () => {
    await stack.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { apiUrl: string; sesUrl: string; opsToken: string; env: Record<string, string> };
  }
}
