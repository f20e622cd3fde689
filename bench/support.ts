import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { freePort, ensureTable, localFunctionEnv, startDynamoDb, startS3, startSes } from '../dev/engines.ts';

export interface BenchEngines {
  /** DynamoDB Local itself (this process's DYNAMODB_ENDPOINT; the measured service gets the counting proxy instead). */
  dynamoDbEndpoint: string;
  /** The local SES, where the stream consumer sends mail; `GET /store` lists it. */
  sesUrl: string;
  /** The operator token; the functions are given its SHA-256 only. */
  opsToken: string;
  tableName: string;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local in memory with the table, the local SES, and the environment the handlers read
 * (set on this process, and handed to the measured service's process).
 */
export async function startBenchEngines(): Promise<BenchEngines> {
  const dynamo = await startDynamoDb({ port: await freePort() });
  const tableName = 'device-consent-bench';
  try {
    await ensureTable(dynamo.endpoint, tableName);
    const ses = await startSes({ port: await freePort() });
    const s3 = await startS3({ port: await freePort() });
    const opsToken = `ops_${randomBytes(32).toString('base64url')}`;
    Object.assign(
      process.env,
      localFunctionEnv({ tableName, dynamoDbEndpoint: dynamo.endpoint, sesEndpoint: ses.endpoint, s3Endpoint: s3.endpoint, publicUrl: 'http://localhost:3000', opsToken, mailFrom: 'bench@device-consent.local' }),
    );
    return {
      dynamoDbEndpoint: dynamo.endpoint,
      sesUrl: ses.endpoint,
      opsToken,
      tableName,
      stop: async () => {
        await ses.stop();
        await s3.stop();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

const counts = new Map<string, number>();
let installed = false;

/** Counts every request the process's DynamoDB client sends, by command (one counter per process). */
export async function countDynamoDbRequests() {
  const { db } = await import('#shared/table/client.ts');
  if (!installed) installed = true;
  else return counter;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      counts.set(context.commandName ?? '?', (counts.get(context.commandName ?? '?') ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  return counter;
}

const counter = {
  reset: () => counts.clear(),
  total: () => [...counts.values()].reduce((a, b) => a + b, 0),
  byCommand: () => Object.fromEntries(counts),
};

/** An API Gateway v2 event for a partner route, as the authorizer would pass it on. */
export function partnerEvent(routeKey: string, partnerId: string, body: unknown, params: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: Object.entries(params).reduce((p, [k, v]) => p.replace(`{${k}}`, v), path),
    pathParameters: params,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      authorizer: { lambda: { principal: 'partner', partnerId, keyId: 'bench' } },
    } as APIGatewayProxyEventV2['requestContext'],
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/**
 * A partner API call through the partner-api handler itself (no HTTP): the answer's JSON body, or
 * an error naming the route and the status when it is not a success.
 */
export async function callPartnerApi(routeKey: string, partnerId: string, body: unknown, params: Record<string, string> = {}): Promise<any> {
  const { handler } = await import('../functions/partner-api/handler.ts');
  const answer = (await handler(partnerEvent(routeKey, partnerId, body, params), lambdaContext)) as { statusCode: number; body: string };
  if (answer.statusCode >= 300) throw new Error(`${routeKey}: ${answer.statusCode} ${answer.body}`);
  return JSON.parse(answer.body);
}

export const lambdaContext = { getRemainingTimeInMillis: () => 30_000, functionName: 'bench', awsRequestId: 'bench' } as never;

export async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
