import { problemOf } from '../../support/problem-of.ts';
import { describe, expect, it } from 'vitest';
import { linesOf, MAX_CSV_ROWS, parseDeviceCsv, parseDeviceCsvFile, parseDeviceLines } from '#shared/devices/csv.ts';

const PARTNER_CENTER = 'Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model';
const INTUNE = 'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag,Assigned User';
const HASH = Buffer.from(Array.from({ length: 64 }, (_, i) => i * 7)).toString('base64');


const rowsOf = (n: number, line = (i: number) => `SN${i},,,Contoso,Laptop`) => Array.from({ length: n }, (_, i) => line(i));

describe('parseDeviceCsv: layouts', () => {
  it('reads the Partner Center layout into device fields, with line numbers (header is line 1)', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\nSN1,1234567890123,${HASH},Contoso,Laptop 7\nSN2,,,Fabrikam,Desk 1\n`);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, device: { serialNumber: 'SN1', productKeyId: '1234567890123', hardwareHash: HASH, manufacturer: 'Contoso', model: 'Laptop 7' } },
      { line: 3, device: { serialNumber: 'SN2', manufacturer: 'Fabrikam', model: 'Desk 1' } },
    ]);
  });

  it('reads the Intune layout: group tag kept, assigned user ignored', () => {
    const parsed = parseDeviceCsv(`${INTUNE}\nSN1,,${HASH},Sales,user@contoso.example\n`);
    expect(parsed.rows).toEqual([{ line: 2, device: { serialNumber: 'SN1', hardwareHash: HASH, groupTag: 'Sales' } }]);
  });

  it('reads the Partner Center layout with the optional Group Tag column', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER},Group Tag\nSN1,,,Contoso,Laptop,Kiosk\n`);
    expect(parsed.rows[0].device).toEqual({ serialNumber: 'SN1', manufacturer: 'Contoso', model: 'Laptop', groupTag: 'Kiosk' });
  });

  it('matches header names case-insensitively and ignoring surrounding spaces', () => {
    const parsed = parseDeviceCsv(' DEVICE SERIAL NUMBER ,windows product id,Hardware HASH,MANUFACTURER NAME,device Model\nSN1,,,Contoso,Laptop\n');
    expect(parsed.rows[0].device).toEqual({ serialNumber: 'SN1', manufacturer: 'Contoso', model: 'Laptop' });
  });

  it('accepts the columns in any order', () => {
    const parsed = parseDeviceCsv(`Device model,Hardware Hash,Manufacturer name,Windows Product ID,Device Serial Number\nLaptop,${HASH},Contoso,1234567890123,SN1\n`);
    expect(parsed.rows[0].device).toEqual({ serialNumber: 'SN1', productKeyId: '1234567890123', hardwareHash: HASH, manufacturer: 'Contoso', model: 'Laptop' });
  });

  it('ignores extra unknown columns', () => {
    const parsed = parseDeviceCsv(`Notes,${PARTNER_CENTER},Cost centre\n"hello, world",SN1,,,Contoso,Laptop,42\n`);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.rows).toEqual([{ line: 2, device: { serialNumber: 'SN1', manufacturer: 'Contoso', model: 'Laptop' } }]);
  });

  it('trims cells and leaves empty cells out of the device', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\n  SN1  , ,  , Contoso ,Laptop\n`);
    expect(parsed.rows[0].device).toEqual({ serialNumber: 'SN1', manufacturer: 'Contoso', model: 'Laptop' });
  });
});

describe('parseDeviceCsv: CSV syntax', () => {
  it('reads quoted fields holding commas and doubled quotes', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\n"SN ""A"", 1",,,"Contoso, Inc.","Laptop ""7"""\n`);
    expect(parsed.rows[0].device).toEqual({ serialNumber: 'SN "A", 1', manufacturer: 'Contoso, Inc.', model: 'Laptop "7"' });
  });

  it('strips a UTF-8 byte order mark so the first column is still recognised', () => {
    const parsed = parseDeviceCsv(`\uFEFF${PARTNER_CENTER}\nSN1,,,Contoso,Laptop\n`);
    expect(parsed.rows).toEqual([{ line: 2, device: { serialNumber: 'SN1', manufacturer: 'Contoso', model: 'Laptop' } }]);
  });

  it('reads CRLF line endings without leaving \\r in the last column, with the same line numbers', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\r\nSN1,,,Contoso,Laptop\r\nSN2,,,Contoso,Desk\r\n`);
    expect(parsed.rows).toEqual([
      { line: 2, device: { serialNumber: 'SN1', manufacturer: 'Contoso', model: 'Laptop' } },
      { line: 3, device: { serialNumber: 'SN2', manufacturer: 'Contoso', model: 'Desk' } },
    ]);
  });

  it('reads a BOM, CRLF and no final line break together', () => {
    const parsed = parseDeviceCsv(`\uFEFF${PARTNER_CENTER}\r\nSN1,,,Contoso,Laptop`);
    expect(parsed.rows).toEqual([{ line: 2, device: { serialNumber: 'SN1', manufacturer: 'Contoso', model: 'Laptop' } }]);
  });

  it('skips empty lines and all-blank rows, and keeps the real line numbers of the others', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\n\nSN1,,,Contoso,Laptop\n,,,,\n\n , , ,, \nSN2,,,Contoso,Desk\n\n`);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.device.serialNumber])).toEqual([
      [3, 'SN1'],
      [7, 'SN2'],
    ]);
  });

  it('reads a file whose header ends in LF and whose rows end in CRLF, with the right line numbers', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\nSN1,,,Contoso,Laptop\r\nSN2,,,Contoso,Desk\r\n`);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.device.serialNumber, r.device.model])).toEqual([
      [2, 'SN1', 'Laptop'],
      [3, 'SN2', 'Desk'],
    ]);
  });

  it('reads a file whose header ends in CRLF and some rows in LF, losing no row', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\r\nSN1,,,Contoso,Laptop\nSN2,,,Contoso,Desk\r\nSN3,,,Contoso,Tablet\r\n`);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.device.serialNumber, r.device.model])).toEqual([
      [2, 'SN1', 'Laptop'],
      [3, 'SN2', 'Desk'],
      [4, 'SN3', 'Tablet'],
    ]);
  });

  it('accepts a row with fewer cells than the header (trailing empty columns dropped)', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER},Group Tag\nSN1,,${HASH}\n`);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.rows).toEqual([{ line: 2, device: { serialNumber: 'SN1', hardwareHash: HASH } }]);
  });

  it('a quoted field never spans lines (device CSVs have none): both halves are malformed at their lines, the next row parses', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\nSN1,,,"Contoso\nInc",Laptop\nSN2,,,Contoso,Desk\n`);
    expect(parsed.malformed.map((m) => m.line)).toEqual([2, 3]);
    expect(parsed.rows.map((r) => r.line)).toEqual([4]);
  });
});

describe('parseDeviceCsv: header (R17: only the columns an identification needs)', () => {
  it.each([
    ['Hardware Hash', `Hardware Hash\n${HASH}\n`, { hardwareHash: HASH }],
    ['Windows Product ID', 'Windows Product ID\n1234567890123\n', { productKeyId: '1234567890123' }],
    ['the tuple', 'Manufacturer name,Device model,Device Serial Number\nContoso,Laptop,SN1\n', { manufacturer: 'Contoso', model: 'Laptop', serialNumber: 'SN1' }],
    ['Device Serial Number and Hardware Hash', `Device Serial Number,Hardware Hash\nSN1,${HASH}\n`, { serialNumber: 'SN1', hardwareHash: HASH }],
  ])('R17: a header with just %s is valid', (_name, csv, device) => {
    expect(parseDeviceCsv(csv)).toEqual({ rows: [{ line: 2, device }], malformed: [] });
  });

  it('R17: a header with part of the tuple and no other identifier is 400, naming what is missing', () => {
    const problem = problemOf(() => parseDeviceCsv('Manufacturer name,Device Serial Number,Group Tag\nContoso,SN1,Sales\n'));
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([{ path: 'header', message: expect.stringContaining('missing columns') }]);
    expect(problem.errors?.[0].message).toContain('but not "Device model"');
    expect(problem.message).toContain('"Hardware Hash", or "Windows Product ID", or all of "Manufacturer name", "Device model" and "Device Serial Number"');
  });

  it('R17: a header with no device column at all shows the header read (a wrong file, or a wrong delimiter)', () => {
    const problem = problemOf(() => parseDeviceCsv('Name|Serial\nx|y\n'));
    expect(problem.status).toBe(400);
    expect(problem.errors?.[0].message).toContain('the header read was "Name|Serial"');
  });

  it('an empty body (no header row) is 400 validation_failed', () => {
    for (const body of ['', '\n\n', '\uFEFF']) {
      const problem = problemOf(() => parseDeviceCsv(body));
      expect(problem.status).toBe(400);
      expect(problem.code).toBe('validation_failed');
    }
  });

  it('a header alone is no rows and no error', () => {
    expect(parseDeviceCsv(`${PARTNER_CENTER}\n`)).toEqual({ rows: [], malformed: [] });
  });
});

describe('parseDeviceCsv: size limit', () => {
  it(`accepts ${MAX_CSV_ROWS} rows, numbered 2 to ${MAX_CSV_ROWS + 1}`, () => {
    expect(MAX_CSV_ROWS).toBe(1000);
    const parsed = parseDeviceCsv([PARTNER_CENTER, ...rowsOf(1000)].join('\r\n'));
    expect(parsed.rows).toHaveLength(1000);
    expect(parsed.rows[0].line).toBe(2);
    expect(parsed.rows[999]).toEqual({ line: 1001, device: { serialNumber: 'SN999', manufacturer: 'Contoso', model: 'Laptop' } });
  });

  it('refuses 1001 rows with 400 validation_failed', () => {
    const problem = problemOf(() => parseDeviceCsv([PARTNER_CENTER, ...rowsOf(1001)].join('\n')));
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.message).toContain('1000');
  });

  it('does not count blank lines toward the limit', () => {
    const parsed = parseDeviceCsv([PARTNER_CENTER, ...rowsOf(1000), '', ',,,,', ''].join('\n'));
    expect(parsed.rows).toHaveLength(1000);
  });

  it('counts malformed rows toward the limit (1000 good rows and 1 malformed row are 1001 CSV rows)', () => {
    const problem = problemOf(() => parseDeviceCsv([PARTNER_CENTER, ...rowsOf(1000), 'SN-X,,,Contoso,Laptop,extra'].join('\n')));
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
  });
});

/** Lines that never end: the header, then a row a line (every `blankEvery`th line blank), counting how many were read. */
function endless(header: string, blankEvery = 0) {
  const read = { lines: 0 };
  function* lines() {
    read.lines++;
    yield header;
    for (let i = 0; ; i++) {
      read.lines++;
      yield blankEvery && i % blankEvery === blankEvery - 1 ? '' : `SN${i},,,Contoso,Laptop`;
    }
  }
  return { read, lines: lines() };
}

describe('parseDeviceCsv: a file over the limit is refused at the row after it, reading nothing further (issue 20)', () => {
  it(`refuses row ${MAX_CSV_ROWS + 1} of an endless file having read the header and ${MAX_CSV_ROWS + 1} rows, naming its line`, () => {
    const { read, lines } = endless(PARTNER_CENTER);
    const problem = problemOf(() => parseDeviceLines(lines));
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem.message).toContain(`at most ${MAX_CSV_ROWS} rows; this file has more (row ${MAX_CSV_ROWS + 1} is line ${MAX_CSV_ROWS + 2})`);
    expect(read.lines).toBe(MAX_CSV_ROWS + 2);
  });

  it('blank lines are read but not counted: the row over the limit comes later, and nothing after it is read', () => {
    const { read, lines } = endless(PARTNER_CENTER, 4); // every fourth line blank: 1001 rows take 1334 lines after the header
    const problem = problemOf(() => parseDeviceLines(lines));
    expect(problem.message).toContain(`(row ${MAX_CSV_ROWS + 1} is line 1335)`);
    expect(read.lines).toBe(1335);
  });

  it('a batch file (maxRows 100,000) is refused at row 100,001, having read nothing after it', () => {
    const { read, lines } = endless(PARTNER_CENTER);
    const problem = problemOf(() => parseDeviceLines(lines, { maxRows: 100_000 }));
    expect(problem.message).toContain('at most 100000 rows; this file has more (row 100001 is line 100002)');
    expect(read.lines).toBe(100_002);
  }, 60_000);

  it('the limit is a parameter: maxRows rows are read whole, one more is refused', () => {
    expect(parseDeviceCsv([PARTNER_CENTER, ...rowsOf(5)].join('\n'), { maxRows: 5 }).rows).toHaveLength(5);
    expect(problemOf(() => parseDeviceCsv([PARTNER_CENTER, ...rowsOf(6)].join('\n'), { maxRows: 5 })).message).toContain('at most 5 rows; this file has more (row 6 is line 7)');
  });

  it('a 6 MB file of 3,000,000 rows is the same 400 as a file of 1,001 rows', () => {
    const huge = Buffer.from(`Windows Product ID\r\n${'1\r\n'.repeat(3_000_000)}`);
    expect(huge.length).toBeGreaterThan(6_000_000);
    const problem = problemOf(() => parseDeviceCsvFile(huge));
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem.message).toContain('(row 1001 is line 1002)');
  });

  it('linesOf finds the lines as they are asked for, with CRLF, LF, CR and mixed ends', () => {
    expect([...linesOf('a\r\nb\nc\rd\r\n')]).toEqual(['a', 'b', 'c', 'd', '']);
    const lines = linesOf(`first\n${'x\n'.repeat(10)}`);
    expect(lines.next().value).toBe('first');
    expect(lines.next().value).toBe('x');
  });
});

describe('parseDeviceCsv: malformed rows are reported by line, not fatal to the others', () => {
  it('a row with more cells than the header is malformed at its line; the rows around it parse', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\nSN1,,,Contoso,Laptop\nSN2,,,Contoso,Laptop,extra\nSN3,,,Contoso,Laptop\n`);
    expect(parsed.malformed).toEqual([{ line: 3, message: expect.any(String) }]);
    expect(parsed.rows.map((r) => [r.line, r.device.serialNumber])).toEqual([
      [2, 'SN1'],
      [4, 'SN3'],
    ]);
  });

  it('a quote inside an unquoted field is one malformed row at its line; the rows around it parse', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\nSN1,,,Contoso,Laptop\nS"N2",,,Contoso,Laptop\nSN3,,,Contoso,Laptop\n`);
    expect(parsed.malformed).toEqual([{ line: 3, message: expect.any(String) }]);
    expect(parsed.rows.map((r) => [r.line, r.device.serialNumber])).toEqual([
      [2, 'SN1'],
      [4, 'SN3'],
    ]);
  });

  it('text after a closing quote is one malformed row at its line; the rows around it parse', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\nSN1,,,Contoso,Laptop\n"SN2"x,,,Contoso,Laptop\nSN3,,,Contoso,Laptop\n`);
    expect(parsed.malformed).toEqual([{ line: 3, message: expect.any(String) }]);
    expect(parsed.rows.map((r) => [r.line, r.device.serialNumber])).toEqual([
      [2, 'SN1'],
      [4, 'SN3'],
    ]);
  });

  it('an unclosed quote in the middle is reported at the line of the row that opens it', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\nSN1,,,Contoso,Laptop\n"SN2,,,Contoso,Laptop\nSN3,,,Contoso,Laptop\nSN4,,,Contoso,Laptop\n`);
    expect(parsed.rows[0]).toEqual({ line: 2, device: { serialNumber: 'SN1', manufacturer: 'Contoso', model: 'Laptop' } });
    expect(parsed.malformed).toEqual([{ line: 3, message: expect.any(String) }]);
  });

  it('rows after an unclosed quote in the middle still parse', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\nSN1,,,Contoso,Laptop\n"SN2,,,Contoso,Laptop\nSN3,,,Contoso,Laptop\nSN4,,,Contoso,Laptop\n`);
    expect(parsed.rows.map((r) => [r.line, r.device.serialNumber])).toEqual([
      [2, 'SN1'],
      [4, 'SN3'],
      [5, 'SN4'],
    ]);
  });

  it('line numbers after a malformed row stay right', () => {
    const parsed = parseDeviceCsv(`${PARTNER_CENTER}\r\nSN1,,,Contoso,Laptop,x,y\r\n\r\nSN2,,,Contoso,Laptop\r\n`);
    expect(parsed.malformed.map((m) => m.line)).toEqual([2]);
    expect(parsed.rows).toEqual([{ line: 4, device: { serialNumber: 'SN2', manufacturer: 'Contoso', model: 'Laptop' } }]);
  });
});
