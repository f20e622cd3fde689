import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configProblems } from '../shared/config/config.ts';
import { LOCAL_SECRET_VARIABLES, resetSecretsCache, secretProblems } from '../shared/config/secrets.ts';
import { STREAM_FILTER_PATTERNS } from '../shared/outbox/stream-filter.ts';
import { assertPortFree, checkJava, ensureTable, startDynamoDb, startSes, type Engine } from './engines.ts';
import type { StreamPoller } from './stream-poller.ts';

export interface LocalStackOptions {
  port: number;
  dynamoDbPort: number;
  sesPort: number;
  /** Where DynamoDB Local keeps its file and the local secrets live; in memory when absent. */
  dataDir?: string;
  opsToken?: string;
  publicUrl?: string;
  /** Run the stream consumer on the table's stream, as the event source mapping does in AWS. @default true */
  streamConsumer?: boolean;
}

export interface LocalStack {
  apiUrl: string;
  sesUrl: string;
  dynamoDbEndpoint: string;
  opsToken: string;
  tableName: string;
  stop(): Promise<void>;
}

interface LocalSecrets {
  opsToken: string;
  cursorKey: string;
  sessionKey: string;
  webhookKey: string;
}

const newKey = () => randomBytes(32).toString('base64url');
const LOCAL_MAIL_FROM = 'consent@device-consent.local';

/** Local secrets persist under DATA_DIR, so tokens and cursors survive a restart like the data. */
function loadLocalSecrets(dataDir: string | undefined, opsToken: string | undefined): LocalSecrets {
  const file = dataDir ? join(dataDir, 'secrets.json') : undefined;
  let secrets: LocalSecrets | undefined;
  const fresh: LocalSecrets = { opsToken: `ops_${newKey()}`, cursorKey: newKey(), sessionKey: newKey(), webhookKey: newKey() };
  // Keys added since the file was written are generated; existing ones are kept.
  if (file && existsSync(file)) secrets = { ...fresh, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) };
  secrets ??= fresh;
  if (opsToken) secrets.opsToken = opsToken;
  if (file) writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Starts the whole service on this machine: DynamoDB Local (table created from the CDK
 * definition), the local SES, and the local HTTP server that invokes the Lambda handlers.
 * Sets the same environment variables the CDK stack gives the functions.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  // Wrong configuration stops here, naming the variable, before anything starts.
  const problems = [
    ...configProblems(['PUBLIC_URL', 'MAIL_FROM'], { DEPLOYMENT: 'local', PUBLIC_URL: options.publicUrl ?? `http://localhost:${options.port}`, MAIL_FROM: process.env.MAIL_FROM ?? LOCAL_MAIL_FROM, DYNAMODB_ENDPOINT: 'http://x', SES_ENDPOINT: 'http://x' }),
    ...(options.opsToken !== undefined ? secretProblems({ opsToken: options.opsToken, cursorKey: 'x'.repeat(32), sessionKey: 'x'.repeat(32), webhookKey: 'x'.repeat(32) }, (f) => LOCAL_SECRET_VARIABLES[f]) : []),
  ];
  if (problems.length > 0) throw new Error(problems.join('; '));
  const javaProblem = checkJava();
  if (javaProblem) throw new Error(javaProblem);
  await assertPortFree(options.port, 'PORT');
  await assertPortFree(options.dynamoDbPort, 'DYNAMODB_PORT');
  await assertPortFree(options.sesPort, 'SES_PORT');

  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const dbPath = dataDir ? join(dataDir, 'dynamodb') : undefined;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const secrets = loadLocalSecrets(dataDir, options.opsToken);
  const tableName = 'device-consent';
  const started: Engine[] = [];
  let server: Server | undefined;
  let poller: StreamPoller | undefined;
  const stop = async () => {
    if (server) await new Promise<void>((r) => { server!.closeAllConnections(); server!.close(() => r()); });
    await poller?.stop();
    await Promise.all(started.map((e) => e.stop()));
  };
  try {
    const dynamo = await startDynamoDb({ port: options.dynamoDbPort, dbPath });
    started.push(dynamo);
    await ensureTable(dynamo.endpoint, tableName);
    const ses = await startSes({ port: options.sesPort });
    started.push(ses);
    const apiUrl = `http://127.0.0.1:${options.port}`;
    Object.assign(process.env, {
      DEPLOYMENT: 'local',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      PUBLIC_URL: options.publicUrl ?? `http://localhost:${options.port}`,
      MAIL_FROM: process.env.MAIL_FROM ?? LOCAL_MAIL_FROM,
      OPS_TOKEN: secrets.opsToken,
      CURSOR_KEY: secrets.cursorKey,
      SESSION_KEY: secrets.sessionKey,
      WEBHOOK_KEY: secrets.webhookKey,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    resetSecretsCache();
    // Imported only now: the handlers read (and check) the environment set above.
    const { startLocalServer } = await import('./local-server.ts');
    if (options.streamConsumer ?? true) {
      const [{ startStreamPoller }, { handler }] = await Promise.all([import('./stream-poller.ts'), import('../functions/stream-consumer/handler.ts')]);
      poller = await startStreamPoller({ endpoint: dynamo.endpoint, tableName, handler, filters: STREAM_FILTER_PATTERNS });
    }
    server = await startLocalServer({
      port: options.port,
      health: async () => {
        try {
          const [db, mail] = await Promise.all([
            fetch(dynamo.endpoint, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0', authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' }, body: '{}' }),
            fetch(`${ses.endpoint}/health-check`),
          ]);
          return db.ok && mail.ok;
        } catch {
          return false;
        }
      },
    });
    return {
      apiUrl,
      sesUrl: ses.endpoint,
      dynamoDbEndpoint: dynamo.endpoint,
      opsToken: secrets.opsToken,
      tableName,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
