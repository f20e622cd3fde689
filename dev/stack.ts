import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configProblems } from '#shared/config/config.ts';
import { LOCAL_SECRET_VARIABLES, MIN_SECRET_LENGTH, resetSecretsCache } from '#shared/config/secrets.ts';
import { sha256 } from '#shared/domain/tokens.ts';
import { STREAM_FILTER_PATTERNS } from '#shared/outbox/stream-filter.ts';
import { checkTableAccess } from '#shared/table/access.ts';
import { checkTableCalls } from '#shared/table/client.ts';
import { assertPortFree, checkJava, ensureTable, LOCAL_MAIL_FROM, localFunctionEnv, startDynamoDb, startS3, startSes, type Engine } from './engines.ts';
import { startLocalDns, type LocalDns } from './dns.ts';
import type { StreamPoller } from './stream-poller.ts';

export interface LocalStackOptions {
  port: number;
  dynamoDbPort: number;
  sesPort: number;
  /** The local S3-protocol engine of large downloads. */
  s3Port: number;
  /** The local OpenID Provider (dev/idp.ts), issuer `http://127.0.0.1:<idpPort>`. */
  idpPort: number;
  /** The local DNS server (dev/dns.ts) on UDP and TCP 127.0.0.1:<dnsPort>: the resolver of R21's domain proofs. */
  dnsPort: number;
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
  /** The local OpenID Provider's issuer. */
  idpUrl: string;
  /** The local DNS server: `resolver` (DNS_RESOLVER) and `url` (where TXT records are published over HTTP). */
  dns: { resolver: string; url: string };
  dynamoDbEndpoint: string;
  opsToken: string;
  tableName: string;
  stop(): Promise<void>;
}

interface LocalSecrets {
  /** Kept here (DATA_DIR, mode 0600) only so `npm start` can print it again; the functions get its hash. */
  opsToken: string;
  opsTokenHash: string;
  cursorKey: string;
  sessionKey: string;
  webhookKey: string;
  /** The local identity provider's client secret (in AWS: a Secrets Manager secret of its own). */
  oidcClientSecret: string;
}

/** The service's client id at the local identity provider. */
const LOCAL_OIDC_CLIENT_ID = 'device-consent-local';

const newKey = () => randomBytes(32).toString('base64url');

/** Local secrets persist under DATA_DIR, so tokens and cursors survive a restart like the data. */
function loadLocalSecrets(dataDir: string | undefined, opsToken: string | undefined): LocalSecrets {
  const file = dataDir ? join(dataDir, 'secrets.json') : undefined;
  let secrets: LocalSecrets | undefined;
  const fresh: LocalSecrets = { opsToken: `ops_${newKey()}`, opsTokenHash: '', cursorKey: newKey(), sessionKey: newKey(), webhookKey: newKey(), oidcClientSecret: newKey() };
  // Keys added since the file was written are generated; existing ones are kept.
  if (file && existsSync(file)) secrets = { ...fresh, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) };
  secrets ??= fresh;
  if (opsToken) secrets.opsToken = opsToken;
  // The operator keeps the same token; what the functions check is its hash (as in AWS).
  secrets.opsTokenHash = sha256(secrets.opsToken);
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
    ...(options.opsToken !== undefined && options.opsToken.length < MIN_SECRET_LENGTH
      ? [`OPS_TOKEN is too short: it must be at least ${MIN_SECRET_LENGTH} characters (it has ${options.opsToken.length})`]
      : []),
  ];
  if (problems.length > 0) throw new Error(problems.join('; '));
  const javaProblem = checkJava();
  if (javaProblem) throw new Error(javaProblem);
  await assertPortFree(options.port, 'PORT');
  await assertPortFree(options.dynamoDbPort, 'DYNAMODB_PORT');
  await assertPortFree(options.sesPort, 'SES_PORT');
  await assertPortFree(options.s3Port, 'S3_PORT');
  await assertPortFree(options.idpPort, 'IDP_PORT');
  await assertPortFree(options.dnsPort, 'DNS_PORT');

  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const dbPath = dataDir ? join(dataDir, 'dynamodb') : undefined;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const secrets = loadLocalSecrets(dataDir, options.opsToken);
  const tableName = 'device-consent';
  const started: Engine[] = [];
  let server: Server | undefined;
  let poller: StreamPoller | undefined;
  let idp: { stop(): Promise<void> } | undefined;
  let dns: LocalDns | undefined;
  const stop = async () => {
    if (server) await new Promise<void>((r) => { server!.closeAllConnections(); server!.close(() => r()); });
    await idp?.stop();
    await dns?.stop();
    await poller?.stop();
    await Promise.all(started.map((e) => e.stop()));
  };
  try {
    const dynamo = await startDynamoDb({ port: options.dynamoDbPort, dbPath });
    started.push(dynamo);
    await ensureTable(dynamo.endpoint, tableName);
    const ses = await startSes({ port: options.sesPort });
    started.push(ses);
    const s3 = await startS3({ port: options.s3Port, ...(dataDir ? { directory: join(dataDir, 's3') } : {}) });
    started.push(s3);
    dns = await startLocalDns({ port: options.dnsPort, ...(dataDir ? { file: join(dataDir, 'dns-records.json') } : {}) });
    const apiUrl = `http://127.0.0.1:${options.port}`;
    const idpUrl = `http://127.0.0.1:${options.idpPort}`;
    Object.assign(process.env, {
      ...localFunctionEnv({
        tableName,
        dynamoDbEndpoint: dynamo.endpoint,
        sesEndpoint: ses.endpoint,
        s3Endpoint: s3.endpoint,
        publicUrl: options.publicUrl ?? `http://localhost:${options.port}`,
        opsToken: secrets.opsToken,
        keys: secrets,
        mailFrom: process.env.MAIL_FROM,
        logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      }),
      OIDC_ISSUER: idpUrl,
      OIDC_CLIENT_ID: LOCAL_OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: secrets.oidcClientSecret,
      // R21: the local provider's list of an organization's verified domains (Graph's GET /organization in AWS).
      OIDC_ORGANIZATION_URL: `${idpUrl}/v1.0/organization`,
      // R21: domain proofs resolve TXT records through the local DNS server (the system's resolver in AWS).
      DNS_RESOLVER: dns.resolver,
    });
    resetSecretsCache();
    // The identity provider reads the directory through the table adapter: after the environment.
    const { startLocalIdp } = await import('./idp.ts');
    idp = await startLocalIdp({ port: options.idpPort, publicUrl: process.env.PUBLIC_URL!, clientId: LOCAL_OIDC_CLIENT_ID, clientSecret: secrets.oidcClientSecret });
    // DynamoDB Local ignores IAM: each function's calls are refused outside its grant on the table,
    // as IAM refuses them in AWS (issue 20; shared/table/access.ts).
    checkTableCalls(checkTableAccess);
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
      idpUrl,
      dns: { resolver: dns.resolver, url: dns.url },
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
