import type { CfnElement } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/constructs/project-function.ts';
import { TABLE_ACCESS, tableAccessPatterns, type KeyBuilderName } from '#shared/table/access.ts';
import * as keys from '#shared/table/keys.ts';
import { asList, referencedId, resourcesOfType, type SynthesizedService, synthService, SYNTH_TIMEOUT_MS } from './synth.ts';

/**
 * Issue 20: what each function may touch in the table, as `dynamodb:LeadingKeys` patterns (the
 * README's security section has this table). A change here is a change of a function's reach:
 * read the function's code path before widening or narrowing it.
 */
const EXPECTED: Record<FunctionName, string[]> = {
  authorizer: ['APIKEY#*', 'AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'CUSTKEY#*', 'DUE#*', 'OUTBOX#*', 'PARTNER#*', 'TENANT#*', 'UPLOAD#*', 'UPLOADIMPORT#*', 'WEBHOOK#*'],
  'ops-api': ['APIKEY#*', 'AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'CLAIM#*', 'CLAIMDEV#*', 'CLAIMS#*', 'CUSTKEY#*', 'DEVICE#*', 'DEVICEID#*', 'DOMAIN#*', 'DUE#*', 'GRANT#*', 'IDPTENANT#*', 'OUTBOX#*', 'PARTNER#*', 'PERSON#*', 'RATE#*', 'REMOVAL#*', 'REQUEST#*', 'SUPPRESSION#*', 'SUPPRESSIONS', 'TENANT#*', 'TOKEN#*', 'UPLOAD#*', 'UPLOADIMPORT#*', 'USER#*', 'WEBHOOK#*', 'claim', 'dap', 'held', 'outbox', 'outbox#*', 'request'],
  'partner-api': ['APIKEY#*', 'AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'CLAIM#*', 'CLAIMDEV#*', 'CLAIMS#*', 'CUSTKEY#*', 'DEVICE#*', 'DEVICEID#*', 'DOMAIN#*', 'DUE#*', 'GRANT#*', 'IDEMPOTENCY#*', 'IDPTENANT#*', 'LINK#*', 'OUTBOX#*', 'PARTNER#*', 'RATE#*', 'REQUEST#*', 'TENANT#*', 'UPLOAD#*', 'UPLOADIMPORT#*', 'USER#*', 'WEBHOOK#*'],
  'customer-api': ['APIKEY#*', 'AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'CLAIM#*', 'CLAIMDEV#*', 'CLAIMS#*', 'CUSTKEY#*', 'DEVICE#*', 'DEVICEID#*', 'DOMAIN#*', 'DUE#*', 'GRANT#*', 'IDPTENANT#*', 'OUTBOX#*', 'PARTNER#*', 'TENANT#*', 'UPLOAD#*', 'UPLOADIMPORT#*', 'USER#*', 'WEBHOOK#*'],
  pages: ['APIKEY#*', 'AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'CLAIM#*', 'CLAIMDEV#*', 'CLAIMS#*', 'CUSTKEY#*', 'DEVICE#*', 'DEVICEID#*', 'DOMAIN#*', 'DUE#*', 'GRANT#*', 'IDPTENANT#*', 'LINK#*', 'OUTBOX#*', 'PARTNER#*', 'REMOVAL#*', 'REQUEST#*', 'SESSION#*', 'TENANT#*', 'TOKEN#*', 'UPLOAD#*', 'UPLOADIMPORT#*', 'USER#*', 'WEBHOOK#*'],
  'partner-portal': ['APIKEY#*', 'AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'CUSTKEY#*', 'DEVICE#*', 'DEVICEID#*', 'DOMAIN#*', 'DUE#*', 'GRANT#*', 'IDEMPOTENCY#*', 'IDPTENANT#*', 'LINK#*', 'OUTBOX#*', 'PARTNER#*', 'PERSON#*', 'PSESSION#*', 'RATE#*', 'REQUEST#*', 'TENANT#*', 'TOKEN#*', 'UPLOAD#*', 'UPLOADIMPORT#*', 'USER#*', 'WEBHOOK#*'],
  'consent-status-check': ['APIKEY#*', 'AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'CLAIM#*', 'CLAIMDEV#*', 'CLAIMS#*', 'DEVICE#*', 'DEVICEID#*', 'DOMAIN#*', 'DUE#*', 'GRANT#*', 'IDEMPOTENCY#*', 'IDPTENANT#*', 'OUTBOX#*', 'PARTNER#*', 'PERSON#*', 'RATE#*', 'REQUEST#*', 'SUPPRESSION#*', 'SUPPRESSIONS', 'TENANT#*', 'TOKEN#*', 'UPLOAD#*', 'UPLOADIMPORT#*', 'USER#*', 'WEBHOOK#*', 'claim', 'dap', 'held', 'outbox', 'outbox#*', 'request'],
  'stream-consumer': ['APIKEY#*', 'AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'CLAIM#*', 'CLAIMDEV#*', 'CLAIMS#*', 'DEVICE#*', 'DEVICEID#*', 'DOMAIN#*', 'DUE#*', 'GRANT#*', 'IDEMPOTENCY#*', 'IDPTENANT#*', 'OUTBOX#*', 'PARTNER#*', 'PERSON#*', 'RATE#*', 'REQUEST#*', 'SUPPRESSION#*', 'SUPPRESSIONS', 'TENANT#*', 'TOKEN#*', 'UPLOAD#*', 'UPLOADIMPORT#*', 'USER#*', 'WEBHOOK#*'],
  'ses-events': ['AUDIT#*', 'BATCH#*', 'BATCHTASK#*', 'DUE#*', 'OUTBOX#*', 'PARTNER#*', 'REQUEST#*', 'SUPPRESSION#*', 'SUPPRESSIONS', 'UPLOAD#*', 'UPLOADIMPORT#*', 'WEBHOOK#*'],
};

const KEY_BUILDERS = new Set(Object.keys(keys).filter((name) => name !== 'INDEX_ATTRIBUTES' && typeof (keys as Record<string, unknown>)[name] === 'object'));

/**
 * The key builders a function's code can reach: every `<builder>.<member>` of keys.ts referenced
 * by a module its bundle holds (esbuild's own resolution, packages left out), but for the members
 * that only write index keys on an item (`indexes`, `openIndexes`: not leading keys of the write).
 */
async function reachableKeyBuilders(name: FunctionName): Promise<string[]> {
  const result = await build({ entryPoints: [`functions/${name}/handler.ts`], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  const modules = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules') && file !== 'shared/table/keys.ts' && file !== 'shared/table/access.ts');
  expect(modules, name).toContain('shared/table/client.ts');
  const used = new Set<string>();
  for (const file of modules) {
    for (const [, builder, member] of readFileSync(file, 'utf8').matchAll(/\b(\w+Keys)\.(\w+)/g)) {
      if (KEY_BUILDERS.has(builder) && !/indexes$/i.test(member)) used.add(builder);
    }
  }
  return [...used].sort();
}

describe('least privilege inside the table (dynamodb:LeadingKeys)', () => {
  let synth: SynthesizedService;
  beforeAll(() => {
    synth = synthService();
  }, SYNTH_TIMEOUT_MS);

  const functionNames = () => Object.keys(synth.stateless.functions) as FunctionName[];

  /** The statements of a function's role that grant DynamoDB item actions on the table or its indexes. */
  const tableStatements = (name: FunctionName) => {
    const roleId = synth.stateless.getLogicalId(synth.stateless.functions[name].role.node.defaultChild as CfnElement);
    return Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::IAM::Policy'))
      .filter((p) => (p.Properties?.Roles as unknown[]).some((role) => referencedId(role) === roleId))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Condition?: unknown }[] }).Statement)
      .filter((s) => asList(s.Action).some((a) => ['dynamodb:GetItem', 'dynamodb:Query'].includes(a)));
  };

  it('lists each function\'s partitions, derived from the key builders of TABLE_ACCESS', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(functionNames().sort());
    for (const name of functionNames()) expect(tableAccessPatterns(name), name).toEqual(EXPECTED[name]);
  });

  it('grants each function its item actions on the table and the query on its indexes only for its own partitions', () => {
    for (const name of functionNames()) {
      const statements = tableStatements(name);
      // The item actions on the table, and the query on the indexes.
      expect(statements.length, name).toBe(2);
      for (const statement of statements) {
        expect(statement.Condition, name).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': EXPECTED[name] } });
      }
    }
  });

  it('lists for each function exactly the key builders its bundled code references (so no call of it is refused in AWS, and no builder is granted that it cannot reach)', async () => {
    for (const name of functionNames()) {
      expect([...TABLE_ACCESS[name]].sort() as KeyBuilderName[], name).toEqual(await reachableKeyBuilders(name));
    }
  });
});
