/**
 * `npm start`: the whole service on this machine, with real local engines (API.md, "Running
 * locally"). Ctrl-C stops everything.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalStack } from './stack.ts';
import { DEMO_FILE, demoGuide, seedDemo, type DemoWorld } from './seed.ts';

/** A port from the environment, or one clear line naming the variable. */
function portFrom(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`npm start failed: ${variable} is not valid: it must be a port number (1-65535), not "${raw}"`);
    process.exit(1);
  }
  return port;
}

const port = portFrom('PORT', 3000);
const sesPort = portFrom('SES_PORT', 8005);
const dynamoDbPort = portFrom('DYNAMODB_PORT', 8000);
const idpPort = portFrom('IDP_PORT', 8010);
const s3Port = portFrom('S3_PORT', 8020);
const dnsPort = portFrom('DNS_PORT', 8053);

const dataDir = process.env.DATA_DIR ?? '.local';
// An empty DATA_DIR gets the demo world (dev/seed.ts) once the service is up.
const freshDataDir = !existsSync(dataDir) || readdirSync(dataDir).length === 0;

try {
  const stack = await startLocalStack({
    port,
    dynamoDbPort,
    sesPort,
    s3Port,
    idpPort,
    dnsPort,
    dataDir: process.env.DATA_DIR ?? '.local',
    opsToken: process.env.OPS_TOKEN,
    publicUrl: process.env.PUBLIC_URL,
  });
  console.log(`device-consent is running (data in ${process.env.DATA_DIR ?? '.local'})
  API and customer pages  ${process.env.PUBLIC_URL ?? `http://localhost:${port}`}   (GET /health)
  OpenAPI document        http://localhost:${port}/openapi.json
  local SES inbox         http://localhost:${sesPort}   (GET /store lists sent mail)
  DynamoDB Local          ${stack.dynamoDbEndpoint}   (table ${stack.tableName})
  local S3 (downloads)    http://127.0.0.1:${s3Port}
  identity provider       ${stack.idpUrl}   (local OpenID Provider: sign in as any user of the directory)
  DNS server              ${stack.dns.resolver}   (UDP; the domain proofs' TXT records: PUT ${stack.dns.url}/records/<domain> {"txt": ["..."]})
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
  const demoFile = join(dataDir, DEMO_FILE);
  if (freshDataDir) {
    try {
      console.log(demoGuide(await seedDemo(stack.apiUrl, stack.opsToken, dataDir), stack.opsToken, stack.sesUrl));
    } catch (error) {
      if (!stopping) console.error(`the demo world was not created (${(error as Error).message}); create it with: npm run seed`);
    }
  } else if (existsSync(demoFile)) console.log(demoGuide(JSON.parse(readFileSync(demoFile, 'utf8')) as DemoWorld, stack.opsToken, stack.sesUrl));
} catch (error) {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
}
