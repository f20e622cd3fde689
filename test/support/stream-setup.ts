import { createHash, randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { ensureTable, freePort, startDynamoDb, startSes } from '../../dev/engines.ts';

/**
 * The `stream` project's engines: DynamoDB Local (with its stream) and the local SES, and no
 * consumer of the stream: its tests run the stream consumer themselves, with faults injected into
 * it, and call the use cases directly. Nothing here touches this process's environment (the shared
 * stack of the other projects runs in it); the workers get theirs through `inject('stack')`.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDb({ port: await freePort() });
  const tableName = 'device-consent-stream';
  await ensureTable(dynamo.endpoint, tableName);
  const ses = await startSes({ port: await freePort() });
  const key = () => randomBytes(32).toString('base64url');
  const opsToken = `ops_${key()}`;
  project.provide('stack', {
    apiUrl: 'http://127.0.0.1:9', // no HTTP server in this project
    sesUrl: ses.endpoint,
    opsToken: '',
    env: {
      DEPLOYMENT: 'local',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      AWS_REGION: 'us-east-1',
      PUBLIC_URL: 'http://localhost:3999',
      MAIL_FROM: 'consent@device-consent.local',
      // The token the tests present, and its hash, which is all the functions are given.
      OPS_TOKEN: opsToken,
      OPS_TOKEN_SHA256: createHash('sha256').update(opsToken).digest('hex'),
      CURSOR_KEY: key(),
      SESSION_KEY: key(),
      WEBHOOK_KEY: key(),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
  });
  return async () => {
    await ses.stop();
    await dynamo.stop();
  };
}
