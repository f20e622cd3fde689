import { describe, expect, it } from 'vitest';
import { chargeOfRead, chargesOfWrite, patternOf, projected, ratesByPattern, workersSharing, type Item, type Scenario } from '../../../bench/partition-model.ts';

const s = (v: string) => ({ S: v });
const item = (fields: Record<string, string>, padding = 0): Item => ({ ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, s(v)])), ...(padding ? { data: s('x'.repeat(padding)) } : {}) });
const gsi = [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }];

describe('issue 26 simulation: what a write costs each partition', () => {
  it('a put of a 1.5 KB item costs 2 WCU on its table partition, twice that in a transaction, and the projected item on its index partition', () => {
    const after = item({ pk: 'DEVICE#d1', sk: 'DEVICE', gsi1pk: 'TENANT#t#DEVICES', gsi1sk: '2026#d1' }, 1500);
    expect(chargesOfWrite({ action: 'put', transactional: false, key: { pk: s('DEVICE#d1'), sk: s('DEVICE') }, after }, gsi)).toEqual([
      { index: 'table', partition: 'DEVICE#d1', kind: 'write', units: 2 },
      { index: 'gsi1', partition: 'TENANT#t#DEVICES', kind: 'write', units: 2 },
    ]);
    const tx = chargesOfWrite({ action: 'put', transactional: true, key: { pk: s('DEVICE#d1'), sk: s('DEVICE') }, after }, gsi);
    expect(tx[0].units).toBe(4);
    expect(tx[1].units).toBe(2);
  });

  it('an update that moves an item to another index partition deletes it from the old one and puts it on the new one', () => {
    const before = item({ pk: 'X#1', sk: 'X', gsi1pk: 'A', gsi1sk: '1' });
    const after = item({ pk: 'X#1', sk: 'X', gsi1pk: 'B', gsi1sk: '1' });
    const charges = chargesOfWrite({ action: 'update', transactional: false, key: { pk: s('X#1'), sk: s('X') }, before, after }, gsi);
    expect(charges.filter((c) => c.index === 'gsi1').map((c) => c.partition)).toEqual(['A', 'B']);
  });

  it('an update that changes nothing on an index costs the index nothing; a ConditionCheck costs a transactional write of its item only', () => {
    const before = item({ pk: 'X#1', sk: 'X', gsi1pk: 'A', gsi1sk: '1' });
    expect(chargesOfWrite({ action: 'update', transactional: false, key: { pk: s('X#1'), sk: s('X') }, before, after: before }, gsi)).toHaveLength(1);
    expect(chargesOfWrite({ action: 'check', transactional: true, key: { pk: s('PARTNER#p'), sk: s('REL#t') }, before: item({ pk: 'PARTNER#p', sk: 'REL#t', gsi1pk: 'TENANT#t', gsi1sk: 'REL#p' }) }, gsi)).toEqual([
      { index: 'table', partition: 'PARTNER#p', kind: 'write', units: 2 },
    ]);
  });

  it('an index projecting keys only costs its keys, not the whole item', () => {
    const after = item({ pk: 'DEVICE#d1', sk: 'DEVICE', gsi1pk: 'T', gsi1sk: '1' }, 5000);
    expect(projected(after, { ...gsi[0], projectionType: 'KEYS_ONLY' })).toEqual(item({ pk: 'DEVICE#d1', sk: 'DEVICE', gsi1pk: 'T', gsi1sk: '1' }));
    expect(chargesOfWrite({ action: 'put', transactional: false, key: { pk: s('DEVICE#d1'), sk: s('DEVICE') }, after }, [{ ...gsi[0], projectionType: 'KEYS_ONLY' }])[1].units).toBe(1);
  });
});

describe('issue 26 simulation: reads and key patterns', () => {
  it('a read costs 1 RCU per 4 KB, half when eventually consistent, twice in a transaction', () => {
    const read = { kind: 'query' as const, index: 'gsi1', partition: 'P', bytes: 10_000, consistent: false, transactional: false, items: 20 };
    expect(chargeOfRead(read).units).toBe(1.5);
    expect(chargeOfRead({ ...read, consistent: true }).units).toBe(3);
    expect(chargeOfRead({ ...read, transactional: true }).units).toBe(6);
  });

  it("a key's pattern names the simulation's ids, spreads shards as {shard}, and leaves words", () => {
    const known = new Map([['ptn_0123456789abcdef01234567', 'partner'], ['ten_0123456789abcdef01234567', 'tenant']]);
    expect(patternOf('PARTNER#ptn_0123456789abcdef01234567#TENANT#ten_0123456789abcdef01234567#DEVICES#7', known)).toBe('PARTNER#{partner}#TENANT#{tenant}#DEVICES#{shard}');
    expect(patternOf('outbox#12', known)).toBe('outbox#{shard}');
    expect(patternOf('BATCHTASK#bat_00112233445566778899aabb#000004', known)).toBe('BATCHTASK#{id}#{n}');
    expect(patternOf('DEVICE#dev_00112233445566778899aabb', known)).toBe('DEVICE#{id}');
  });

  it("a pattern's rate is its hottest value's (a sharded one's the mean of its shards), over at least a second of one worker's transactions", () => {
    const known = new Map<string, string>();
    const rates = ratesByPattern(
      [
        { index: 'due', partition: 'outbox#0', kind: 'write', units: 300, first: 1, last: 160 },
        { index: 'due', partition: 'outbox#1', kind: 'write', units: 100, first: 1, last: 160 },
        { index: 'table', partition: 'DEVICE#dev_00112233445566778899aabb', kind: 'write', units: 4, first: 5, last: 5 },
        { index: 'table', partition: 'DEVICE#dev_00112233445566778899aabc', kind: 'write', units: 2, first: 6, last: 6 },
      ],
      160,
      known,
    );
    expect(rates.get('write due outbox#{shard}')).toMatchObject({ rate: 100, hottestRate: 150, values: 2, shards: 2, hottest: 'outbox#0' });
    expect(rates.get('write table DEVICE#{id}')?.rate).toBe(4);
  });

  it('a sharded pattern whose recording touched few of its shards is spread over the highest shard number seen plus one', () => {
    const rates = ratesByPattern(
      [
        { index: 'due', partition: 'outbox#3', kind: 'write', units: 80, first: 1, last: 1 },
        { index: 'due', partition: 'outbox#63', kind: 'write', units: 80, first: 2, last: 2 },
      ],
      80,
      new Map(),
    );
    expect(rates.get('write due outbox#{shard}')).toMatchObject({ values: 2, shards: 64, rate: 2.5, hottestRate: 80 });
    expect(patternOf('GRANT#ptn_0123456789abcdef01234567#ten_0123456789abcdef01234567#07', new Map([['ptn_0123456789abcdef01234567', 'partner'], ['ten_0123456789abcdef01234567', 'tenant']]))).toBe('GRANT#{partner}#{tenant}#{shard}');
  });

  it('the workers that meet on a key follow its placeholders', () => {
    const scenario: Scenario = { name: 'x', devices: 'tuple', workers: 100, perBatch: 2, perPartner: 10, perTenant: 3, perPair: 1 };
    expect(workersSharing('outbox#{shard}', scenario)).toBe(100);
    expect(workersSharing('BATCH#{batch}', scenario)).toBe(2);
    expect(workersSharing('PARTNER#{partner}', scenario)).toBe(10);
    expect(workersSharing('TENANT#{tenant}#DEVICES', scenario)).toBe(3);
    expect(workersSharing('PARTNER#{partner}#TENANT#{tenant}#DEVICES', scenario)).toBe(1);
    expect(workersSharing('DEVICE#{id}', scenario)).toBe(1);
  });
});
