import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditExpiry, auditRange, isAuditAction, onPartnerTrail, toAuditEvent, toPartnerAuditEvent, type StoredAuditEvent } from '#shared/domain/audit.ts';
import { DomainError } from '#shared/domain/errors.ts';

const AT = '2026-11-24T10:00:00.000Z';
const event = (extra: Partial<StoredAuditEvent> & Pick<StoredAuditEvent, 'action' | 'actor'>): StoredAuditEvent => ({ id: 'ev_1', at: AT, tenantId: 't_1', ...extra });

describe("R29: a stored audit event in API.md's auditEvent shape (toAuditEvent)", () => {
  it("R29: a partner acts by the key it called with (its id, never its secret), named by the partner's name when stored", () => {
    const mapped = toAuditEvent(event({ action: 'device.registered', actor: { type: 'partner', id: 'p_1', keyId: 'k_1', name: 'Contoso', sourceIp: '10.0.0.1' }, partnerId: 'p_1', subject: 'd_1', details: { deviceIds: ['d_1'] } }));
    expect(mapped).toEqual({
      id: 'ev_1',
      at: AT,
      action: 'device.registered',
      category: 'devices',
      actor: { type: 'partner_key', id: 'k_1', name: 'Contoso' },
      subject: { type: 'device', id: 'd_1' },
      outcome: 'succeeded',
      tenantId: 't_1',
      partnerId: 'p_1',
      details: { deviceIds: ['d_1'] },
    });
    expect(JSON.stringify(mapped)).not.toContain('10.0.0.1');
  });

  it('R29: several devices are one subject named by their count, by their batch when there is one', () => {
    const mapped = toAuditEvent(event({ action: 'device.released', actor: { type: 'customer_key', id: 'ck_1', name: 'MDM' }, partnerId: 'p_1', details: { deviceIds: ['d_1', 'd_2', 'd_3'], batchId: 'b_1' } }));
    expect(mapped.subject).toEqual({ type: 'devices', id: 'b_1', name: '3 devices' });
    expect(mapped.actor).toEqual({ type: 'customer_key', id: 'ck_1', name: 'MDM' });
  });

  it('R29: a user of the tenant with their sign-in; an event from before R29 names the user by the email its details hold', () => {
    const now = toAuditEvent(event({ action: 'consent.accepted', actor: { type: 'user', id: 'u_1', name: 'Ada', signIn: 'organization' }, partnerId: 'p_1', subjectName: 'Contoso' }));
    expect(now.actor).toEqual({ type: 'customer_user', id: 'u_1', name: 'Ada', signIn: 'organization' });
    expect(now.subject).toEqual({ type: 'relationship', id: 'p_1', name: 'Contoso' });
    const before = toAuditEvent(event({ action: 'consent.accepted', actor: { type: 'user', id: 'u_1' }, partnerId: 'p_1', details: { acceptedBy: 'ada@fabrikam.example' } }));
    expect(before.actor).toEqual({ type: 'customer_user', id: 'u_1', name: 'ada@fabrikam.example' });
  });

  it('R29: operators and the service; the outcome of a refused attempt', () => {
    expect(toAuditEvent(event({ action: 'relationship.revoked', actor: { type: 'operator', id: 'operator' }, partnerId: 'p_1' })).actor).toEqual({ type: 'operator' });
    expect(toAuditEvent(event({ action: 'consent.expired', actor: { type: 'system', id: 'consent-status-check' }, partnerId: 'p_1', subject: 'r_1' }))).toMatchObject({ actor: { type: 'system', id: 'consent-status-check' }, subject: { type: 'consent_request', id: 'r_1' }, category: 'consent' });
    expect(toAuditEvent(event({ action: 'consent.accepted', actor: { type: 'user', id: 'u_2' }, partnerId: 'p_1', outcome: 'refused' })).outcome).toBe('refused');
  });

  it('R29: an action outside the table is read by its prefix, never dropped', () => {
    expect(toAuditEvent(event({ action: 'widget.frobbed', actor: { type: 'system', id: 'x' }, subject: 'w_1' }))).toMatchObject({ category: 'widget', subject: { type: 'widget', id: 'w_1' } });
  });

  it("R19: a partner reads others' actions on it by actor type and id only, without people's names or the tenant's details", () => {
    const accepted = event({ action: 'consent.accepted', actor: { type: 'user', id: 'u_1', name: 'Ada' }, partnerId: 'p_1', details: { acceptedBy: 'ada@fabrikam.example' } });
    const seen = toPartnerAuditEvent(accepted, 'p_1');
    expect(seen.actor).toEqual({ type: 'customer_user' });
    expect(seen.details).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('ada@');
    const own = event({ action: 'device.registered', actor: { type: 'partner', id: 'p_1', keyId: 'k_1' }, partnerId: 'p_1', details: { deviceIds: ['d_1'] } });
    expect(toPartnerAuditEvent(own, 'p_1')).toEqual(toAuditEvent(own));
  });

  it("R29, R19: a refused attempt is on the partner's trail only when the partner itself tried", () => {
    expect(onPartnerTrail({ partnerId: 'p_1', actor: { type: 'user', id: 'u_1' }, outcome: 'refused' })).toBe(false);
    expect(onPartnerTrail({ partnerId: 'p_1', actor: { type: 'partner', id: 'p_1' }, outcome: 'refused' })).toBe(true);
    expect(onPartnerTrail({ partnerId: 'p_1', actor: { type: 'user', id: 'u_1' } })).toBe(true);
    expect(onPartnerTrail({ actor: { type: 'user', id: 'u_1' } })).toBe(false);
  });

  it('R29: an event is kept 400 days (its TTL)', () => {
    expect(auditExpiry(AT) - Date.parse(AT) / 1000).toBe(400 * 24 * 60 * 60);
  });

  it('R18, R29: every action the code audits is in the action table (its category and subject are known, and it can be filtered on)', () => {
    const root = join(import.meta.dirname, '../../..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    for (const dir of ['shared', 'functions']) walk(join(root, dir));
    const audited = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // Literal actions next to an actor (an audit input), and the templated ones (`device.${change}`, `relationship.${status}`).
      for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_]+)',?\s*(?:\n\s*)?actor/g)) audited.add(m[1]);
    }
    for (const change of ['registered', 'deregistered']) audited.add(`device.${change}`);
    for (const status of ['terminated', 'revoked']) audited.add(`relationship.${status}`);
    // R26: a claim's step names its verb (shared/devices/claims.ts applyAction).
    for (const verb of ['released', 'contested', 'granted', 'denied', 'withdrawn', 'deadline_passed']) audited.add(`device_claim.${verb}`);
    expect(audited.size).toBeGreaterThan(20);
    expect([...audited].filter((action) => !isAuditAction(action))).toEqual([]);
    expect(Object.keys(AUDIT_ACTIONS)).toEqual(expect.arrayContaining([...audited]));
  });
});

describe('R29: the time range of a read (auditRange)', () => {
  const NOW = '2026-12-03T12:00:00.000Z';
  const refusal = (query: { from?: string; to?: string }) => {
    try {
      auditRange(query, NOW);
    } catch (error) {
      return error instanceof DomainError ? { code: error.code, paths: error.errors?.map((e) => e.path) } : error;
    }
    return undefined;
  };

  it('R29: the last 400 days by default; a date is its whole day', () => {
    expect(auditRange({}, NOW)).toEqual({ from: '2025-10-29T12:00:00.000Z', to: NOW });
    expect(auditRange({ from: '2026-11-01', to: '2026-11-30' }, NOW)).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' });
    expect(auditRange({ from: '2026-11-30', to: '2026-11-30' }, NOW)).toEqual({ from: '2026-11-30T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' });
  });

  it('R29: a backwards range is refused naming `to`; one over 400 days naming `from`; exactly 400 days is allowed', () => {
    expect(refusal({ from: '2026-11-30', to: '2026-11-01' })).toEqual({ code: 'validation_failed', paths: ['to'] });
    expect(refusal({ from: '2026-12-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' })).toEqual({ code: 'validation_failed', paths: ['to'] });
    expect(refusal({ from: '2025-01-01', to: '2026-11-30' })).toEqual({ code: 'validation_failed', paths: ['from'] });
    expect(refusal({ from: '2024-01-01' })).toEqual({ code: 'validation_failed', paths: ['from'] });
    expect(refusal({ from: '2025-10-29T12:00:00.000Z' })).toBeUndefined();
    expect(refusal({ from: '2025-10-29T11:59:59.999Z' })).toEqual({ code: 'validation_failed', paths: ['from'] });
  });
});
