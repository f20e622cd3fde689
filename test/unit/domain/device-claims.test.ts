import { describe, expect, it } from 'vitest';
import {
  CLAIM_DEVICE_STATUSES,
  claimDeadline,
  claimDeviceTransition,
  claimStatusOf,
  deviceRefOf,
  isFinal,
  movesDevice,
  openCount,
  selectForAction,
  summaryOf,
  type ClaimAction,
} from '#shared/domain/device-claims.ts';

describe('the device claim state machine (R26, S6)', () => {
  it('R26: the owner answers only open devices; operators decide only contested and uncontested ones; the claimant withdraws what is undecided', () => {
    const table = (action: ClaimAction) => Object.fromEntries(CLAIM_DEVICE_STATUSES.map((s) => [s, claimDeviceTransition(s, action) ?? null]));
    expect(table('release')).toEqual({ open: 'released', released: null, contested: null, uncontested: null, granted: null, denied: null, withdrawn: null });
    expect(table('contest')).toEqual({ open: 'contested', released: null, contested: null, uncontested: null, granted: null, denied: null, withdrawn: null });
    expect(table('grant')).toEqual({ open: null, released: null, contested: 'granted', uncontested: 'granted', granted: null, denied: null, withdrawn: null });
    expect(table('deny')).toEqual({ open: null, released: null, contested: 'denied', uncontested: 'denied', granted: null, denied: null, withdrawn: null });
    expect(table('withdraw')).toEqual({ open: 'withdrawn', released: null, contested: 'withdrawn', uncontested: 'withdrawn', granted: null, denied: null, withdrawn: null });
  });

  it('S6: at the deadline only open devices become uncontested, 14 days after the claim', () => {
    expect(CLAIM_DEVICE_STATUSES.filter((s) => claimDeviceTransition(s, 'expire'))).toEqual(['open']);
    expect(claimDeviceTransition('open', 'expire')).toBe('uncontested');
    expect(claimDeadline('2026-11-24T10:00:00.000Z')).toBe('2026-12-08T10:00:00.000Z');
  });

  it('R26: released and granted devices move; final states free the device for another claim', () => {
    expect(CLAIM_DEVICE_STATUSES.filter(movesDevice)).toEqual(['released', 'granted']);
    expect(CLAIM_DEVICE_STATUSES.filter(isFinal)).toEqual(['released', 'granted', 'denied', 'withdrawn']);
  });

  it("R26: the claim is open while a device waits for its owner, with operators while one waits for them, then closed", () => {
    expect(claimStatusOf(summaryOf(['open', 'released']))).toBe('open');
    expect(claimStatusOf(summaryOf(['contested', 'released']))).toBe('with_operators');
    expect(claimStatusOf(summaryOf(['uncontested']))).toBe('with_operators');
    expect(claimStatusOf(summaryOf(['granted', 'denied', 'withdrawn', 'released']))).toBe('closed');
    const summary = summaryOf(['open', 'open', 'contested']);
    expect(summary).toEqual({ claimed: 3, released: 0, contested: 1, uncontested: 0, granted: 0, denied: 0, withdrawn: 0 });
    expect(openCount(summary)).toBe(2);
  });

  it('R26: an answer that names answered devices is refused for them; "all" takes only those it applies to; unknown indexes are named', () => {
    const rows = [{ index: 0, status: 'open' as const }, { index: 1, status: 'released' as const }, { index: 3, status: 'open' as const }];
    expect(selectForAction(rows, [0, 1, 7], 'release')).toEqual({ changes: [{ row: rows[0], to: 'released' }], unknown: [7], notApplicable: [1] });
    expect(selectForAction(rows, 'all', 'contest').changes.map((c) => c.row.index)).toEqual([0, 3]);
    expect(selectForAction(rows, 'all', 'grant')).toEqual({ changes: [], unknown: [], notApplicable: [] });
  });

  it('R19: a claimed device is named by what the claim said of it, never by the owner\'s ids', () => {
    expect(deviceRefOf({ manufacturer: 'Contoso', model: 'L7', serialNumber: 'SN-1' })).toBe('Contoso L7 SN-1');
    expect(deviceRefOf({ productKeyId: '1234567890123' })).toBe('PKID 1234567890123');
    expect(deviceRefOf({ hardwareHash: 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY' })).toBe('hash QUJDREVGR0hJSktM…');
  });
});
