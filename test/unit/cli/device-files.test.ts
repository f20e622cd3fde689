import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RUN_DEVICES, readDeviceFile } from '../../../cli/device-runs.ts';

/**
 * The CLI's device files: a batch's run refuses a CSV past its 100,000 devices before reading on;
 * `devices claim` reads any number (issue 22: a fleet of 150,000 in claims of 1000).
 */
describe('readDeviceFile', () => {
  let dir = '';
  let file = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-files-'));
    file = join(dir, 'fleet.csv');
    const rows = Array.from({ length: MAX_RUN_DEVICES + 1 }, (_, i) => `Contoso,Tablet 3,SN-${i}`);
    await writeFile(file, `Manufacturer name,Device model,Device Serial Number\r\n${rows.join('\r\n')}\r\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("refuses a CSV of more than a batch's 100,000 devices by default", async () => {
    await expect(readDeviceFile(file)).rejects.toThrow(/at most 100000 rows/);
  }, 30_000);

  it('R26: reads every row with no limit (devices claim)', async () => {
    const parsed = await readDeviceFile(file, { maxRows: Number.POSITIVE_INFINITY });
    expect(parsed.rows).toHaveLength(MAX_RUN_DEVICES + 1);
    expect(parsed.malformed).toHaveLength(0);
    expect(parsed.rows.at(-1)).toEqual({ device: { manufacturer: 'Contoso', model: 'Tablet 3', serialNumber: `SN-${MAX_RUN_DEVICES}` }, line: MAX_RUN_DEVICES + 2 });
  }, 30_000);
});
