import type { TestProject } from 'vitest/node';
import { ensureTable, freePort, localFunctionEnv, newLocalKey, startDynamoDb, startS3, startSes } from '../../dev/engines.ts';

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
  const s3 = await startS3({ port: await freePort() });
  const opsToken = `ops_${newLocalKey()}`;
  project.provide('stack', {
    apiUrl: 'http://127.0.0.1:9', // no HTTP server in this project
    sesUrl: ses.endpoint,
    opsToken: '',
    env: {
      // The token the tests present, and its hash, which is all the functions are given.
      OPS_TOKEN: opsToken,
      ...localFunctionEnv({ tableName, dynamoDbEndpoint: dynamo.endpoint, sesEndpoint: ses.endpoint, s3Endpoint: s3.endpoint, publicUrl: 'http://localhost:3999', opsToken }),
    },
  });
  return async () => {
    await ses.stop();
    await s3.stop();
    await dynamo.stop();
  };
}
