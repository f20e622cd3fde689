import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureTable, freePort, localFunctionEnv, newLocalKey, startDynamoDb, startS3, startSes } from '../../dev/engines.ts';
import { startLocalDns } from '../../dev/dns.ts';
import { formatFigures, type FigureRow } from './support/figures.ts';

/**
 * The `reliability` project's engines: DynamoDB Local (with its stream) and the local SES of its
 * own, so its table dumps see nobody else's writes, and one port on loopback for the API. Each
 * test file starts the local HTTP server itself, in its worker, on that port (the files run one
 * after another): the handlers then run in the test's own process, where faults can be injected
 * into the DynamoDB client. At the end it prints the suite's figures, one table.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDb({ port: await freePort() });
  const tableName = 'device-consent-reliability';
  await ensureTable(dynamo.endpoint, tableName);
  const ses = await startSes({ port: await freePort() });
  const s3 = await startS3({ port: await freePort() });
  // R21: domain proofs resolve through a DNS server of its own, never the machine's resolver.
  const dns = await startLocalDns({ port: await freePort() });
  const port = await freePort();
  const idpPort = await freePort();
  const opsToken = `ops_${newLocalKey()}`;
  const figuresDir = mkdtempSync(join(tmpdir(), 'device-consent-reliability-'));
  project.provide('stack', {
    apiUrl: `http://127.0.0.1:${port}`,
    sesUrl: ses.endpoint,
    opsToken,
    env: {
      // The functions are given the token's hash only, as in AWS.
      ...localFunctionEnv({ tableName, dynamoDbEndpoint: dynamo.endpoint, sesEndpoint: ses.endpoint, s3Endpoint: s3.endpoint, publicUrl: `http://localhost:${port}`, opsToken }),
      // The local OpenID Provider (dev/idp.ts), started by each file with the server.
      OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
      OIDC_CLIENT_ID: 'device-consent-reliability',
      OIDC_CLIENT_SECRET: newLocalKey(),
      OIDC_ORGANIZATION_URL: `http://127.0.0.1:${idpPort}/v1.0/organization`,
      DNS_RESOLVER: dns.resolver,
      RELIABILITY_PORT: String(port),
      RELIABILITY_IDP_PORT: String(idpPort),
      RELIABILITY_FIGURES_DIR: figuresDir,
    },
  });
  return async () => {
    const rows: FigureRow[] = readdirSync(figuresDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => JSON.parse(readFileSync(join(figuresDir, f), 'utf8')) as FigureRow[]);
    if (rows.length > 0) process.stdout.write(`\n${formatFigures(rows)}\n`);
    rmSync(figuresDir, { recursive: true, force: true });
    await ses.stop();
    await dns.stop();
    await s3.stop();
    await dynamo.stop();
  };
}
