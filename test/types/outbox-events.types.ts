/**
 * Type-level tests, never run: `npm run typecheck` compiles this file (tsconfig includes test/),
 * and an unused `@ts-expect-error` is itself an error, so each case fails the typecheck the day the
 * compiler stops refusing it. (Inside a vitest test the same lines pass whatever the types say.)
 */
import { webhookEvent } from '#shared/domain/outbox-events.ts';

const actor = { type: 'user' as const, id: 'u_1' };
const at = '2026-01-01T00:00:00.000Z';

/** The outbox catalogue refuses an event whose payload lacks a field or names an unknown event. */
export function refusedEvents(): unknown[] {
  return [
    // @ts-expect-error the actor is missing: API.md says every event names its actor
    webhookEvent('consent.declined', 'p', { tenantId: 't', partnerId: 'p', requestId: 'cr' }),
    // @ts-expect-error daysLeft is missing from delegated_admin.expiring
    webhookEvent('delegated_admin.expiring', 'p', { tenantId: 't', partnerId: 'p', delegatedAdmin: { roles: [], expiresAt: at }, actor }),
    // @ts-expect-error not an event of the catalogue
    webhookEvent('device.stolen', 'p', {}),
  ];
}
