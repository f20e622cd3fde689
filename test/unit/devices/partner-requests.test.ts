import { describe, expect, it } from 'vitest';
import { batchPartOf } from '#shared/devices/partner-batches.ts';
import { withMalformedLines } from '#shared/devices/partner-devices.ts';

const HASH_A = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 7) % 256)).toString('base64');
const HASH_B = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 11 + 3) % 256)).toString('base64');

describe('a device file answered with its unreadable lines (POST /v1/device-uploads)', () => {
  it('R17: each malformed line is a row of the file, counted in total and with the invalid ones', () => {
    const done = { summary: { total: 3, registered: 2, invalid: 1 }, results: [] };
    const malformed = [{ line: 4, message: 'Invalid Closing Quote' }, { line: 7, message: 'Invalid Record Length' }];
    expect(withMalformedLines(done, malformed)).toEqual({ summary: { total: 5, registered: 2, invalid: 3 }, results: [], malformedLines: malformed });
  });

  it('a file without malformed lines keeps its summary, and says so with an empty list', () => {
    const done = { summary: { total: 2, deregistered: 2, invalid: 0 }, results: [] };
    expect(withMalformedLines(done, [])).toEqual({ ...done, malformedLines: [] });
  });
});

describe('what a batch part brings (POST /v1/device-batches/{batchId}/devices)', () => {
  it('R14: JSON devices come through the API channel, identified by their canonical JSON', () => {
    const device = { serialNumber: 'SN-1', model: 'Laptop 7', manufacturer: 'Contoso' };
    const part = batchPartOf({ devices: [device] });
    expect(part).toEqual({ rows: [{ device }], channel: 'api', requestBody: '{"devices":[{"manufacturer":"Contoso","model":"Laptop 7","serialNumber":"SN-1"}]}' });
    // The same devices written in another key order are the same part (R20).
    expect(batchPartOf({ devices: [{ manufacturer: 'Contoso', serialNumber: 'SN-1', model: 'Laptop 7' }] }).requestBody).toBe(part.requestBody);
  });

  it('R14: a file comes through the CSV channel, identified by its bytes, with its unreadable lines', () => {
    const file = Buffer.from(`Device Serial Number,Hardware Hash\r\nSN1,${HASH_A}\r\nS"N2,${HASH_B},x\r\nSN3,${HASH_B}\r\n`);
    const part = batchPartOf(file);
    expect(part.channel).toBe('csv');
    expect(part.requestBody).toBe(file.toString('base64'));
    expect(part.rows.map((r) => [r.line, r.device.serialNumber])).toEqual([[2, 'SN1'], [4, 'SN3']]);
    expect(part.malformed?.map((m) => m.line)).toEqual([3]);
  });
});
