import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '#shared/http/openapi.ts';
import { requestExamples } from '#shared/http/request-examples.ts';
import { routes, type RouteKey } from '#shared/http/routes.ts';

/**
 * Partners generate clients from the OpenAPI document: generate a TypeScript client's types with
 * openapi-typescript, then type-check real calls made through openapi-fetch with them (and calls
 * that break the contract, which must not compile).
 */
const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
let dir: string;

const GOOD_CALLS = `
import createClient from 'openapi-fetch';
import type { paths, components } from './api.d.ts';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000', headers: { authorization: 'Bearer dck_x' } });

export async function walkThrough(): Promise<string> {
  const me = await client.GET('/v1/me');
  const kind: 'direct-csp' | 'indirect-provider' | 'indirect-reseller' | 'oem' | undefined = me.data?.partner.kind;
  const created = await client.POST('/v1/consent-requests', {
    body: { recipientEmail: 'admin@fabrikam.example', delegatedAdmin: { roles: ['IntuneAdministrator'], durationDays: 90 } },
    params: { header: { 'Idempotency-Key': '6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11' } },
  });
  const status: 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled' | undefined = created.data?.consentRequest.status;
  if (created.error) {
    const code: components['schemas']['problem']['code'] = created.error.code;
    return code;
  }
  const batch = await client.POST('/v1/device-batches', { body: { tenantId: 't_1', action: 'register' } });
  const batchId = batch.data!.batch.id;
  await client.POST('/v1/device-batches/{batchId}/devices', { params: { path: { batchId } }, body: { devices: [{ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-1' }] } });
  const submitted = await client.POST('/v1/device-batches/{batchId}/submit', { params: { path: { batchId } } });
  const results = await client.GET('/v1/device-batches/{batchId}/results', { params: { path: { batchId }, query: { limit: 100 } } });
  // The same operation answers JSON, or with Accept: text/csv the whole CSV file.
  const first: components['schemas']['batchResult'] | undefined = typeof results.data === 'object' ? results.data.items[0] : undefined;
  const checks = await client.POST('/v1/consent-checks', { body: { tenants: ['fabrikam.example'] } });
  return [kind, status, submitted.data?.batch.status, first?.errors[0]?.code, checks.data?.results[0].status].join();
}
`;

const BAD_CALLS = `
import createClient from 'openapi-fetch';
import type { paths } from './api.d.ts';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000' });
export const wrongAction = client.POST('/v1/device-batches', { body: { tenantId: 't_1', action: 'delete' } });
export const missingPath = client.GET('/v1/no-such-route');
export const wrongField = async () => (await client.GET('/v1/me')).data?.partner.nickname;
`;

async function typeCheck(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const config = { compilerOptions: { noEmit: true, strict: true, skipLibCheck: true, target: 'es2022', lib: ['es2022', 'dom'], module: 'esnext', moduleResolution: 'bundler', allowImportingTsExtensions: true, types: [] }, files: [file] };
    await writeFile(join(dir, `tsconfig.${file}.json`), JSON.stringify(config));
    await run(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, `tsconfig.${file}.json`)], { cwd: dir });
    return { ok: true, output: '' };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'device-consent-client-'));
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApiDocument())));
  await writeFile(join(dir, 'api.d.ts'), astToString(ast));
  await writeFile(join(dir, 'good.ts'), GOOD_CALLS);
  await writeFile(join(dir, 'bad.ts'), BAD_CALLS);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a client generated from the OpenAPI document', () => {
  it('type-checks real calls: consent request, batch create, add, submit, results, consent checks', async () => {
    const result = await typeCheck('good.ts');
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 60_000);

  it('refuses calls that break the contract: an unknown action, an unknown path, an unknown field', async () => {
    const result = await typeCheck('bad.ts');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/bad\.ts\(6,/);
    expect(result.output).toMatch(/bad\.ts\(7,/);
    expect(result.output).toMatch(/bad\.ts\(8,.*nickname/);
  }, 60_000);
});

describe('the OpenAPI document', () => {
  it('gives every operation an operationId, a tag and a declared success answer', () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { operationId?: string; tags?: string[]; responses: Record<string, unknown> }>> };
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(operations).toHaveLength(Object.keys(routes).length);
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of operations) expect(o.tags?.length).toBe(1);
  });

  it('has an example for every JSON request body, and each passes its own schema', () => {
    for (const [key, route] of Object.entries(routes) as [RouteKey, (typeof routes)[RouteKey]][]) {
      if (!('body' in route)) continue;
      const example = requestExamples[key];
      expect(example, key).toBeDefined();
      expect(route.body.safeParse(example).success, key).toBe(true);
    }
  });
});
