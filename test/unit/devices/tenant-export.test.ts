import { describe, expect, it } from 'vitest';
import { inertCell, TENANT_DEVICE_COLUMNS, tenantDeviceCsvRow, type TenantDevice } from '#shared/customers/devices.ts';

/** R23's export opened in a spreadsheet: what a partner or an operator wrote never runs as a formula. */
describe("the tenant's export (R23)", () => {
  it('R23: a cell that a spreadsheet would run as a formula is written with a leading quote; others as they are', () => {
    for (const value of ['=HYPERLINK("https://evil.example","x")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(inertCell(value)).toBe(`'${value}`);
    for (const value of ['', 'Kiosk', 'a=b', "'quoted", 'Contoso Ltd']) expect(inertCell(value)).toBe(value);
  });

  it("R23, R24: the group tag and the names are made inert; the identities stay as they are, so an export's row is a release's row", () => {
    const device: TenantDevice = {
      id: 'd_0123456789abcdef01234567',
      serialNumber: '-SN1',
      manufacturer: '=Contoso',
      model: '+Model',
      hardwareHash: '+AAAA',
      productKeyId: '1234567890123',
      groupTag: '=cmd|" /C calc"!A0',
      partner: { id: 'p_1', name: '@Partner', kind: 'indirect-reseller' },
      via: { resellerId: 'p_2', resellerName: '-Reseller' },
      provider: { id: 'p_3', name: '+Provider' },
      registeredAt: '2026-12-03T10:00:00.000Z',
      registeredBy: { type: 'partner_key', id: 'k_1' },
    };
    const row = Object.fromEntries(TENANT_DEVICE_COLUMNS.map((column, i) => [column, tenantDeviceCsvRow(device)[i]]));
    expect(row).toMatchObject({
      'Device Serial Number': '-SN1',
      'Manufacturer name': '=Contoso',
      'Device model': '+Model',
      'Hardware Hash': '+AAAA',
      'Group Tag': `'=cmd|" /C calc"!A0`,
      'Partner name': "'@Partner",
      'Via reseller': "'-Reseller",
      Provider: "'+Provider",
    });
  });
});
