import { describe, expect, it } from 'vitest';
import { checkTableAccess, keyBuilderPartitions, leadingKeyPattern, leadingKeysOf, TABLE_ACCESS, tableAccessPatterns } from '#shared/table/access.ts';
import * as keys from '#shared/table/keys.ts';

const BUILDERS = Object.keys(keys).filter((name) => name !== 'INDEX_ATTRIBUTES' && typeof (keys as Record<string, unknown>)[name] === 'object');

describe('least privilege inside the table: the patterns and the local check (issue 20)', () => {
  it('derives every partition of a key builder: item keys and queries of the table and the indexes, not the index keys written', () => {
    expect(keyBuilderPartitions('relationshipKeys').map(leadingKeyPattern).sort()).toEqual(['PARTNER#*', 'PARTNER#*', 'PARTNER#*', 'TENANT#*']);
    expect(keyBuilderPartitions('suppressionKeys').map(leadingKeyPattern).sort()).toEqual(['SUPPRESSION#*', 'SUPPRESSIONS']);
    // The due index: each kind's partitions (the outbox's shards, and `outbox` alone for items written before it was sharded).
    expect(keyBuilderPartitions('dueKeys')).toEqual(['request', 'dap', 'held', ...Array.from({ length: keys.dueKeys.shards.outbox }, (_, n) => `outbox#${n}`), 'outbox', 'claim']);
    expect([...new Set(keyBuilderPartitions('dueKeys').map(leadingKeyPattern))]).toEqual(['request', 'dap', 'held', 'outbox#*', 'outbox', 'claim']);
    for (const name of BUILDERS) expect(keyBuilderPartitions(name as never).length, name).toBeGreaterThan(0);
  });

  it('grants every key builder to some function: no item type nobody may touch', () => {
    const granted = new Set(Object.values(TABLE_ACCESS).flat());
    expect(BUILDERS.filter((name) => !granted.has(name as never))).toEqual([]);
  });

  it('reads the leading keys of each call as IAM does: the item, every item of a transaction or batch, a query\'s partition', () => {
    expect(leadingKeysOf({ Key: { pk: 'PARTNER#p', sk: 'PARTNER' } })).toEqual(['PARTNER#p']);
    expect(leadingKeysOf({ Item: { pk: { S: 'TENANT#t' }, sk: { S: 'TENANT' } } })).toEqual(['TENANT#t']);
    expect(leadingKeysOf({ IndexName: 'gsi1', KeyConditionExpression: '#pk = :pk', ExpressionAttributeValues: { ':pk': 'SUPPRESSIONS' } })).toEqual(['SUPPRESSIONS']);
    expect(leadingKeysOf({ TransactItems: [{ Put: { Item: { pk: 'AUDIT#e' } } }, { ConditionCheck: { Key: { pk: 'RATE#r' } } }, { Update: { Key: { pk: 'REQUEST#r' } } }] })).toEqual(['AUDIT#e', 'RATE#r', 'REQUEST#r']);
    expect(leadingKeysOf({ RequestItems: { t: { Keys: [{ pk: 'DEVICEID#a' }, { pk: 'DEVICEID#b' }] } } })).toEqual(['DEVICEID#a', 'DEVICEID#b']);
    expect(leadingKeysOf({ RequestItems: { t: [{ PutRequest: { Item: { pk: 'BATCH#b' } } }, { DeleteRequest: { Key: { pk: 'BATCH#c' } } }] } })).toEqual(['BATCH#b', 'BATCH#c']);
  });

  it('refuses a call with one partition outside the grant (ForAllValues), and an unknown function', () => {
    expect(tableAccessPatterns('ses-events')).not.toContain('SESSION#*');
    expect(() => checkTableAccess('ses-events', { Key: { pk: 'SUPPRESSION#a@b.example' } })).not.toThrow();
    expect(() => checkTableAccess('ses-events', { TransactItems: [{ Put: { Item: { pk: 'SUPPRESSION#a' } } }, { Put: { Item: { pk: 'SESSION#s' } } }] })).toThrow(/ses-events may not touch the partition SESSION#s/);
    expect(() => checkTableAccess('nobody', { Key: { pk: 'PARTNER#p' } })).toThrow(/no function of the service/);
  });
});
