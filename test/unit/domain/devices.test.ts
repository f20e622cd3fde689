import { describe, expect, it } from 'vitest';
import { checkDeviceFields, deviceIdentities, judgeRows, registrationRefusal, REFUSAL_MESSAGES, type Channel, type DeviceInput } from '#shared/domain/devices.ts';
import type { PartnerKind } from '#shared/domain/partner.ts';

/** Canonical base64 of `n` bytes (no byte pattern matters, only length and canonical form). */
const hashOf = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
const codes = (device: DeviceInput) => checkDeviceFields(device).map((e) => e.code);
const tuple = { manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-0001' };

describe('checkDeviceFields: identification (R17)', () => {
  it('R17: a row identified by a valid hardware hash alone is valid', () => {
    expect(checkDeviceFields({ hardwareHash: hashOf(128) })).toEqual([]);
  });

  it('R17: a row identified by a 13-digit product key id alone is valid', () => {
    expect(checkDeviceFields({ productKeyId: '1234567890123' })).toEqual([]);
  });

  it('R17: a row identified by the whole (manufacturer, model, serial number) tuple is valid', () => {
    expect(checkDeviceFields(tuple)).toEqual([]);
  });

  it('R17: an empty row is missing_identifier (with no field)', () => {
    const errors = checkDeviceFields({});
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('missing_identifier');
    expect(errors[0].field).toBeUndefined();
    expect(errors[0].message).not.toBe('');
  });

  it('R17: a group tag alone does not identify a device', () => {
    expect(codes({ groupTag: 'Sales' })).toEqual(['missing_identifier']);
  });

  it.each([
    ['serial only', { serialNumber: 'SN1' }],
    ['manufacturer only', { manufacturer: 'Contoso' }],
    ['model only', { model: 'Laptop 7' }],
    ['manufacturer + model', { manufacturer: 'Contoso', model: 'Laptop 7' }],
    ['manufacturer + serial', { manufacturer: 'Contoso', serialNumber: 'SN1' }],
    ['model + serial', { model: 'Laptop 7', serialNumber: 'SN1' }],
  ])('R17: a partial tuple (%s) is missing_identifier', (_name, device) => {
    expect(codes(device)).toEqual(['missing_identifier']);
  });

  it('R17: a tuple whose serial number is blank is invalid_serial_number and missing_identifier', () => {
    expect(codes({ ...tuple, serialNumber: '   ' })).toEqual(['invalid_serial_number', 'missing_identifier']);
  });

  it('R17: an empty hardware hash is invalid_hardware_hash and does not count as an identifier', () => {
    expect(codes({ hardwareHash: '' })).toEqual(['invalid_hardware_hash', 'missing_identifier']);
  });

  it('R17: an empty product key id is invalid_product_key_id and does not count as an identifier', () => {
    expect(codes({ productKeyId: '  ' })).toEqual(['invalid_product_key_id', 'missing_identifier']);
  });
});

describe('checkDeviceFields: hardware hash (API.md invalid_hardware_hash)', () => {
  it('accepts exactly 64 decoded bytes and exactly 8192 decoded bytes', () => {
    expect(checkDeviceFields({ hardwareHash: hashOf(64) })).toEqual([]);
    expect(checkDeviceFields({ hardwareHash: hashOf(8192) })).toEqual([]);
  });

  it('accepts padding of one and two "=" when canonical', () => {
    expect(hashOf(65).endsWith('=')).toBe(true);
    expect(hashOf(64).endsWith('==')).toBe(true);
    expect(codes({ hardwareHash: hashOf(65) })).toEqual([]);
    expect(codes({ hardwareHash: hashOf(66) })).toEqual([]);
  });

  it('refuses 63 decoded bytes and 8193 decoded bytes, naming the size', () => {
    for (const n of [63, 8193, 1]) {
      const errors = checkDeviceFields({ hardwareHash: hashOf(n) });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'invalid_hardware_hash', field: 'hardwareHash' });
      expect(errors[0].message).toContain(String(n));
    }
  });

  it.each([
    ['missing padding', hashOf(64).replace(/=+$/, '')],
    ['one "=" too few', hashOf(64).slice(0, -1)],
    ['extra padding', `${hashOf(66)}====`],
    ['padding in the middle', `${hashOf(66).slice(0, 40)}=${hashOf(66).slice(41)}`],
    ['base64url alphabet (-)', hashOf(66).replace(/\+/g, '-').replace(/^./, '-')],
    ['base64url alphabet (_)', hashOf(66).replace(/^./, '_')],
    ['whitespace inside', `${hashOf(66).slice(0, 44)} ${hashOf(66).slice(44)}`],
    ['line break inside', `${hashOf(66).slice(0, 44)}\n${hashOf(66).slice(44)}`],
    ['non-zero trailing bits (non-canonical)', hashOf(64).replace(/.==$/, (m) => `${String.fromCharCode(m.charCodeAt(0) + 1)}==`)],
    ['not base64 at all', 'this is not a hardware hash!'],
  ])('refuses non-canonical base64: %s', (_name, hash) => {
    expect(codes({ hardwareHash: hash })).toEqual(['invalid_hardware_hash']);
  });

  it('the non-canonical fixture really decodes to 64 bytes (so only canonicity is at fault)', () => {
    const tweaked = hashOf(64).replace(/.==$/, (m) => `${String.fromCharCode(m.charCodeAt(0) + 1)}==`);
    expect(Buffer.from(tweaked, 'base64')).toHaveLength(64);
    expect(tweaked).not.toBe(hashOf(64));
  });
});

describe('checkDeviceFields: product key id (API.md invalid_product_key_id)', () => {
  it.each([
    ['12 digits', '123456789012'],
    ['14 digits', '12345678901234'],
    ['letters', '12345678901AB'],
    ['a dash', '123456-789012'],
    ['non-ASCII digits', '١٢٣٤٥٦٧٨٩٠١٢٣'],
    ['a decimal point', '123456789012.'],
  ])('refuses %s', (_name, productKeyId) => {
    const errors = checkDeviceFields({ productKeyId });
    expect(errors.map((e) => e.code)).toEqual(['invalid_product_key_id']);
    expect(errors[0].field).toBe('productKeyId');
  });

  it('accepts exactly 13 digits, also with surrounding spaces', () => {
    expect(codes({ productKeyId: '0000000000000' })).toEqual([]);
    expect(codes({ productKeyId: ' 9876543210123 ' })).toEqual([]);
  });
});

describe('checkDeviceFields: serial number, manufacturer, model', () => {
  const cases = [
    { field: 'serialNumber', code: 'invalid_serial_number', max: 64 },
    { field: 'manufacturer', code: 'invalid_manufacturer', max: 128 },
    { field: 'model', code: 'invalid_model', max: 128 },
  ] as const;

  for (const { field, code, max } of cases) {
    describe(field, () => {
      it(`is ${code} when empty or blank after trimming`, () => {
        for (const value of ['', ' ', ' \t ']) {
          const errors = checkDeviceFields({ hardwareHash: hashOf(64), [field]: value });
          expect(errors).toEqual([expect.objectContaining({ code, field })]);
        }
      });

      it(`accepts exactly ${max} characters, measured after trimming`, () => {
        expect(codes({ ...tuple, [field]: 'x'.repeat(max) })).toEqual([]);
        expect(codes({ ...tuple, [field]: `  ${'x'.repeat(max)}  ` })).toEqual([]);
      });

      it(`is ${code} over ${max} characters`, () => {
        const errors = checkDeviceFields({ ...tuple, [field]: 'x'.repeat(max + 1) });
        expect(errors).toEqual([expect.objectContaining({ code, field })]);
        expect(errors[0].message).toContain(String(max));
      });

      it.each([
        ['NUL', '\u0000'],
        ['bell', '\u0007'],
        ['tab', '\t'],
        ['line feed', '\n'],
        ['DEL', '\u007f'],
        ['C1 NEL', '\u0085'],
      ])(`is ${code} with a control character (%s) inside`, (_name, ch) => {
        expect(codes({ ...tuple, [field]: `ab${ch}cd` })).toEqual([code]);
      });

      it('accepts non-ASCII letters and punctuation', () => {
        expect(codes({ ...tuple, [field]: 'Ünïcødé – Ö/1.2 (x)' })).toEqual([]);
      });
    });
  }
});

describe('checkDeviceFields: group tag (API.md invalid_group_tag)', () => {
  it('accepts up to 128 characters, and an empty tag', () => {
    expect(codes({ ...tuple, groupTag: 'g'.repeat(128) })).toEqual([]);
    expect(codes({ ...tuple, groupTag: '' })).toEqual([]);
  });

  it('is invalid_group_tag over 128 characters', () => {
    expect(checkDeviceFields({ ...tuple, groupTag: 'g'.repeat(129) })).toEqual([expect.objectContaining({ code: 'invalid_group_tag', field: 'groupTag' })]);
  });

  it.each([['\u0001'], ['\r'], ['\u001b'], ['\u009f']])('is invalid_group_tag with control character %j', (ch) => {
    expect(codes({ ...tuple, groupTag: `Sales${ch}` })).toEqual(['invalid_group_tag']);
  });
});

describe('checkDeviceFields: several problems in one row', () => {
  it('reports every problem of the row, each with its own code and field', () => {
    const errors = checkDeviceFields({
      hardwareHash: 'not-base64',
      productKeyId: '12',
      serialNumber: 's'.repeat(65),
      manufacturer: 'Con\u0000toso',
      model: '  ',
      groupTag: 'g'.repeat(129),
    });
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid_hardware_hash', 'hardwareHash'],
      ['invalid_product_key_id', 'productKeyId'],
      ['invalid_serial_number', 'serialNumber'],
      ['invalid_manufacturer', 'manufacturer'],
      ['invalid_model', 'model'],
      ['invalid_group_tag', 'groupTag'],
    ]);
  });

  it('R17: field problems and missing_identifier are reported together', () => {
    expect(codes({ serialNumber: 'x'.repeat(65), manufacturer: 'A\u0002' })).toEqual(['invalid_serial_number', 'invalid_manufacturer', 'missing_identifier']);
  });
});

describe('deviceIdentities (R17)', () => {
  const key = (device: DeviceInput, field: string) => deviceIdentities(device).find((i) => i.field === field)?.key;

  it('R17: a row with no identifier has no identity', () => {
    expect(deviceIdentities({})).toEqual([]);
    expect(deviceIdentities({ manufacturer: 'Contoso', model: 'Laptop 7', groupTag: 'x' })).toEqual([]);
    expect(deviceIdentities({ hardwareHash: ' ', productKeyId: '' })).toEqual([]);
  });

  it('R17: the hardware hash is an identity, compared after trimming, case-sensitively (base64)', () => {
    const hash = hashOf(64);
    const ids = deviceIdentities({ hardwareHash: hash });
    expect(ids).toHaveLength(1);
    expect(ids[0].field).toBe('hardwareHash');
    expect(ids[0].key.startsWith('HASH#')).toBe(true);
    expect(key({ hardwareHash: ` ${hash}\t` }, 'hardwareHash')).toBe(ids[0].key);
    expect(hash.toLowerCase()).not.toBe(hash);
    expect(key({ hardwareHash: hash.toLowerCase() }, 'hardwareHash')).not.toBe(ids[0].key);
    expect(key({ hardwareHash: hashOf(65) }, 'hardwareHash')).not.toBe(ids[0].key);
  });

  it('R17: the key of a hash does not contain the hash itself (it is digested)', () => {
    const hash = hashOf(8192);
    const k = key({ hardwareHash: hash }, 'hardwareHash')!;
    expect(k).not.toContain(hash.slice(0, 32));
    expect(k.length).toBeLessThan(100);
  });

  it('R17: the product key id is an identity, compared after trimming', () => {
    const ids = deviceIdentities({ productKeyId: '1234567890123' });
    expect(ids).toEqual([{ key: 'PKID#1234567890123', field: 'productKeyId' }]);
    expect(key({ productKeyId: ' 1234567890123 ' }, 'productKeyId')).toBe(ids[0].key);
    expect(key({ productKeyId: '1234567890124' }, 'productKeyId')).not.toBe(ids[0].key);
  });

  it('R17: the tuple is an identity, compared case-insensitively after trimming', () => {
    const ids = deviceIdentities(tuple);
    expect(ids).toHaveLength(1);
    expect(ids[0].field).toBe('serialNumber');
    expect(ids[0].key.startsWith('TUPLE#')).toBe(true);
    expect(key({ manufacturer: ' CONTOSO ', model: 'laptop 7\t', serialNumber: ' sn-0001' }, 'serialNumber')).toBe(ids[0].key);
  });

  it('R17: tuples differing in any one part are different devices', () => {
    const base = key(tuple, 'serialNumber');
    expect(key({ ...tuple, serialNumber: 'SN-0002' }, 'serialNumber')).not.toBe(base);
    expect(key({ ...tuple, model: 'Laptop 8' }, 'serialNumber')).not.toBe(base);
    expect(key({ ...tuple, manufacturer: 'Fabrikam' }, 'serialNumber')).not.toBe(base);
    // Parts are not simply concatenated: moving a character between parts is another device.
    expect(key({ manufacturer: 'ContosoL', model: 'aptop 7', serialNumber: 'SN-0001' }, 'serialNumber')).not.toBe(base);
  });

  it('R17: a partial tuple is no identity', () => {
    expect(deviceIdentities({ manufacturer: 'Contoso', serialNumber: 'SN1' })).toEqual([]);
    expect(deviceIdentities({ manufacturer: 'Contoso', model: 'Laptop', serialNumber: '  ' })).toEqual([]);
  });

  it('R17: a row with all three identifications has all three identities, with distinct keys', () => {
    const ids = deviceIdentities({ ...tuple, hardwareHash: hashOf(64), productKeyId: '1234567890123' });
    expect(ids.map((i) => i.field)).toEqual(['hardwareHash', 'productKeyId', 'serialNumber']);
    expect(new Set(ids.map((i) => i.key)).size).toBe(3);
  });

  it('R17: two rows sharing only the product key id share that identity (same device)', () => {
    const a = deviceIdentities({ productKeyId: '1234567890123', hardwareHash: hashOf(64) }).map((i) => i.key);
    const b = deviceIdentities({ productKeyId: '1234567890123', ...tuple }).map((i) => i.key);
    expect(a.filter((k) => b.includes(k))).toEqual(['PKID#1234567890123']);
  });
});

describe('registrationRefusal (R14)', () => {
  const kinds: PartnerKind[] = ['direct-csp', 'indirect-reseller', 'indirect-provider', 'oem'];
  const channels: Channel[] = ['api', 'csv'];
  const allowed: Record<PartnerKind, Channel[]> = {
    'direct-csp': ['api', 'csv'],
    'indirect-reseller': ['csv'],
    'indirect-provider': ['api'],
    oem: ['api'],
  };

  const matrix = kinds.flatMap((kind) =>
    channels.flatMap((channel) =>
      [true, false].map((authorized) => {
        const expected = !allowed[kind].includes(channel) ? 'channel_not_allowed' : authorized ? undefined : 'consent_required';
        return { kind, channel, authorized, expected };
      }),
    ),
  );

  it.each(matrix)('R14: $kind through $channel, authorized=$authorized -> $expected', ({ kind, channel, authorized, expected }) => {
    const partner = { kind, ...(kind === 'oem' ? { directApiEligible: true } : {}) };
    expect(registrationRefusal(partner, channel, authorized)).toBe(expected);
  });

  it('R14/R9: an ineligible OEM is partner_not_eligible through the API, even while authorized', () => {
    expect(registrationRefusal({ kind: 'oem', directApiEligible: false }, 'api', true)).toBe('partner_not_eligible');
    expect(registrationRefusal({ kind: 'oem' }, 'api', true)).toBe('partner_not_eligible');
    expect(registrationRefusal({ kind: 'oem', directApiEligible: false }, 'api', false)).toBe('partner_not_eligible');
  });

  it('R14: an ineligible OEM uploading CSV is refused for its channel first', () => {
    expect(registrationRefusal({ kind: 'oem', directApiEligible: false }, 'csv', true)).toBe('channel_not_allowed');
  });

  it('R14: the channel refusal message names the channel the partner must use', () => {
    expect(REFUSAL_MESSAGES.channel_not_allowed('api')).toMatch(/CSV/);
    expect(REFUSAL_MESSAGES.channel_not_allowed('csv')).toMatch(/API/);
  });
});

describe('judgeRows: the per-row judgement of every way devices arrive (R14, R17)', () => {
  const pkid = (n: number) => ({ productKeyId: String(1234567890000 + n) });
  const api = (device: DeviceInput) => ({ device, channel: 'api' as Channel });

  it('R17: a valid row has no errors and its identities; one with bad fields has their errors and no identity', () => {
    const [valid, invalid] = judgeRows([api({ ...pkid(1), ...tuple }), api({ productKeyId: '12' })], () => undefined);
    expect(valid).toEqual({ errors: [], identities: deviceIdentities({ ...pkid(1), ...tuple }) });
    expect(invalid.errors.map((e) => e.code)).toEqual(['invalid_product_key_id']);
    expect(invalid.identities).toEqual([]);
  });

  it('R17: a device named again by any one identity is duplicate_in_submission on the later row, naming that field', () => {
    const verdicts = judgeRows([api({ ...pkid(1), ...tuple }), api(tuple), api(pkid(2)), api(pkid(2))], () => undefined, 'batch');
    expect(verdicts.map((v) => v.errors.map((e) => e.code))).toEqual([[], ['duplicate_in_submission'], [], ['duplicate_in_submission']]);
    expect(verdicts[1].errors[0]).toMatchObject({ field: 'serialNumber', message: 'The same device appears earlier in this batch' });
  });

  it("R14: a refusal applies by each row's channel, and the row's field errors are reported with it", () => {
    const rows = [api(pkid(1)), { device: { productKeyId: 'x' }, channel: 'csv' as Channel }];
    const verdicts = judgeRows(rows, (channel) => (channel === 'csv' ? 'channel_not_allowed' : undefined));
    expect(verdicts[0].errors).toEqual([]);
    expect(verdicts[1].errors.map((e) => e.code)).toEqual(['channel_not_allowed', 'invalid_product_key_id']);
    expect(verdicts[1].errors[0].message).toBe(REFUSAL_MESSAGES.channel_not_allowed('csv'));
  });
});
