import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceIdentities, type DeviceInput } from '#shared/domain/devices.ts';
import { deviceKeys, deviceShard } from '#shared/table/keys.ts';

/**
 * Issue 26: the devices indexes spread each partition over shards by a stable hash of the device's
 * identity. Every input here is fixed (sequential serials and product key ids, hashes from a seeded
 * generator), so the figures are the same on every run: the bounds cannot flake.
 */

/**
 * 100,000 devices as partners submit them: 40,000 by tuple with sequential serial numbers of two
 * makers (one character apart from the next), 30,000 by sequential 13-digit product key id, 30,000
 * by a hardware hash (about 4,000 characters of base64 as Get-WindowsAutopilotInfo writes, most of
 * it the same for one model: a common part and 64 bytes of the device's own, from a fixed seed).
 */
function realisticDevices(): DeviceInput[] {
  const devices: DeviceInput[] = [];
  for (let n = 0; n < 20_000; n++) devices.push({ manufacturer: 'LENOVO', model: '21HD', serialNumber: `PF4${n.toString(36).toUpperCase().padStart(5, '0')}` });
  for (let n = 0; n < 20_000; n++) devices.push({ manufacturer: 'Dell Inc.', model: 'Latitude 7450', serialNumber: `${(1_000_000 + n).toString(36).toUpperCase()}3` });
  for (let n = 0; n < 30_000; n++) devices.push({ productKeyId: String(3_300_000_000_000 + n) });
  const model = createHash('sha512').update('seed 26').digest();
  const common = Buffer.concat(Array.from({ length: 45 }, () => model));
  for (let n = 0; n < 30_000; n++) {
    const own = createHash('sha512').update(`seed 26 device ${n}`).digest();
    devices.push({ hardwareHash: Buffer.concat([common.subarray(0, 1500), own, common.subarray(1500)]).toString('base64') });
  }
  return devices;
}

const device = (input: DeviceInput, n: number) => ({ id: `d_${n.toString(16).padStart(24, '0')}`, identities: deviceIdentities(input).map((i) => i.key) });

/** Pearson's chi-square of counts against an even spread. */
const chiSquare = (counts: number[], total: number) => counts.reduce((sum, c) => sum + (c - total / counts.length) ** 2 / (total / counts.length), 0);

describe('issue 26: the shard of a device on the devices indexes', () => {
  it('is stable: the same identity gives the same shard every time, and a fixed one gives the shard pinned here', () => {
    const input = { manufacturer: 'Contoso', model: 'Surface Laptop 7', serialNumber: 'SN-0001' };
    const a = device(input, 1);
    const b = device({ ...input, serialNumber: ' sn-0001 ' }, 2); // the same tuple (R17: trimmed, case-insensitive), another id
    expect(deviceShard(a, 32)).toBe(deviceShard(b, 32));
    expect(deviceShard(a, 16)).toBe(deviceShard(a, 32) % 16); // the first 32 bits modulo a power of two
    // Pinned: a change of the hash would move every stored device's shard without moving the device.
    expect(deviceShard({ id: 'd_0', identities: ['PKID#3300000000000'] }, 32)).toBe(17);
    expect(deviceShard({ id: 'd_000000000000000000000001' }, 32)).toBe(24);
  });

  it('names its shard in both index keys, one partition of 16 for (partner, tenant) and of 32 for the tenant, the sort key unchanged', () => {
    const d = { ...device({ productKeyId: '3300000000000' }, 7), partnerId: 'p_1', tenantId: 't_1', registeredAt: '2026-12-03T10:00:00.000Z' };
    const keys = deviceKeys.indexes(d);
    expect(keys).toEqual({
      gsi1pk: `TENANT#t_1#DEVICES#${deviceShard(d, 32)}`,
      gsi1sk: `2026-12-03T10:00:00.000Z#${d.id}`,
      gsi2pk: `PARTNER#p_1#TENANT#t_1#DEVICES#${deviceShard(d, 16)}`,
      gsi2sk: `2026-12-03T10:00:00.000Z#${d.id}`,
    });
    expect(deviceKeys.indexes(d)).toEqual(keys);
    // The readers query every shard, then the partition of devices written before the shards.
    expect(deviceKeys.queryShardsOfTenant('t_1').map((q) => q.partition)).toEqual([...Array.from({ length: 32 }, (_, n) => `TENANT#t_1#DEVICES#${n}`), 'TENANT#t_1#DEVICES']);
    expect(deviceKeys.queryShardsOfPartnerAndTenant('p_1', 't_1')).toHaveLength(17);
    expect(deviceKeys.queryShardsOfPartnerAndTenant('p_1', 't_1').every((q) => q.index === 'gsi2')).toBe(true);
  });

  it('spreads 100,000 realistic devices evenly: every shard within 5% of the mean, chi-square under its 0.1% critical value', () => {
    const devices = realisticDevices().map(device);
    const shardsOf = { 16: devices.map((d) => deviceShard(d, 16)), 32: devices.map((d) => deviceShard(d, 32)) };
    for (const [shards, critical] of [
      [16, 37.7],
      [32, 61.1],
    ] as const) {
      const counts = Array.from({ length: shards }, () => 0);
      for (const shard of shardsOf[shards]) counts[shard]!++;
      const mean = devices.length / shards;
      expect(Math.max(...counts) / mean).toBeLessThan(1.05);
      expect(Math.min(...counts) / mean).toBeGreaterThan(0.95);
      expect(chiSquare(counts, devices.length)).toBeLessThan(critical);
    }
    // Each kind of identity on its own too: sequential serials must not cluster.
    for (const slice of [shardsOf[32].slice(0, 40_000), shardsOf[32].slice(40_000, 70_000), shardsOf[32].slice(70_000)]) {
      const counts = Array.from({ length: 32 }, () => 0);
      for (const shard of slice) counts[shard]!++;
      expect(chiSquare(counts, slice.length)).toBeLessThan(61.1);
    }
  }, 60_000);
});
