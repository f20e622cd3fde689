import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cliApiTypesFile } from '../../../dev/cli-api-types.ts';

/**
 * "A change of a response shape must break the CLI's compile, not its user": the CLI is copied
 * into a scratch project beside the repository's shared/ and node_modules/, its api-types.ts is
 * generated from the committed OpenAPI document changed in four ways, and tsc must refuse exactly
 * the commands that relied on what changed (and nothing else, so the scratch project itself is sound).
 */
const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Schema {
  properties: Record<string, Schema>;
  required: string[];
  enum: string[];
}
interface Document {
  paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

describe('the CLI against a changed OpenAPI document', () => {
  it('does not compile where it reads a removed field, calls a renamed path, compares a removed status or offers a removed choice', async () => {
    const document = JSON.parse(await readFile(join(root, 'functions/partner-api/openapi.json'), 'utf8')) as Document;
    // `consent request` prints expiresAt.
    const request = document.components.schemas.consentRequest;
    delete request.properties.expiresAt;
    request.required = request.required.filter((name) => name !== 'expiresAt');
    // `customers check` posts here.
    document.paths['/v1/consent-check'] = document.paths['/v1/consent-checks'];
    delete document.paths['/v1/consent-checks'];
    // A device run waits for finished_with_errors.
    const batchStatus = document.components.schemas.batch.properties.status;
    batchStatus.enum = batchStatus.enum.filter((status) => status !== 'finished_with_errors');
    // `partners create --kind` offers oem.
    const kind = document.paths['/ops/partners'].post.requestBody.content['application/json'].schema.properties.kind;
    kind.enum = kind.enum.filter((k) => k !== 'oem');

    dir = await mkdtemp(join(tmpdir(), 'device-consent-cli-contract-'));
    await cp(join(root, 'cli'), join(dir, 'cli'), { recursive: true });
    await writeFile(join(dir, 'cli/api-types.ts'), (await cliApiTypesFile(JSON.stringify(document))).content);
    await symlink(join(root, 'shared'), join(dir, 'shared'), 'dir');
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { imports: unknown };
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'cli-contract', private: true, type: 'module', imports: pkg.imports }));
    const { compilerOptions } = JSON.parse(await readFile(join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: unknown };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['cli'] }));

    const output = await run(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    const errors = output.split('\n').filter((line) => /^\S+\(\d+,\d+\): error TS/.test(line));
    const where = (file: string, text: RegExp) => errors.some((line) => line.startsWith(`${file}(`) && text.test(line));
    expect(where('cli/commands/consent.ts', /expiresAt/), output).toBe(true);
    expect(where('cli/commands/customers.ts', /consent-checks/), output).toBe(true);
    expect(where('cli/device-runs.ts', /finished_with_errors/), output).toBe(true);
    expect(where('cli/commands/partners.ts', /oem/), output).toBe(true);
    const files = new Set(errors.map((line) => line.slice(0, line.indexOf('('))));
    expect(where('cli/commands/tenant.ts', /finished_with_errors/), output).toBe(true);
    expect([...files].sort(), output).toEqual(['cli/commands/consent.ts', 'cli/commands/customers.ts', 'cli/commands/partners.ts', 'cli/commands/tenant.ts', 'cli/device-runs.ts']);
  }, 120_000);
});
