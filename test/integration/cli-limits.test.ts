import { describe, expect, it } from 'vitest';
import { authorizedPartner } from '../support/authorized.ts';
import { asPartner, createPartner, unique } from '../support/api.ts';
import { cli, cliOnTerminal } from '../support/cli.ts';

/**
 * The command-line tool never goes silent (issue 20): on a 429 it says what was limited and when
 * to try again, waits only for a short Retry-After, and otherwise exits 1; a file may be `-`
 * (standard input); NO_COLOR turns colour off. Run as its users run it, against the local service.
 */
const HOUR_MS = 3_600_000;
const ISO_SECOND = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/;
const ask = (apiKey: string, recipientEmail: string) => asPartner(apiKey, 'POST', '/v1/consent-requests', { recipientEmail });

describe('device-consent CLI on rate limits (API.md "Rate limits")', () => {
  it('a limit to wait out for more than a minute: says what was limited and when to try again (the next whole hour), exits 1 at once', async () => {
    // Near the end of an hour the next whole hour is under a minute away, and the CLI would wait.
    const left = HOUR_MS - (Date.now() % HOUR_MS);
    if (left < 90_000) await new Promise((r) => setTimeout(r, left + 50));
    const recipient = `busy-${unique()}@limits.example`;
    const [first, second] = await Promise.all([createPartner('direct-csp'), createPartner('direct-csp')]);
    for (let i = 0; i < 5; i++) expect((await ask(first.apiKey, recipient)).status).toBe(201);

    const started = Date.now();
    const run = await cli(['consent', 'request', '--email', recipient], { DEVICE_CONSENT_KEY: second.apiKey });
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^device-consent: 429 rate_limited: At most 5 pending consent requests to one recipient, from all partners together, until one is answered or expires \(recipient-pending\); try again after (\S+) \(in [^)]+\)\n$/);
    // The next whole hour, to within the second Retry-After is rounded up to and the answer's trip.
    const nextHour = (Math.floor(started / HOUR_MS) + 1) * HOUR_MS;
    const at = Date.parse(/try again after (\S+)/.exec(run.stderr)![1]);
    expect(at - nextHour).toBeGreaterThanOrEqual(0);
    expect(at - nextHour).toBeLessThanOrEqual(2000);
    expect(run.stderr).not.toMatch(/waiting/);

    // --json: the same on stdout for scripts, with the moment.
    const json = await cli(['--json', 'consent', 'request', '--email', recipient], { DEVICE_CONSENT_KEY: second.apiKey });
    expect(json.code).toBe(1);
    const { error } = JSON.parse(json.stdout) as { error: { status: number; code: string; message: string; retryAt: string } };
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(error.retryAt).toMatch(ISO_SECOND);
    expect(Math.abs(Date.parse(error.retryAt) - at)).toBeLessThanOrEqual(2000);
  }, 150_000);

  it('a short Retry-After (<= 60 s): says what was limited, waits it out on one line (not a terminal), then succeeds', async () => {
    const partner = await createPartner('direct-csp');
    // Fill the partner's 60 a minute late in a minute, so the wait is short: Retry-After is the
    // rest of the minute and a second (shared/domain/rate-limits.ts).
    const into = Date.now() % 60_000;
    if (into < 38_000) await new Promise((r) => setTimeout(r, 38_000 - into));
    else if (into > 44_000) await new Promise((r) => setTimeout(r, 60_000 - into + 38_000));
    for (let i = 0; i < 60; i++) expect((await ask(partner.apiKey, `r${i}-${unique()}@limits.example`)).status).toBe(201);
    expect((await ask(partner.apiKey, `over-${unique()}@limits.example`)).status).toBe(429);

    const started = Date.now();
    const run = await cli(['--json', 'consent', 'request', '--email', `waited-${unique()}@limits.example`], { DEVICE_CONSENT_KEY: partner.apiKey });
    const took = Date.now() - started;
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'pending' });
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const waited = /^device-consent: rate limited: At most 60 consent requests per minute for this partner \(partner-minute\); waiting (\d+) s \(until (\S+)\), then trying again$/.exec(lines[0]);
    expect(waited, run.stderr).not.toBeNull();
    const seconds = Number(waited![1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(waited![2]).toMatch(ISO_SECOND);
    expect(took).toBeGreaterThanOrEqual(seconds * 1000 - 1000);
    expect(run.stderr).not.toContain('\x1b');
  }, 180_000);
});

describe('device-consent CLI: - is standard input, NO_COLOR is honoured', () => {
  it('devices validate - reads a CSV or a JSON file from standard input; customers check --file - a list of tenants', async () => {
    const { tenant, partner } = await authorizedPartner();
    const env = { DEVICE_CONSENT_KEY: partner.apiKey };
    const run = unique('stdin');
    const csv = ['Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model', `${run}-1,,,Contoso,Laptop 7`, `,,,Contoso,Laptop 7`, ''].join('\r\n');
    const fromCsv = await cli(['--json', 'devices', 'validate', '-', '--tenant', tenant.id], env, { input: csv });
    expect(fromCsv.code, fromCsv.stderr).toBe(2);
    expect(JSON.parse(fromCsv.stdout)).toMatchObject({ total: 2, byStatus: { valid: 1, invalid: 1 }, byErrorCode: { missing_identifier: 1 } });
    // No file to put results beside: none unless --results says where.
    expect(JSON.parse(fromCsv.stdout).resultsFile).toBeUndefined();

    const json = JSON.stringify({ devices: [{ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: `${run}-2` }] });
    const fromJson = await cli(['--json', 'devices', 'validate', '-', '--tenant', tenant.id], env, { input: `\n  ${json}` });
    expect(fromJson.code, fromJson.stderr).toBe(0);
    expect(JSON.parse(fromJson.stdout)).toMatchObject({ total: 1, byStatus: { valid: 1 } });

    const checked = await cli(['--json', 'customers', 'check', '--file', '-'], env, { input: `# ours\n${tenant.id}\nnobody-${unique()}.example\n` });
    expect(checked.code).toBe(2);
    expect(JSON.parse(checked.stdout).map((r: { status: string }) => r.status)).toEqual(['active', 'none']);
  }, 60_000);

  it('NO_COLOR: on a terminal the CLI colours its messages; NO_COLOR with any non-empty value turns that off, an empty one does not (https://no-color.org)', async () => {
    const bad = { DEVICE_CONSENT_KEY: 'dck_not_a_real_key' };
    const coloured = await cliOnTerminal(['me'], bad);
    expect(coloured.code).toBe(1);
    expect(coloured.output).toContain('\x1b[31mdevice-consent:\x1b[39m 401 unauthorized');
    for (const value of ['1', 'true', '0']) {
      const plain = await cliOnTerminal(['me'], { ...bad, NO_COLOR: value });
      expect(plain.code).toBe(1);
      expect(plain.output, `NO_COLOR=${value}`).toMatch(/^device-consent: 401 unauthorized/);
      expect(plain.output).not.toContain('\x1b[');
    }
    const empty = await cliOnTerminal(['me'], { ...bad, NO_COLOR: '' });
    expect(empty.output).toContain('\x1b[31m');
    // Off a terminal, no colour unless FORCE_COLOR asks for it (as a CI log viewer might).
    expect((await cli(['me'], bad)).stderr).not.toContain('\x1b');
    expect((await cli(['me'], { ...bad, FORCE_COLOR: '1' })).stderr).toContain('\x1b[31mdevice-consent:');
  }, 60_000);
});
