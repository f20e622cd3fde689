/**
 * `npm start`: the whole service on this machine, with real local engines (API.md, "Running
 * locally"). Ctrl-C stops everything.
 */
import { startLocalStack } from './stack.ts';

const port = Number(process.env.PORT ?? 3000);
const sesPort = Number(process.env.SES_PORT ?? 8005);

try {
  const stack = await startLocalStack({
    port,
    dynamoDbPort: Number(process.env.DYNAMODB_PORT ?? 8000),
    sesPort,
    dataDir: process.env.DATA_DIR ?? '.local',
    opsToken: process.env.OPS_TOKEN,
    publicUrl: process.env.PUBLIC_URL,
  });
  console.log(`device-consent is running (data in ${process.env.DATA_DIR ?? '.local'})
  API and customer pages  ${process.env.PUBLIC_URL ?? `http://localhost:${port}`}   (GET /health)
  OpenAPI document        http://localhost:${port}/openapi.json
  local SES inbox         http://localhost:${sesPort}   (GET /store lists sent mail)
  DynamoDB Local          ${stack.dynamoDbEndpoint}   (table ${stack.tableName})
  operator token          ${stack.opsToken}
Press Ctrl-C to stop.`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping...');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
}
